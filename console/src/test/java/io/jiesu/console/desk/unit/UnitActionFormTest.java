package io.jiesu.console.desk.unit;

import jakarta.ws.rs.core.MultivaluedHashMap;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The unit's forms as dispatch's command bodies. */
class UnitActionFormTest {
    @Test
    void eachActionSendsItsOwnFieldsBlanksLeftOut() {
        MultivaluedHashMap<String, String> form = new MultivaluedHashMap<>();
        form.putSingle("outcome", "PARTLY_RESOLVED");
        form.putSingle("summary", " 已协调 ");
        form.putSingle("reason", "");
        form.putSingle("note", "ignored here");
        Map<String, Object> body = UnitActionForm.body("C1", "complete", form, "张敏");
        assertEquals(Map.of("caseId", "C1", "outcome", "PARTLY_RESOLVED", "summary", "已协调"), body);
        assertEquals(Map.of("caseId", "C1", "signedBy", "张敏"),
                UnitActionForm.body("C1", "sign", new MultivaluedHashMap<>(), "张敏"));
        assertThrows(IllegalArgumentException.class, () -> UnitActionForm.body("C1", "delete", form, "x"));
    }

    @Test
    void anExtensionDeadlineIsBeijingTime() {
        assertEquals("2026-12-08T10:00:00Z", UnitActionForm.beijing("2026-12-08T18:00"));
        assertEquals("tomorrow", UnitActionForm.beijing("tomorrow")); // dispatch names the field in its 400
        MultivaluedHashMap<String, String> form = new MultivaluedHashMap<>();
        form.putSingle("reason", "需协调产权单位");
        Map<String, Object> body = UnitActionForm.body("C1", "extension", form, "x");
        assertNull(body.get("requestedDeadline"));
    }
}
