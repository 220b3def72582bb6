package io.jiesu.analytics.ingest;

import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The read model's column rules, in one place: one batch's intake, dispatch or evaluation events folded per case,
 * then written with two statements for the whole batch (an insert of the missing rows and one
 * {@code UPDATE … FROM unnest(…)}). {@link CaseEventConsumer}'s per-event handlers are this fold over one event.
 *
 * <p>A case's events are applied in their order: {@code case.received} and {@code case.answered-directly} set the
 * appeal's columns (the last one wins), a repeat link adds to {@code repeat_links} (and {@code same_caller_links});
 * {@code dispatched_at}, {@code signed_at} and the case attributes of {@code case.dispatched} keep the first value
 * (COALESCE), so intake's values win whichever topic comes first; the unit, completion and visit columns take the
 * last one, a re-dispatch clears {@code signed_at} (so the new unit's sign-for counts), and an accepted objection
 * sets {@code excluded} for good.
 */
final class CaseFacts {
    private final Map<String, Patch> cases = new LinkedHashMap<>();

    Patch of(String caseId) {
        return cases.computeIfAbsent(caseId, Patch::new);
    }

    boolean isEmpty() {
        return cases.isEmpty();
    }

    static final class Patch {
        final String caseId;
        /** case.received or case.answered-directly: the appeal's own columns, set (not COALESCEd). */
        boolean appealSet;
        Instant receivedAt;
        String channel;
        /** case.received: urgency and caller hash too (answered-directly carries neither). */
        boolean receivedSet;
        String callerHash;
        boolean answeredDirectly;
        int repeatLinks;
        int sameCallerLinks;
        Instant dispatchedAt;
        boolean unitSet;
        String unitCode;
        String appealType;
        String categoryCode;
        String districtCode;
        String streetCode;
        String urgency;
        boolean signedReset;
        Instant signedAt;
        boolean completedSet;
        Instant completedAt;
        String outcome;
        boolean visitSet;
        Instant visitedAt;
        Boolean reached;
        String resolution;
        String satisfaction;
        boolean excluded;

        Patch(String caseId) {
            this.caseId = caseId;
        }

        void received(Instant at, String channelName, String type, String category, String district, String street,
                String urgencyName, String caller) {
            appeal(at, channelName, type, category, district, street);
            receivedSet = true;
            urgency = urgencyName;
            callerHash = caller;
        }

        void answeredDirectly(Instant at, String channelName, String category, String district, String street,
                Instant answeredAt) {
            appeal(at, channelName, "CONSULTATION", category, district, street);
            answeredDirectly = true;
            completed(answeredAt, "EXPLAINED");
        }

        private void appeal(Instant at, String channelName, String type, String category, String district,
                String street) {
            appealSet = true;
            receivedAt = at;
            channel = channelName;
            appealType = type;
            categoryCode = category;
            districtCode = district;
            streetCode = street;
        }

        void linked(boolean sameCaller) {
            repeatLinks++;
            sameCallerLinks += sameCaller ? 1 : 0;
        }

        void dispatched(Instant at, String unit, String type, String category, String district, String street,
                String urgencyName) {
            dispatchedAt = dispatchedAt != null ? dispatchedAt : at;
            unitSet = true;
            unitCode = unit;
            appealType = appealType != null ? appealType : type;
            categoryCode = categoryCode != null ? categoryCode : category;
            districtCode = districtCode != null ? districtCode : district;
            streetCode = streetCode != null ? streetCode : street;
            urgency = urgency != null ? urgency : urgencyName;
        }

        void redispatched(String toUnit) {
            unitSet = true;
            unitCode = toUnit;
            signedReset = true; // what the row had, and any sign-for before this in the batch, no longer count
            signedAt = null;
        }

        void signed(Instant at) {
            signedAt = signedAt != null ? signedAt : at;
        }

        void completed(Instant at, String outcomeName) {
            completedSet = true;
            completedAt = at;
            outcome = outcomeName;
        }

        void visited(Instant at, boolean wasReached, String resolutionName, String satisfactionName) {
            visitSet = true;
            visitedAt = at;
            reached = wasReached;
            resolution = resolutionName;
            satisfaction = satisfactionName;
        }

        void excluded() {
            excluded = true;
        }
    }

    void writeIntake(EntityManager em) {
        write(em, """
                UPDATE case_fact f SET
                    received_at   = CASE WHEN p.appeal_set THEN p.received_at ELSE f.received_at END,
                    day           = CASE WHEN p.appeal_set THEN p.day ELSE f.day END,
                    channel       = CASE WHEN p.appeal_set THEN p.channel ELSE f.channel END,
                    appeal_type   = CASE WHEN p.appeal_set THEN p.appeal_type ELSE f.appeal_type END,
                    category_code = CASE WHEN p.appeal_set THEN p.category_code ELSE f.category_code END,
                    district_code = CASE WHEN p.appeal_set THEN p.district_code ELSE f.district_code END,
                    street_code   = CASE WHEN p.appeal_set THEN p.street_code ELSE f.street_code END,
                    urgency       = CASE WHEN p.received_set THEN p.urgency ELSE f.urgency END,
                    caller_hash   = CASE WHEN p.received_set THEN p.caller_hash ELSE f.caller_hash END,
                    answered_directly = f.answered_directly OR p.answered_directly,
                    completed_at  = CASE WHEN p.completed_set THEN p.completed_at ELSE f.completed_at END,
                    outcome       = CASE WHEN p.completed_set THEN p.outcome ELSE f.outcome END,
                    repeat_links  = f.repeat_links + p.repeat_links,
                    same_caller_links = f.same_caller_links + p.same_caller_links
                FROM unnest(?::text[], ?::boolean[], ?::timestamptz[], ?::date[], ?::text[], ?::text[], ?::text[],
                            ?::text[], ?::text[], ?::boolean[], ?::text[], ?::text[], ?::boolean[], ?::boolean[],
                            ?::timestamptz[], ?::text[], ?::int[], ?::int[])
                     AS p(case_id, appeal_set, received_at, day, channel, appeal_type, category_code, district_code,
                          street_code, received_set, urgency, caller_hash, answered_directly, completed_set,
                          completed_at, outcome, repeat_links, same_caller_links)
                WHERE f.case_id = p.case_id""", List.of(p -> p.caseId, p -> str(p.appealSet), p -> str(p.receivedAt),
                p -> p.receivedAt == null ? null : CaseEventConsumer.day(p.receivedAt).toString(), p -> p.channel, p -> p.appealType, p -> p.categoryCode, p -> p.districtCode, p -> p.streetCode,
                p -> str(p.receivedSet), p -> p.urgency, p -> p.callerHash, p -> str(p.answeredDirectly),
                p -> str(p.completedSet), p -> str(p.completedAt), p -> p.outcome,
                p -> Integer.toString(p.repeatLinks), p -> Integer.toString(p.sameCallerLinks)));
    }

    void writeDispatch(EntityManager em) {
        write(em, """
                UPDATE case_fact f SET
                    dispatched_at = COALESCE(f.dispatched_at, p.dispatched_at),
                    unit_code     = CASE WHEN p.unit_set THEN p.unit_code ELSE f.unit_code END,
                    appeal_type   = COALESCE(f.appeal_type, p.appeal_type),
                    category_code = COALESCE(f.category_code, p.category_code),
                    district_code = COALESCE(f.district_code, p.district_code),
                    street_code   = COALESCE(f.street_code, p.street_code),
                    urgency       = COALESCE(f.urgency, p.urgency),
                    signed_at     = CASE WHEN p.signed_reset THEN p.signed_at ELSE COALESCE(f.signed_at, p.signed_at) END,
                    completed_at  = CASE WHEN p.completed_set THEN p.completed_at ELSE f.completed_at END,
                    outcome       = CASE WHEN p.completed_set THEN p.outcome ELSE f.outcome END
                FROM unnest(?::text[], ?::timestamptz[], ?::boolean[], ?::text[], ?::text[], ?::text[], ?::text[],
                            ?::text[], ?::text[], ?::boolean[], ?::timestamptz[], ?::boolean[], ?::timestamptz[],
                            ?::text[])
                     AS p(case_id, dispatched_at, unit_set, unit_code, appeal_type, category_code, district_code,
                          street_code, urgency, signed_reset, signed_at, completed_set, completed_at, outcome)
                WHERE f.case_id = p.case_id""", List.of(p -> p.caseId, p -> str(p.dispatchedAt),
                p -> str(p.unitSet), p -> p.unitCode, p -> p.appealType, p -> p.categoryCode, p -> p.districtCode,
                p -> p.streetCode, p -> p.urgency, p -> str(p.signedReset), p -> str(p.signedAt),
                p -> str(p.completedSet), p -> str(p.completedAt), p -> p.outcome));
    }

    void writeEvaluation(EntityManager em) {
        write(em, """
                UPDATE case_fact f SET
                    visited_at   = CASE WHEN p.visit_set THEN p.visited_at ELSE f.visited_at END,
                    reached      = CASE WHEN p.visit_set THEN p.reached ELSE f.reached END,
                    resolution   = CASE WHEN p.visit_set THEN p.resolution ELSE f.resolution END,
                    satisfaction = CASE WHEN p.visit_set THEN p.satisfaction ELSE f.satisfaction END,
                    excluded     = f.excluded OR p.excluded
                FROM unnest(?::text[], ?::boolean[], ?::timestamptz[], ?::boolean[], ?::text[], ?::text[],
                            ?::boolean[])
                     AS p(case_id, visit_set, visited_at, reached, resolution, satisfaction, excluded)
                WHERE f.case_id = p.case_id""", List.of(p -> p.caseId, p -> str(p.visitSet),
                p -> str(p.visitedAt), p -> p.reached == null ? null : p.reached.toString(), p -> p.resolution,
                p -> p.satisfaction, p -> str(p.excluded)));
    }

    /** Inserts the rows not there yet, then updates every case of the batch with one statement. */
    private void write(EntityManager em, String update, List<Function<Patch, String>> columns) {
        if (cases.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO case_fact (case_id) SELECT unnest(?::text[]) ON CONFLICT DO NOTHING")) {
                insert.setArray(1, array(connection, columns.get(0)));
                insert.executeUpdate();
            }
            try (PreparedStatement ps = connection.prepareStatement(update)) {
                for (int i = 0; i < columns.size(); i++) {
                    ps.setArray(i + 1, array(connection, columns.get(i)));
                }
                ps.executeUpdate();
            }
        });
    }

    /** One column of the batch as a text array; PostgreSQL casts it to the column's type. */
    private java.sql.Array array(Connection connection, Function<Patch, String> column) throws SQLException {
        return connection.createArrayOf("text", cases.values().stream().map(column).toArray(String[]::new));
    }

    private static String str(Instant at) {
        return at == null ? null : at.toString();
    }

    private static String str(boolean b) {
        return Boolean.toString(b);
    }
}
