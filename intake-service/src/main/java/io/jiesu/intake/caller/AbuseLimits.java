package io.jiesu.intake.caller;

import java.util.Optional;

/**
 * The abusive-calling rule on a caller's counts of the day (the appeal just stored included): more than
 * {@code maxAppealsPerDay} appeals, or {@code maxIdenticalPerDay} or more with the same content. Plain arithmetic on
 * two counters, so the check costs the same for the 1st and the 10,000th appeal of a caller.
 */
public record AbuseLimits(int maxAppealsPerDay, int maxIdenticalPerDay) {

    /** Why the appeal is flagged, or empty when the caller is within the limits. */
    public Optional<String> breach(long appealsToday, long identicalToday) {
        if (appealsToday > maxAppealsPerDay) {
            return Optional.of("more than " + maxAppealsPerDay + " appeals in one day");
        }
        if (identicalToday >= maxIdenticalPerDay) {
            return Optional.of(identicalToday + " appeals with identical content in one day (limit "
                    + maxIdenticalPerDay + ")");
        }
        return Optional.empty();
    }
}
