package io.jiesu.evaluation.scoring;

import io.jiesu.contract.event.UnitScore;
import io.jiesu.evaluation.scheme.SchemeRules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The scoring rules of one month, as plain code: no database, no clock, no CDI (tested by {@code ScoringRulesTest}
 * on a hand-computed month). {@link ScoreCalculator} loads the inputs, locks, stores and publishes.
 *
 * <p>With scheme values in brackets:
 * <ul>
 * <li>Each counted case is scored for the unit it counts for and for its district ({@code D<code>}).</li>
 * <li>Response credit of a case = [sign-for share] × signed for in time + (1 − [sign-for share]) × contacted in time
 * (dispatch's record, unless the counting visit says the citizen was not contacted in time); an open case past its
 * deadline earns 0 when [open overdue unresponded]. Response rate = Σ credit / cases.</li>
 * <li>Resolution: a completed case with a reached counting visit earns the visit's credit (resolved 1, partly
 * [partly credit], unresolved 0), at most [outcome cap] of its completion outcome (none: as the visit says); an open
 * case past its deadline earns 0 and always counts. Rate = Σ credit / (reached visits + open overdue cases).</li>
 * <li>Satisfaction: satisfied 1, basically [basically credit], dissatisfied 0 over reached visits; an open case
 * past its deadline counts with 0 when [open overdue dissatisfied].</li>
 * <li>Composite = 100 × (response × [w1] + resolution × [w2] + satisfaction × [w3]); departments with whistle
 * attendance: (1 − [wa]) × that + [wa] × 100 × (in time + late × [late credit]) / summons; then minus
 * [points per overdue mark] × the unit's overdue marks of the month, never below 0.</li>
 * <li>Ranked within the peer group from [min volume] cases; ties by satisfaction rate, then more cases, then unit
 * code. (Governance-type and commended units: {@code governance.GovernanceRule}, {@code CommendationRule}.)</li>
 * </ul>
 */
public final class ScoringRules {
    private ScoringRules() {
    }

    /** A department's whistle summons of the month: received, reported in time, late. */
    public record Attendance(int received, int inTime, int late) {
    }

    /**
     * The month's result: every scored unit (ranked), attendance rates by {@code group/unit}. The governance-type and
     * commendation lists are chosen from the ranks by {@code governance.GovernanceRule} and {@code CommendationRule}.
     */
    public record MonthResult(List<UnitScore> scores, Map<String, Double> attendanceRates) {
    }

    /** Sums of one unit or district. */
    static final class Sums {
        final String unitCode;
        final PeerGroup group;
        int cases;
        double response;
        int resolutionBase;
        double resolution;
        int satisfactionBase;
        double satisfaction;

        Sums(String unitCode, PeerGroup group) {
            this.unitCode = unitCode;
            this.group = group;
        }
    }

    public static MonthResult score(List<CaseTally> tallies, Map<String, Attendance> attendance,
            Map<String, Integer> overdueMarks, SchemeRules rules, Function<String, PeerGroup> groupOf) {
        Map<String, Sums> sums = new LinkedHashMap<>();
        for (CaseTally t : tallies) {
            PeerGroup group = t.unitCode() == null ? null : groupOf.apply(t.unitCode());
            if (group != null) {
                add(sums.computeIfAbsent(group + "/" + t.unitCode(), k -> new Sums(t.unitCode(), group)), t, rules);
            }
            if (t.districtCode() != null) {
                String d = "D" + t.districtCode();
                add(sums.computeIfAbsent(PeerGroup.DISTRICT + "/" + d, k -> new Sums(d, PeerGroup.DISTRICT)), t, rules);
            }
        }
        List<UnitScore> scores = new ArrayList<>();
        Map<String, Double> attendanceRates = new HashMap<>();
        for (Sums s : sums.values()) {
            double response = ratio(s.response, s.cases);
            double resolution = ratio(s.resolution, s.resolutionBase);
            double satisfaction = ratio(s.satisfaction, s.satisfactionBase);
            double composite = 100 * (response * rules.responseWeight() + resolution * rules.resolutionWeight()
                    + satisfaction * rules.satisfactionWeight());
            Attendance att = s.group == PeerGroup.DEPARTMENT ? attendance.get(s.unitCode) : null;
            Double attendanceRate = null;
            if (att != null && att.received() > 0) {
                attendanceRate = (att.inTime() + att.late() * rules.lateReportCredit()) / att.received();
                composite = (1 - rules.attendanceWeight()) * composite + rules.attendanceWeight() * 100 * attendanceRate;
            }
            int marks = overdueMarks.getOrDefault(s.unitCode, 0);
            composite = Math.max(0, composite - rules.overdueMarkPoints() * marks);
            scores.add(new UnitScore(s.unitCode, s.group.name(), s.cases, round(response), round(resolution),
                    round(satisfaction), round(composite), null));
            attendanceRates.put(s.group + "/" + s.unitCode, attendanceRate == null ? null : round(attendanceRate));
        }
        return new MonthResult(rank(scores, rules.minVolume()), attendanceRates);
    }

    private static void add(Sums s, CaseTally t, SchemeRules rules) {
        int n = t.count();
        s.cases += n;
        s.response += n * responseCredit(t, rules);
        if (t.standing() == CaseTally.Standing.OPEN_OVERDUE) {
            s.resolutionBase += n; // unresolved: a unit cannot improve its rate by not finishing
            if (rules.openOverdueDissatisfied()) {
                s.satisfactionBase += n;
            }
        } else if (t.reached() && t.resolution() != null && t.satisfaction() != null) {
            s.resolutionBase += n;
            s.resolution += n * rules.resolutionCredit(t.outcome(), t.resolution());
            s.satisfactionBase += n;
            s.satisfaction += n * rules.satisfactionCredit(t.satisfaction());
        }
    }

    /** Response credit of one case (see the class comment). */
    static double responseCredit(CaseTally t, SchemeRules rules) {
        if (t.standing() == CaseTally.Standing.OPEN_OVERDUE && rules.openOverdueUnresponded()) {
            return 0;
        }
        boolean contacted = t.contactedInTime() && !Boolean.FALSE.equals(t.visitContactedInTime());
        return rules.signForShare() * (t.signedInTime() ? 1 : 0) + (1 - rules.signForShare()) * (contacted ? 1 : 0);
    }

    /** Ranks within each peer group from the minimum volume; every rank unique. */
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

    static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
