package io.jiesu.contract.event;

import java.time.Instant;
import java.util.Map;

/** {@code jiesu.inbox.notice.v1}: a message to a unit about one of its cases (reminder, decision, repeat appeal…). */
public record InboxNotice(String caseId, String unitCode, Enums.NoticeKind kind, Instant at, String message,
        Map<String, String> details) {
}
