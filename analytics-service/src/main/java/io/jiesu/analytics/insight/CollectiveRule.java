package io.jiesu.analytics.insight;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The collective-complaint rule of {@link RiskDetector} for one street/town × category, a plain rule tested without a
 * database: an alert is raised at an appeal whose window {@code (receivedAt − window, receivedAt]} holds at least
 * {@code minCases} appeals (it included), with those appeals as evidence, unless its window overlaps the window of an
 * alert already raised ({@code |receivedAt − alert.windowEnd| < window}).
 *
 * <p>Decided on the set of appeals stored, not on the order they came in: the candidates are taken in
 * ({@code receivedAt}, case id) order, so a poll gives the alerts that appeals applied one by one in time order give,
 * however its records were grouped or its partitions ordered. An appeal can complete the window of any appeal up to
 * a window after it, so the candidates of a poll reach a window past its last appeal. The overlap test looks both
 * ways: an alert raised from a later part of the stream (another partition read first) does not hide an earlier
 * window that does not overlap it. Only an appeal stored after an alert whose window would have included it has no
 * say (alerts are never taken back): then that alert stands, none is added.
 */
public record CollectiveRule(int minCases, Duration window) {
    /** An appeal of the group: when it was received, its case and district. */
    public record Appeal(Instant receivedAt, String caseId, String districtCode) {
    }

    /** An alert to raise: its window ends at the appeal that completed it; the window's cases as evidence. */
    public record Alert(Instant windowEnd, String districtCode, List<String> caseIds) {
    }

    private static final Comparator<Appeal> ORDER = Comparator.comparing(Appeal::receivedAt)
            .thenComparing(Appeal::caseId);

    public CollectiveRule {
        if (minCases < 1 || window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("collective rule: min-cases at least 1 and a positive window");
        }
    }

    /**
     * The alerts for the candidates received in {@code [from, to]}.
     *
     * @param appeals the group's appeals received in {@code (from − window, to]} (at least), any order
     * @param raised  the window ends of the group's alerts already raised that may overlap: those in
     *                {@code (from − window, to + window)} (others are ignored anyway)
     */
    public List<Alert> decide(Collection<Appeal> appeals, Collection<Instant> raised, Instant from, Instant to) {
        List<Appeal> sorted = appeals.stream().sorted(ORDER).toList();
        List<Instant> alerts = new ArrayList<>(raised);
        List<Alert> out = new ArrayList<>();
        int start = 0; // the first appeal inside the current candidate's window
        for (int i = 0; i < sorted.size(); i++) {
            Appeal a = sorted.get(i);
            Instant opens = a.receivedAt().minus(window);
            while (!sorted.get(start).receivedAt().isAfter(opens)) {
                start++;
            }
            int end = i + 1; // appeals received at the same instant belong to the window too
            while (end < sorted.size() && sorted.get(end).receivedAt().equals(a.receivedAt())) {
                end++;
            }
            if (a.receivedAt().isBefore(from) || a.receivedAt().isAfter(to) || end - start < minCases
                    || overlapsAny(a.receivedAt(), alerts)) {
                continue;
            }
            alerts.add(a.receivedAt());
            out.add(new Alert(a.receivedAt(), a.districtCode(),
                    sorted.subList(start, end).stream().map(Appeal::caseId).toList()));
        }
        return out;
    }

    private boolean overlapsAny(Instant t, List<Instant> alerts) {
        for (Instant e : alerts) {
            if (e.isAfter(t.minus(window)) && e.isBefore(t.plus(window))) {
                return true;
            }
        }
        return false;
    }
}
