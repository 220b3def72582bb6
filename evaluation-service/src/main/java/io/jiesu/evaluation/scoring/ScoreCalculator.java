package io.jiesu.evaluation.scoring;

import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.event.GovernanceListPublished;
import io.jiesu.contract.event.ScoresPublished;
import io.jiesu.contract.event.UnitScore;
import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.contract.reference.Unit;
import io.jiesu.evaluation.scheme.EvaluationScheme;
import io.jiesu.platform.outbox.Outbox;
import io.jiesu.platform.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Computes a month's three rates, composite scores and rankings from the case file, stores them as a new revision
 * and publishes it on {@code evaluation.results} — in one transaction.
 *
 * <p>Rules (with scheme values in brackets):
 * <ul>
 * <li>A case counts for the unit that completed it, in the month of completion; accepted objections and direct
 * answers do not count. District figures take every counted case located in the district.</li>
 * <li>Response rate = cases contacted within the contact deadline (dispatch's record, unless the return visit says
 * the citizen was not contacted in time) / cases.</li>
 * <li>Resolution rate = (resolved + partly resolved × [partly credit]) / reached visits; satisfaction rate =
 * (satisfied + basically satisfied × [basically credit]) / reached visits; 0 without a reached visit.</li>
 * <li>Composite = 100 × (response × [w1] + resolution × [w2] + satisfaction × [w3]); for departments with whistle
 * attendance: (1 − [wa]) × that + [wa] × 100 × (in time + late × [late credit]) / summons received.</li>
 * <li>Ranked within the peer group when cases ≥ [min volume]; ties broken by satisfaction rate, then more cases,
 * then unit code, so every rank is unique. Governance-type: the last [N] ranked streets/towns.</li>
 * </ul>
 */
@ApplicationScoped
public class ScoreCalculator {
    private static final Logger LOG = Logger.getLogger(ScoreCalculator.class);

    /** Counts of one unit (or district) for one month. */
    record Counts(String unitCode, PeerGroup group, int cases, int responded, int reached, int resolved, int partly,
            int satisfied, int basically) {
    }

    @Inject
    EntityManager em;
    @Inject
    Outbox outbox;

    private final ReferenceData reference = ReferenceData.get();

