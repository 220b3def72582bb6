package io.jiesu.console.desk.call;

import jakarta.ws.rs.core.MultivaluedHashMap;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The call-taker's form becomes intake's appeal body; intake's field names map back to the form's inputs. */
class AppealFormTest {
    @Test
    void theFormBecomesIntakesAppealWithItsIdempotencyKey() {
        MultivaluedHashMap<String, String> f = new MultivaluedHashMap<>();
        f.putSingle("externalId", "CONSOLE-1");
        f.putSingle("type", "CONSULTATION");
        f.putSingle("content", "  居住证怎么办  ");
        f.putSingle("districtCode", "110101");
        f.putSingle("streetCode", "110101001");
        f.putSingle("communityCode", "110101001001");
        f.putSingle("phone", "13900000000");
        f.putSingle("name", "王女士");
        f.putSingle("anonymous", "on");
        f.putSingle("knowledgeEntryId", "kb-residence-permit");
        f.putSingle("categoryCode", "");
        Map<String, Object> appeal = AppealForm.from(f).toAppeal(Instant.parse("2026-12-06T08:00:00Z"));
        assertEquals("CONSOLE-1", appeal.get("externalId"));
        assertEquals("PHONE", appeal.get("channel"));
        assertEquals("居住证怎么办", appeal.get("content"));
        assertNull(appeal.get("categoryCode"), "empty: intake suggests one");
        assertEquals("kb-residence-permit", appeal.get("knowledgeEntryId"));
        @SuppressWarnings("unchecked")
        Map<String, Object> citizen = (Map<String, Object>) appeal.get("citizen");
        assertTrue((Boolean) citizen.get("anonymous"));
        assertNull(citizen.get("name"), "an anonymous caller's name is not sent");
        assertFalse((Boolean) citizen.get("confidential"));
    }

    @Test
    void aChosenAnswerIsSentOnlyForAConsultation() {
        MultivaluedHashMap<String, String> f = new MultivaluedHashMap<>();
        f.putSingle("type", "COMPLAINT");
        f.putSingle("knowledgeEntryId", "kb-x");
        Map<String, Object> appeal = AppealForm.from(f).toAppeal(Instant.now());
        assertFalse(appeal.containsKey("knowledgeEntryId"));
        assertTrue(((String) appeal.get("externalId")).startsWith("CONSOLE-"), "a key even when the form had none");
    }

    @Test
    void intakesFieldNamesPointAtTheFormsInputs() {
        Map<String, String> errors = AppealForm.fieldErrors(Map.of("location.streetCode", "unknown street",
                "citizen.phone", "must be a phone number", "content", "must not be blank"));
        assertEquals("unknown street", errors.get("streetCode"));
        assertEquals("must be a phone number", errors.get("phone"));
        assertEquals("must not be blank", errors.get("content"));
    }
}
