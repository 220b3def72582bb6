package io.jiesu.analytics.problemlist;

import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The rule that proposes the year's concentrated problems (年度问题清单, "根据市民集中诉求梳理明年要解决的问题清单"):
 * <ul>
 * <li>evidence window: the 12 full months before the year, or before the current month when the list is drawn up
 * during the year before (proposing for 2025 in December 2024 reads December 2023 – November 2024);</li>
 * <li>a candidate is a category (or category × district) with at least {@code minAppeals} appeals in the window,
 * spread over at least {@code minMonths} months;</li>
 * <li>ranked by appeals, then DISSATISFIED visits, then cases with repeat appeals, then codes; the first {@code top}
 * are proposed.</li>
 * </ul>
 * Plain Java: the figures come from {@link ProblemListRepository#candidateFigures}.
 */
public final class ProposalRanking {
    private ProposalRanking() {
    }

    /** City-wide categories or category × district. */
    public enum Area {
        CITY, DISTRICT
    }

    /** From the rule in force ({@link ProblemListRule}: stored by an administrator, or the configuration). */
    public record Thresholds(int top, int minAppeals, int minMonths) {
    }

    /** The evidence months, inclusive. */
    public record Window(YearMonth from, YearMonth to) {
        public int months() {
            return (int) (to.getYear() * 12L + to.getMonthValue() - from.getYear() * 12L - from.getMonthValue()) + 1;
        }
    }

    /** One category (× district, null for city-wide) over the window. */
    public record Figures(String categoryCode, String districtCode, int appeals, int monthsWithAppeals,
            int repeatCases, int visits, int dissatisfied) {
        public double repeatRate() {
            return appeals == 0 ? 0 : round4(repeatCases / (double) appeals);
        }

        public double dissatisfactionRate() {
            return visits == 0 ? 0 : round4(dissatisfied / (double) visits);
        }
    }

    public record Ranked(int rank, Figures figures) {
    }

    public static Window window(int year, YearMonth current) {
        YearMonth yearStart = YearMonth.of(year, 1);
        YearMonth last = (current.isBefore(yearStart) ? current : yearStart).minusMonths(1);
        return new Window(last.minusMonths(11), last);
    }

    public static List<Ranked> rank(List<Figures> candidates, Thresholds t) {
        List<Figures> kept = candidates.stream()
                .filter(f -> f.appeals() >= t.minAppeals() && f.monthsWithAppeals() >= t.minMonths())
                .sorted(Comparator.comparingInt(Figures::appeals).reversed()
                        .thenComparing(Comparator.comparingInt(Figures::dissatisfied).reversed())
                        .thenComparing(Comparator.comparingInt(Figures::repeatCases).reversed())
                        .thenComparing(Figures::categoryCode)
                        .thenComparing(f -> f.districtCode() == null ? "" : f.districtCode()))
                .limit(Math.max(t.top(), 0)).toList();
        return IntStream.range(0, kept.size()).mapToObj(i -> new Ranked(i + 1, kept.get(i))).toList();
    }

    /** The natural id of an entry: {@code PL-<year>-<category>} or {@code PL-<year>-<category>-<district>}. */
    public static String entryId(int year, String categoryCode, String districtCode) {
        return "PL-" + year + "-" + categoryCode + (districtCode == null ? "" : "-" + districtCode);
    }

    static double round4(double d) {
        return Math.round(d * 10_000.0) / 10_000.0;
    }
}
