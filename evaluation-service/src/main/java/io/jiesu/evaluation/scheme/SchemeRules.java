package io.jiesu.evaluation.scheme;

import io.jiesu.contract.event.Enums;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One scheme version as plain values, for the plain rule classes (no database, no CDI): weights and credits of the
 * three rates, how each completion outcome counts, what an open case past its deadline costs, points per overdue
 * mark, which visit answers reopen a case and how soon a completed case is due for its visit.
 *
 * @param outcomeCaps highest resolution credit a completion outcome can earn; an outcome absent: as the visit says
 */
public record SchemeRules(String version, double responseWeight, double resolutionWeight, double satisfactionWeight,
        double partlyResolvedCredit, double basicallySatisfiedCredit, double attendanceWeight,
        double lateReportCredit, int minVolume, int governanceBottomN, double signForShare,
        double overdueMarkPoints, boolean openOverdueUnresponded, boolean openOverdueDissatisfied,
        Map<CountedOutcome, Double> outcomeCaps, Set<Enums.Resolution> reopenResolutions,
        Set<Enums.Satisfaction> reopenSatisfactions, Duration visitDue) {

    /** Credit of a visit's resolution answer: resolved 1, partly [partly credit], unresolved 0. */
    public double resolutionCredit(Enums.Resolution answer) {
        return switch (answer) {
            case RESOLVED -> 1;
            case PARTLY_RESOLVED -> partlyResolvedCredit;
            case UNRESOLVED -> 0;
        };
    }

    /** Credit of a visit's satisfaction answer: satisfied 1, basically [basically credit], dissatisfied 0. */
    public double satisfactionCredit(Enums.Satisfaction answer) {
        return switch (answer) {
            case SATISFIED -> 1;
            case BASICALLY_SATISFIED -> basicallySatisfiedCredit;
            case DISSATISFIED -> 0;
        };
    }

    /** A completed case's resolution credit: the visit's answer, at most what its outcome may earn. */
    public double resolutionCredit(CountedOutcome outcome, Enums.Resolution answer) {
        double visit = resolutionCredit(answer);
        Double cap = outcome == null ? null : outcomeCaps.get(outcome);
        return cap == null ? visit : Math.min(cap, visit);
    }

    /** Whether a reached visit with these answers reopens the case (重办). */
    public boolean reopens(Enums.Resolution resolution, Enums.Satisfaction satisfaction) {
        return resolution != null && reopenResolutions.contains(resolution)
                || satisfaction != null && reopenSatisfactions.contains(satisfaction);
    }

    public static <E extends Enum<E>> Set<E> parse(String names, Class<E> type) {
        Set<E> result = EnumSet.noneOf(type);
        if (names != null) {
            Arrays.stream(names.split(",")).map(String::trim).filter(n -> !n.isEmpty())
                    .forEach(n -> result.add(Enum.valueOf(type, n)));
        }
        return result;
    }

    public static String join(Set<? extends Enum<?>> values) {
        return values == null ? "" : values.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }
}
