package io.jiesu.analytics.insight;

import java.util.Collection;
import java.util.Optional;

/**
 * The spike rule of {@link HotspotDetector}, a plain rule tested without a database: with the counts of the
 * {@code baselineDays} days before day D (zeros included: days without appeals are simply absent from
 * {@code baselineCounts}) giving mean μ and population standard deviation σ, day D is a hotspot when its count c
 * satisfies {@code c >= minCount} and {@code c > μ + sigmas·max(σ, 1)}.
 */
public record SpikeRule(int baselineDays, int minCount, double sigmas) {
    /** A hotspot's figures: the day's count and its baseline. */
    public record Spike(long count, double mean, double stddev) {
    }

    public SpikeRule {
        if (baselineDays < 1 || minCount < 1 || sigmas < 0 || Double.isNaN(sigmas)) {
            throw new IllegalArgumentException("hotspot rule: baseline-days and min-count must be at least 1, sigmas "
                    + "0 or more");
        }
    }

    /** Below this the baseline need not be read at all. */
    public boolean mayBeSpike(long count) {
        return count >= minCount;
    }

    /** The hotspot for a day with {@code count} appeals and these counts on its baseline days, if it is one. */
    public Optional<Spike> test(long count, Collection<? extends Number> baselineCounts) {
        if (!mayBeSpike(count)) {
            return Optional.empty();
        }
        double sum = 0;
        double sumSq = 0;
        for (Number n : baselineCounts) {
            double c = n.doubleValue();
            sum += c;
            sumSq += c * c;
        }
        double mean = sum / baselineDays;
        double variance = Math.max(0, sumSq / baselineDays - mean * mean);
        double std = Math.sqrt(variance);
        if (count <= mean + sigmas * Math.max(std, 1.0)) {
            return Optional.empty();
        }
        return Optional.of(new Spike(count, mean, std));
    }

    /**
     * The hotspot of a day with {@code count} appeals, reported at the count that crossed the threshold (the figure
     * appeals counted one by one give), whether the day's appeals came in one poll or many; empty below it.
     */
    public Optional<Spike> crossed(long count, Collection<? extends Number> baselineCounts) {
        Optional<Spike> spike = test(count, baselineCounts);
        if (spike.isEmpty()) {
            return spike;
        }
        double threshold = spike.get().mean() + sigmas * Math.max(spike.get().stddev(), 1.0);
        long first = Math.max(minCount, (long) Math.floor(threshold) + 1);
        return Optional.of(new Spike(Math.min(first, count), spike.get().mean(), spike.get().stddev()));
    }

    /** The rule in words, as stored with each hotspot. */
    public String describe() {
        return "count >= " + minCount + " and count > mean + " + fmt(sigmas) + " * max(stddev, 1) over the previous "
                + baselineDays + " days (category × street/town × Beijing day)";
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
