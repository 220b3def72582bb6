package io.jiesu.evaluation.governance;

import io.jiesu.contract.event.UnitScore;
import io.jiesu.evaluation.scoring.PeerGroup;

import java.time.YearMonth;
import java.util.Collection;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Which streets/towns are governance-type (治理类街乡镇) for a month, as plain code (tested by
 * {@code GovernanceRuleTest}): a street/town is listed when it was among the bottom [N] of the street/town ranking in
 * at least [M] of the last [K] months (this month included; a month without results counts as not in the bottom), or
 * — where its population is known — when its counted cases of the month per 10,000 residents reach [threshold].
 * A scheme without the multi-month rule is M = K = 1: the bottom N of the month, as before issue 17.
 *
 * @param appealsPer10kThreshold null: no per-resident criterion
 */
public record GovernanceRule(int bottomN, int inMonths, int ofLastMonths, Double appealsPer10kThreshold) {

    public GovernanceRule {
        if (bottomN < 0 || inMonths < 1 || ofLastMonths < inMonths || ofLastMonths > 12) {
            throw new IllegalArgumentException("governance rule needs bottomN >= 0, 1 <= inMonths <= ofLastMonths <= 12");
        }
    }

    /** The rule of schemes before issue 17: the bottom N of the one month. */
    public static GovernanceRule singleMonth(int bottomN) {
        return new GovernanceRule(bottomN, 1, 1, null);
    }

    public boolean multiMonth() {
        return ofLastMonths > 1;
    }

    /**
     * The street/town ranking of one month: each ranked unit's rank and how many were ranked. A unit is in the
     * bottom N when its rank is above {@code ranked - N} (of 10 ranked, the bottom 3 are ranks 8, 9 and 10).
     */
    public record MonthRanks(String period, Map<String, Integer> ranks, int ranked) {
        /** The street/town ranking among a month's scores (units below the minimum volume are not ranked). */
        public static MonthRanks of(String period, Collection<UnitScore> scores) {
            Map<String, Integer> ranks = new HashMap<>();
            scores.stream().filter(s -> PeerGroup.STREET_TOWN.name().equals(s.peerGroup()) && s.rank() != null)
                    .forEach(s -> ranks.put(s.unitCode(), s.rank()));
            return new MonthRanks(period, ranks, ranks.size());
        }

        boolean inBottom(String unitCode, int n) {
            Integer rank = ranks.get(unitCode);
            return rank != null && rank > ranked - n;
        }
    }

    /** A listed street/town and why: the months it was in the bottom, its appeal rate, the rule's words. */
    public record Listed(String unitCode, Integer rank, List<String> bottomMonths, Double appealsPer10k,
            List<String> reasons) {
    }

    /** Counted cases per street/town among a month's scores, for the per-resident rate. */
    public static Map<String, Integer> streetCases(Collection<UnitScore> scores) {
        Map<String, Integer> cases = new HashMap<>();
        scores.stream().filter(s -> PeerGroup.STREET_TOWN.name().equals(s.peerGroup()))
                .forEach(s -> cases.put(s.unitCode(), s.cases()));
        return cases;
    }

    /** The first month of the window of {@code period}: K − 1 months before it (the window's earlier months). */
    public String firstMonth(String period) {
        return YearMonth.parse(period).minusMonths(ofLastMonths - 1).toString();
    }

    /**
     * @param thisMonth   the month's street/town ranking
     * @param cases       the month's counted cases per street/town (for the per-resident rate)
     * @param earlier     the rankings of earlier months; only those of the window count
     * @param population  residents of a street/town (2020 census), null where not known
     * @return the listed streets/towns: most months in the bottom first, then worst rank this month, then code
     */
    public List<Listed> select(MonthRanks thisMonth, Map<String, Integer> cases, List<MonthRanks> earlier,
            Function<String, Long> population) {
        String first = firstMonth(thisMonth.period());
        List<MonthRanks> window = new ArrayList<>();
        window.add(thisMonth);
        earlier.stream().filter(m -> m.period().compareTo(first) >= 0 && m.period().compareTo(thisMonth.period()) < 0)
                .forEach(window::add);
        // every unit that was in the bottom of a month of the window: its months in the bottom, oldest first
        Map<String, TreeSet<String>> bottomMonths = new TreeMap<>();
        for (MonthRanks m : window) {
            m.ranks().keySet().stream().filter(u -> m.inBottom(u, bottomN))
                    .forEach(u -> bottomMonths.computeIfAbsent(u, k -> new TreeSet<>()).add(m.period()));
        }
        Map<String, Listed> listed = new TreeMap<>();
        bottomMonths.forEach((unit, months) -> {
            if (months.size() >= inMonths) {
                listed.put(unit, new Listed(unit, thisMonth.ranks().get(unit), List.copyOf(months), null,
                        new ArrayList<>(List.of(bottomReason(unit, months, thisMonth)))));
            }
        });
        if (appealsPer10kThreshold != null) {
            cases.forEach((unit, n) -> {
                Long residents = population.apply(unit);
                if (residents == null || residents <= 0) {
                    return; // not known: the criterion cannot apply
                }
                double rate = Math.round(n * 10_000.0 / residents * 100) / 100.0;
                if (rate >= appealsPer10kThreshold) {
                    String reason = String.format(Locale.ROOT, "%.2f counted cases per 10,000 residents (at least %s)",
                            rate, plain(appealsPer10kThreshold));
                    Listed before = listed.get(unit);
                    List<String> reasons = before == null ? new ArrayList<>() : new ArrayList<>(before.reasons());
                    reasons.add(reason);
                    listed.put(unit, new Listed(unit, thisMonth.ranks().get(unit),
                            before == null ? List.copyOf(bottomMonths.getOrDefault(unit, new TreeSet<>()))
                                    : before.bottomMonths(), rate, reasons));
                }
            });
        }
        return listed.values().stream()
                .map(l -> new Listed(l.unitCode(), l.rank(), l.bottomMonths(), l.appealsPer10k(), List.copyOf(l.reasons())))
                .sorted(Comparator.comparing((Listed l) -> -l.bottomMonths().size())
                        .thenComparing(l -> l.rank() == null ? Integer.MAX_VALUE : -l.rank())
                        .thenComparing(Listed::unitCode))
                .toList();
    }

    private String bottomReason(String unit, TreeSet<String> months, MonthRanks thisMonth) {
        if (!multiMonth()) {
            return "bottom " + bottomN + " of the month (rank " + thisMonth.ranks().get(unit) + " of "
                    + thisMonth.ranked() + ")";
        }
        return "bottom " + bottomN + " in " + months.size() + " of the last " + ofLastMonths + " months ("
                + String.join(", ", months) + ")";
    }

    /** The rule in words, for the published list. Single-month: the words used before issue 17. */
    public String describe(int minVolume, String schemeVersion) {
        String rate = appealsPer10kThreshold == null ? "" : ", or at least " + plain(appealsPer10kThreshold)
                + " counted cases per 10,000 residents in the month (where the population is known)";
        if (!multiMonth()) {
            return "the last " + bottomN + " ranked streets/towns (ranked from " + minVolume + " cases)" + rate
                    + " under scheme " + schemeVersion;
        }
        return "bottom " + bottomN + " of the ranked streets/towns (ranked from " + minVolume + " cases) in at least "
                + inMonths + " of the last " + ofLastMonths + " months" + rate + " under scheme " + schemeVersion;
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
