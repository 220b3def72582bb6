package io.jiesu.analytics.ingest;

import io.agroal.api.AgroalDataSource;
import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.Json;
import io.jiesu.contract.event.CaseReceived;
import io.jiesu.contract.event.Citizen;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.Location;
import io.jiesu.platform.consumer.IncomingEvent;
import io.jiesu.testing.JiesuTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The set-based intake poll: the collective-complaint alerts and the hotspot are the same whether a street's appeals
 * come one by one in time order, in one shuffled poll, in several polls, spread over partitions applied in any order,
 * or in polls in reverse time order — and a poll applied again raises nothing new. Each way gets its own street.
 */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "analytics"))
class IntakePollOrderTest {
    static final String DISTRICT = "119901"; // no such district: no other test's figures move
    static final String CATEGORY = "GARBAGE";

    @Inject
    CaseEventConsumer consumer;
    @Inject
    AgroalDataSource db;

    /** Two windows of five complaints (a sixth and a consultation in each that do not count), on one day. */
    static final String[] TIMES = {"09:00", "09:20", "09:40", "10:00", "10:20", "10:40", "13:00", "13:20", "13:40",
            "14:00", "14:20", "15:00"};

    @Test
    void theAlertsDoNotDependOnHowTheAppealsAreGroupedIntoPolls() {
        String expected = "2019-05-06T10:20|A0,A1,A2,A3,A4;2019-05-06T14:20|A6,A7,A8,A9,A10";
        assertEquals(expected, run("one-by-one", events -> events.stream().map(List::of).toList()));
        assertEquals(expected, run("one-poll", events -> {
            List<IncomingEvent> shuffled = new ArrayList<>(events);
            Collections.shuffle(shuffled, new Random(7));
            return List.of(shuffled);
        }));
        assertEquals(expected, run("polls-of-3", events -> chunks(events, 3)));
        assertEquals(expected, run("reverse-polls", events -> {
            List<List<IncomingEvent>> polls = new ArrayList<>(chunks(events, 7));
            Collections.reverse(polls);
            return polls;
        }));
        assertEquals(expected, run("partitions", events -> {
            // three partitions (by case), each in its order; a poll takes two records of each, last partition first
            List<List<IncomingEvent>> partitions = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (int i = 0; i < events.size(); i++) {
                partitions.get((i * 7) % 3).add(events.get(i));
            }
            List<List<IncomingEvent>> polls = new ArrayList<>();
            for (int from = 0; from < events.size(); from += 2) {
                List<IncomingEvent> poll = new ArrayList<>();
                for (int p = 2; p >= 0; p--) {
                    List<IncomingEvent> part = partitions.get(p);
                    poll.addAll(part.subList(Math.min(from, part.size()), Math.min(from + 2, part.size())));
                }
                if (!poll.isEmpty()) {
                    polls.add(poll);
                }
            }
            return polls;
        }));
        // redelivered (the consumer's de-duplication aside): the alerts' keys keep them once
        assertEquals(expected, run("again", events -> List.of(events, events)));
    }

    /** Applies the day's appeals in the given polls on a street of its own; the alerts and the hotspot's count. */
    String run(String way, Function<List<IncomingEvent>, List<List<IncomingEvent>>> polls) {
        String street = "T-" + way + "-" + UUID.randomUUID().toString().substring(0, 6);
        List<IncomingEvent> events = new ArrayList<>();
        for (int i = 0; i < TIMES.length; i++) {
            events.add(received(street, "A" + i, "2019-05-06T" + TIMES[i], Enums.AppealType.COMPLAINT));
        }
        events.add(received(street, "Q", "2019-05-06T10:25", Enums.AppealType.CONSULTATION));
        events.sort(Comparator.comparing(IncomingEvent::time));
        for (List<IncomingEvent> poll : polls.apply(events)) {
            QuarkusTransaction.requiringNew().run(() -> consumer.intakeBatch(poll));
        }
        assertEquals("5", select("SELECT count FROM hotspot WHERE street_code = ?", street), way + ": hotspot");
        return select("""
                SELECT string_agg(to_char(window_end AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI') || '|'
                                  || replace(case_ids, ?, ''), ';' ORDER BY window_end)
                FROM risk_alert WHERE kind = 'COLLECTIVE_COMPLAINT' AND street_code = ?""", street + "-", street);
    }

    static List<List<IncomingEvent>> chunks(List<IncomingEvent> events, int size) {
        List<List<IncomingEvent>> out = new ArrayList<>();
        for (int i = 0; i < events.size(); i += size) {
            out.add(events.subList(i, Math.min(i + size, events.size())));
        }
        return out;
    }

    static IncomingEvent received(String street, String name, String beijingTime, Enums.AppealType type) {
        Instant at = LocalDateTime.parse(beijingTime).atZone(CaseEventConsumer.BEIJING).toInstant();
        String caseId = street + "-" + name;
        CaseReceived r = new CaseReceived(caseId, "ext-" + caseId, Enums.Channel.PHONE, at, type, CATEGORY,
                Enums.ValueSource.GIVEN, Enums.Urgency.NORMAL, Enums.ValueSource.GIVEN,
                new Citizen("张三", "13800000000", false, false),
                new Location(DISTRICT, street, "某社区", "某路1号", null, null), "反映问题", List.of());
        try {
            return new IncomingEvent(UUID.randomUUID().toString(), EventCatalog.CASE_RECEIVED.type(), "/test", caseId,
                    at, EventCatalog.CASE_RECEIVED.topic(), caseId, Json.mapper().writeValueAsString(r));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String select(String sql, String... params) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }
}
