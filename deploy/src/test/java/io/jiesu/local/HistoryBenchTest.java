package io.jiesu.local;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How bench-history reads its options and how a template row's columns become a history appeal's. */
class HistoryBenchTest {

    @Test
    void optionsNeedTheTargetAndTheReferenceData() {
        HistoryBench.Options o = HistoryBench.parse(new String[] {"--appeals", "1,000,000", "--reference", "r.json"});
        assertEquals(1_000_000, o.appeals());
        assertEquals(11_111, o.perDay());
        assertEquals(50_000, o.chunk());
        assertThrows(IllegalArgumentException.class, () -> HistoryBench.parse(new String[] {"--appeals", "10"}));
        assertThrows(IllegalArgumentException.class,
                () -> HistoryBench.parse(new String[] {"--appeals", "0", "--reference", "r.json"}));
        assertThrows(IllegalArgumentException.class,
                () -> HistoryBench.parse(new String[] {"--appeals", "ten", "--reference", "r.json"}));
        assertThrows(IllegalArgumentException.class, () -> HistoryBench.parse(new String[] {"--rate", "5"}));
    }

    @Test
    void historyCaseIdsSortAndNeverLookLikeThePlatformsOwn() {
        assertEquals("H000000001", HistoryBench.caseId(1));
        assertEquals("H001000000", HistoryBench.caseId(1_000_000));
    }

    @Test
    void columnsThatMakeAppealsDifferAreReplacedTimesShiftedTheRestCopied() {
        assertEquals("h.case_id", value("case_timeline", "case_id", "character varying"));
        assertEquals("h.case_id", value("durable_timer", "subject", "character varying"));
        assertEquals("t.subject", value("whistle", "subject", "character varying"));
        assertEquals("'HISTORY-' || h.g", value("intake_case", "external_id", "character varying"));
        assertEquals("CASE WHEN t.street_code IS NULL THEN NULL ELSE h.street_code END",
                value("case_fact", "street_code", "character varying"));
        assertEquals("h.day", value("case_fact", "day", "date"));
        assertEquals("t.received_at + h.shift", value("work_order", "received_at", "timestamp with time zone"));
        assertEquals("(t.follow_up_on + h.shift)::date", value("work_order", "follow_up_on", "date"));
        assertEquals("t.content", value("work_order", "content", "text"));
        assertEquals("CASE WHEN t.source_event_id IS NULL THEN NULL ELSE t.source_event_id || '~h' || h.g END",
                HistoryBench.value("case_timeline", new HistoryBench.Column("source_event_id", "character varying",
                        false), true));
    }

    @Test
    void closedHistoryHasNoPendingWorkAndPastTimersHaveFired() {
        assertTrue(value("intake_case", "status", "character varying").contains("ELSE 'VISITED'"));
        assertTrue(value("work_order", "status", "character varying").contains("ELSE 'COMPLETED'"));
        String timer = value("durable_timer", "status", "character varying");
        assertTrue(timer.contains("t.due_at + h.shift <= now() THEN 'FIRED'"), timer);
        assertTrue(timer.contains("WHEN NOT h.open THEN 'CANCELLED'"), timer);
    }

    private static String value(String table, String column, String type) {
        return HistoryBench.value(table, new HistoryBench.Column(column, type, false), false);
    }
}
