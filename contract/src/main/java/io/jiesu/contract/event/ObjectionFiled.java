package io.jiesu.contract.event;

import java.time.Instant;
import java.util.List;

/** {@code jiesu.evaluation.objection-filed.v1}: a unit objects (申诉) to one case's scoring. */
public record ObjectionFiled(String objectionId, String caseId, String unitCode, Enums.ObjectionReason reason,
        String statement, List<Attachment> evidence, Instant filedAt) {
}
