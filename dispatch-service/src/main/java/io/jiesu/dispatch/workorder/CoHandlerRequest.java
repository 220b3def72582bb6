package io.jiesu.dispatch.workorder;

/** Body of {@code POST /api/v1/work-orders/{caseId}/co-handlers}: the lead adds a co-handling unit (协办). */
public record CoHandlerRequest(String caseId, String unitCode, String note) {
}
