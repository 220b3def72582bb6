package io.jiesu.contract.event;

import java.time.Instant;
import java.util.List;

/**
 * {@code jiesu.case.caller-flagged.v1}: a caller went over the abusive-calling threshold. The caller appears only
 * as a keyed hash of the phone number; keyed by that hash.
 */
public record CallerFlagged(String callerHash, int appealCount, int windowMinutes, Instant flaggedAt,
        List<String> caseIds, String rule) {
}
