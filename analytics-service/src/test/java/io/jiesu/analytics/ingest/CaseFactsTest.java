package io.jiesu.analytics.ingest;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The read model's column rules as a fold over one case's events, without a database. */
class CaseFactsTest {
    static final Instant T = Instant.parse("2025-03-01T01:00:00Z");

    @Test
    void intakeEventsSetTheAppealTheLastOneWinningAndLinksAddUp() {
        CaseFacts facts = new CaseFacts();
        CaseFacts.Patch p = facts.of("C1");
        p.received(T, "PHONE", "COMPLAINT", "NOISE", "110108", "110108001", "NORMAL", "hash");
        p.linked(true);
        p.linked(false);
        p.answeredDirectly(T.plusSeconds(60), "WEB", "NOISE", "110108", "110108002", T.plusSeconds(120));
        assertTrue(p.appealSet);
        assertEquals("CONSULTATION", p.appealType);
        assertEquals("110108002", p.streetCode);
        assertEquals(T.plusSeconds(60), p.receivedAt);
        assertEquals("hash", p.callerHash, "answered-directly carries no caller: the received one stays");
        assertTrue(p.answeredDirectly);
        assertEquals("EXPLAINED", p.outcome);
        assertEquals(2, p.repeatLinks);
        assertEquals(1, p.sameCallerLinks);
        assertFalse(facts.isEmpty());
    }

    @Test
    void dispatchKeepsTheFirstValuesAndARedispatchClearsTheSignFor() {
        CaseFacts.Patch p = new CaseFacts().of("C2");
        p.dispatched(T, "U1", "COMPLAINT", "NOISE", "110108", "110108001", "NORMAL");
        p.signed(T.plusSeconds(10));
        p.dispatched(T.plusSeconds(20), "U2", "SUGGESTION", "ROAD", "110105", "110105001", "URGENT");
        assertEquals(T, p.dispatchedAt);
        assertEquals("U2", p.unitCode);
        assertEquals("NOISE", p.categoryCode);
        p.redispatched("U3");
        assertTrue(p.signedReset);
        assertNull(p.signedAt);
        p.signed(T.plusSeconds(30));
        p.signed(T.plusSeconds(40));
        assertEquals(T.plusSeconds(30), p.signedAt, "the new unit's first sign-for");
    }

    @Test
    void aVisitTakesTheLastAndAnAcceptedObjectionExcludesForGood() {
        CaseFacts.Patch p = new CaseFacts().of("C3");
        p.visited(T, false, null, null);
        p.excluded();
        p.visited(T.plusSeconds(60), true, "RESOLVED", "SATISFIED");
        assertEquals(T.plusSeconds(60), p.visitedAt);
        assertEquals("SATISFIED", p.satisfaction);
        assertTrue(p.excluded);
    }
}
