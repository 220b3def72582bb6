package io.jiesu.console.desk.unit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The unit inbox feed: what a record becomes, and that a page hears only its own unit's notices. */
class UnitInboxTest {
    static ConsumerRecord<String, String> record(String topic, String type, String key, String value) {
        ConsumerRecord<String, String> r = new ConsumerRecord<>(topic, 0, 0L, key, value);
        r.headers().add(new RecordHeader("ce_type", type.getBytes(StandardCharsets.UTF_8)));
        return r;
    }

    @Test
    void aPageHearsOnlyItsOwnUnitsNotices() {
        UnitInbox inbox = new UnitInbox();
        List<UnitInbox.Notice> heard = new CopyOnWriteArrayList<>();
        inbox.stream("110101001").subscribe().with(heard::add);
        inbox.onRecord(record("unit.110101002.inbox", "jiesu.inbox.work-order.v1", "C2", "{\"caseId\":\"C2\"}"));
        inbox.onRecord(record("unit.110101001.inbox", "jiesu.inbox.notice.v1", "C1",
                "{\"caseId\":\"C1\",\"kind\":\"URGE\",\"message\":\"请尽快联系诉求人\"}"));
        inbox.onRecord(record("unit.110101001.commands", "jiesu.command.sign.v1", "C3", "{}"));
        assertEquals(1, heard.size(), heard.toString());
        assertEquals("C1", heard.get(0).caseId());
        assertEquals("URGE", heard.get(0).kind());
        assertEquals("请尽快联系诉求人", heard.get(0).message());
    }

    @Test
    void workOrdersSummonsAndNoticesAreToldApart() {
        Instant at = Instant.parse("2026-12-07T02:00:00Z");
        UnitInbox.Notice order = UnitInbox.notice("unit.X.inbox", "jiesu.inbox.work-order.v1", "C1",
                "{\"caseId\":\"C1\"}", at);
        assertEquals("work-order", order.kind());
        assertEquals("X", order.unitCode());
        UnitInbox.Notice summons = UnitInbox.notice("unit.ENT_HEATING.inbox", "jiesu.inbox.summons.v1", "C2",
                "{\"whistleId\":\"W1\",\"caseId\":\"C2\",\"matter\":\"管线破裂\"}", at);
        assertEquals("summons", summons.kind());
        assertEquals("W1", summons.whistleId());
        assertEquals("管线破裂", summons.message());
        UnitInbox.Notice broken = UnitInbox.notice("unit.X.inbox", "jiesu.inbox.notice.v1", "C3", "not json", at);
        assertEquals("C3", broken.caseId());
        assertNull(UnitInbox.notice("case.dispatch", "jiesu.case.dispatched.v1", "C4", "{}", at));
    }

    @Test
    void aNoticeIsOneEscapedLineLinkingItsOrderOrWhistle() {
        Instant at = Instant.parse("2026-12-07T02:00:00Z");
        String html = UnitDeskResource.noticeHtml(new UnitInbox.Notice("X", "C1", "REOPENED",
                "<script>x</script>", null, at), Locale.forLanguageTag("zh-CN"));
        assertTrue(html.contains("10:00:00 · <strong>重办</strong>"), html);
        assertTrue(html.contains("href=\"/desk/unit/orders/C1\""), html);
        assertFalse(html.contains("<script>"), html);
        String summons = UnitDeskResource.noticeHtml(new UnitInbox.Notice("X", "C2", "summons", "管线", "W1", at),
                Locale.ENGLISH);
        assertTrue(summons.contains("href=\"/desk/unit/whistles/W1\""), summons);
        assertTrue(summons.contains("Whistle summons"), summons);
    }
}
