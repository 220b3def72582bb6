package io.jiesu.console.desk.unit;

import io.jiesu.console.web.Ui;
import jakarta.ws.rs.core.MultivaluedMap;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A unit's action form as dispatch's command body ({@code POST /api/v1/work-orders/{caseId}/{action}}): the fields
 * of each action, blanks left out, a Beijing date-time for an extension as an instant. Whether the action is allowed
 * and its fields are right is dispatch's to say (its refusal is shown next to the form).
 */
final class UnitActionForm {
    /** The actions a unit's page offers: dispatch's {@code allowedActions} names. */
    static final Set<String> ACTIONS = Set.of("sign", "contact", "progress", "return", "extension", "complete",
            "co-handlers");

    private UnitActionForm() {
    }

    static Map<String, Object> body(String caseId, String action, MultivaluedMap<String, String> form,
            String signedBy) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("caseId", caseId);
        switch (action) {
            case "sign" -> body.put("signedBy", signedBy);
            case "contact" -> copy(form, body, "method", "note");
            case "progress" -> copy(form, body, "note");
            case "return" -> copy(form, body, "reason");
            case "extension" -> {
                copy(form, body, "reason");
                body.put("requestedDeadline", beijing(form.getFirst("requestedDeadline")));
            }
            case "complete" -> copy(form, body, "outcome", "summary", "reason", "plan", "followUpOn");
            case "co-handlers" -> copy(form, body, "unitCode", "note");
            default -> throw new IllegalArgumentException("no unit action " + action);
        }
        return body;
    }

    /** {@code 2026-12-08T18:00} read as Beijing time → an ISO instant; blank → null; unreadable → as typed. */
    static String beijing(String local) {
        if (local == null || local.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(local.trim()).atZone(Ui.BEIJING).toInstant().toString();
        } catch (DateTimeParseException e) {
            return local.trim(); // dispatch names the field in its 400
        }
    }

    static void copy(MultivaluedMap<String, String> form, Map<String, Object> body, String... fields) {
        for (String f : fields) {
            String v = form.getFirst(f);
            if (v != null && !v.isBlank()) {
                body.put(f, v.trim());
            }
        }
    }
}