    @Transactional
    public ScoresPublished calculate(String period, String reason) {
        EvaluationScheme scheme = EvaluationScheme.forPeriod(period).orElseThrow(() ->
                ProblemException.unprocessable("no evaluation scheme is effective for " + period));
        long started = System.nanoTime();
        // one calculation of a month at a time; the next revision number is then safe
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))").setParameter(1, "scores:" + period)
                .getSingleResult();
        List<Counts> counts = new ArrayList<>(count(period, "c.completion_unit", null));
        counts.addAll(count(period, "'D' || c.district_code", PeerGroup.DISTRICT));
        Map<String, double[]> attendance = attendance(period);

        List<UnitScore> scores = new ArrayList<>();
        Map<String, Double> attendanceRates = new HashMap<>();
        for (Counts c : counts) {
            double response = ratio(c.responded(), c.cases());
            double resolution = ratio(c.resolved() + c.partly() * scheme.partlyResolvedCredit.doubleValue(), c.reached());
            double satisfaction = ratio(c.satisfied() + c.basically() * scheme.basicallySatisfiedCredit.doubleValue(),
                    c.reached());
            double composite = 100 * (response * scheme.responseWeight.doubleValue()
                    + resolution * scheme.resolutionWeight.doubleValue()
                    + satisfaction * scheme.satisfactionWeight.doubleValue());
            double[] att = c.group() == PeerGroup.DEPARTMENT ? attendance.get(c.unitCode()) : null;
            Double attendanceRate = null;
            if (att != null && att[0] > 0) {
                attendanceRate = (att[1] + att[2] * scheme.lateReportCredit.doubleValue()) / att[0];
                double wa = scheme.attendanceWeight.doubleValue();
                composite = (1 - wa) * composite + wa * 100 * attendanceRate;
            }
            scores.add(new UnitScore(c.unitCode(), c.group().name(), c.cases(), round(response), round(resolution),
                    round(satisfaction), round(composite), null));
            attendanceRates.put(c.group() + "/" + c.unitCode(), attendanceRate);
        }
        List<UnitScore> ranked = rank(scores, scheme.minVolume);
        List<String> governance = ranked.stream()
                .filter(s -> PeerGroup.STREET_TOWN.name().equals(s.peerGroup()) && s.rank() != null)
                .sorted(Comparator.comparing(UnitScore::rank).reversed())
                .limit(scheme.governanceBottomN).map(UnitScore::unitCode).toList();
        String rule = "the last " + scheme.governanceBottomN + " ranked streets/towns (ranked from "
                + scheme.minVolume + " cases) under scheme " + scheme.version;

        Number last = (Number) em.createNativeQuery(
                "SELECT coalesce(max(revision), 0) FROM score_revision WHERE period = ?1").setParameter(1, period)
                .getSingleResult();
        int revision = last.intValue() + 1;
        Instant now = Instant.now();
        em.createNativeQuery("""
                INSERT INTO score_revision (period, revision, scheme_version, computed_at, reason, governance_units,
                    governance_rule) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)""")
                .setParameter(1, period).setParameter(2, revision).setParameter(3, scheme.version)
                .setParameter(4, now).setParameter(5, reason).setParameter(6, String.join(",", governance))
                .setParameter(7, rule).executeUpdate();
        for (UnitScore s : ranked) {
            em.createNativeQuery("""
                    INSERT INTO score (period, revision, peer_group, unit_code, cases, response_rate, resolution_rate,
                        satisfaction_rate, attendance_rate, composite, rank)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)""")
                    .setParameter(1, period).setParameter(2, revision).setParameter(3, s.peerGroup())
                    .setParameter(4, s.unitCode()).setParameter(5, s.cases()).setParameter(6, s.responseRate())
                    .setParameter(7, s.resolutionRate()).setParameter(8, s.satisfactionRate())
                    .setParameter(9, attendanceRates.get(s.peerGroup() + "/" + s.unitCode()))
                    .setParameter(10, s.composite()).setParameter(11, s.rank()).executeUpdate();
        }
        ScoresPublished published = new ScoresPublished(period, revision, scheme.version, now, ranked);
        outbox.publish(EventCatalog.SCORES_PUBLISHED, period, now, published);
        outbox.publish(EventCatalog.GOVERNANCE_LIST_PUBLISHED, period, now,
                new GovernanceListPublished(period, revision, rule, governance, now));
        LOG.infof("scores of %s revision %d: %d units, governance-type %s (%d ms)", period, revision, ranked.size(),
                governance, (System.nanoTime() - started) / 1_000_000);
        return published;
    }

    @SuppressWarnings("unchecked")
    private List<Counts> count(String period, String unitExpression, PeerGroup fixedGroup) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT %s AS unit, count(*),
                  count(*) FILTER (WHERE c.contacted_at IS NOT NULL AND NOT coalesce(c.contacted_late, false)
                                     AND coalesce(v.contacted_in_time, true)),
                  count(*) FILTER (WHERE v.reached),
                  count(*) FILTER (WHERE v.reached AND v.resolution = 'RESOLVED'),
                  count(*) FILTER (WHERE v.reached AND v.resolution = 'PARTLY_RESOLVED'),
                  count(*) FILTER (WHERE v.reached AND v.satisfaction = 'SATISFIED'),
                  count(*) FILTER (WHERE v.reached AND v.satisfaction = 'BASICALLY_SATISFIED')
                FROM eval_case c LEFT JOIN visit v ON v.visit_id = c.visit_id
                WHERE c.period = ?1 AND NOT c.excluded AND NOT c.answered_directly AND c.completion_unit IS NOT NULL
                  AND (%s) IS NOT NULL
                GROUP BY 1""".formatted(unitExpression, unitExpression)).setParameter(1, period).getResultList();
        List<Counts> result = new ArrayList<>();
        for (Object[] r : rows) {
            String unit = (String) r[0];
            PeerGroup group = fixedGroup != null ? fixedGroup
                    : reference.unit(unit).map(Unit::kind).map(PeerGroup::of).orElse(null);
            if (group == null) {
                continue; // not a ranked unit (e.g. the city centre)
            }
            result.add(new Counts(unit, group, n(r[1]), n(r[2]), n(r[3]), n(r[4]), n(r[5]), n(r[6]), n(r[7])));
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private Map<String, double[]> attendance(String period) {
        Map<String, double[]> result = new HashMap<>();
        List<Object[]> rows = em.createNativeQuery(
                "SELECT unit_code, received, in_time, late FROM whistle_attendance WHERE period = ?1")
                .setParameter(1, period).getResultList();
        rows.forEach(r -> result.put((String) r[0], new double[] {n(r[1]), n(r[2]), n(r[3])}));
        return result;
    }

    static List<UnitScore> rank(List<UnitScore> scores, int minVolume) {
        Comparator<UnitScore> order = Comparator.comparingDouble(UnitScore::composite).reversed()
                .thenComparing(Comparator.comparingDouble(UnitScore::satisfactionRate).reversed())
                .thenComparing(Comparator.comparingInt(UnitScore::cases).reversed())
                .thenComparing(UnitScore::unitCode);
        List<UnitScore> result = new ArrayList<>();
        Map<String, Integer> nextRank = new HashMap<>();
        scores.stream().sorted(Comparator.comparing(UnitScore::peerGroup).thenComparing(order)).forEach(s -> {
            Integer rank = null;
            if (s.cases() >= minVolume) {
                rank = nextRank.merge(s.peerGroup(), 1, Integer::sum);
            }
            result.add(new UnitScore(s.unitCode(), s.peerGroup(), s.cases(), s.responseRate(), s.resolutionRate(),
                    s.satisfactionRate(), s.composite(), rank));
        });
        return result;
    }

    private static double ratio(double part, int whole) {
        return whole == 0 ? 0 : part / whole;
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    private static int n(Object o) {
        return ((Number) o).intValue();
    }

    Optional<Integer> latestRevision(String period) {
        Number n = (Number) em.createNativeQuery("SELECT max(revision) FROM score_revision WHERE period = ?1")
                .setParameter(1, period).getSingleResult();
        return Optional.ofNullable(n).map(Number::intValue);
    }
}
