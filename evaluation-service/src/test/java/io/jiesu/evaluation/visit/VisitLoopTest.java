package io.jiesu.evaluation.visit;

import io.jiesu.contract.event.Enums.Resolution;
import io.jiesu.contract.event.Enums.Satisfaction;
import io.jiesu.evaluation.casefile.VisitStatus;
import io.jiesu.evaluation.scheme.SchemeRules;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The return-visit loop as a plain rule (milliseconds). */
class VisitLoopTest {
    static final SchemeRules RULES = new SchemeRules("t", 0.3, 0.35, 0.35, 0.5, 0.8, 0.1, 0.5, 5, 3, 0.5, 1, true,
            true, Map.of(), EnumSet.of(Resolution.UNRESOLVED), EnumSet.of(Satisfaction.DISSATISFIED),
            Duration.ofHours(48));

    @Test
    void theFirstReachedVisitOfRoundOneCountsAndAnUnresolvedOrDissatisfiedOneReopens() {
        // unreached: an attempt, stays awaiting
        assertEquals(new VisitLoop.Decision(false, null, false, true), VisitLoop.decide(1, VisitStatus.AWAITING,
                false, false, false, null, null, RULES));
        // first reached, satisfied: counts, visited
        assertEquals(new VisitLoop.Decision(true, VisitStatus.VISITED, false, false), VisitLoop.decide(1,
                VisitStatus.AWAITING, false, false, true, Resolution.RESOLVED, Satisfaction.SATISFIED, RULES));
        // first reached, resolved but dissatisfied: counts and reopens
        assertEquals(new VisitLoop.Decision(true, VisitStatus.REOPENED, true, false), VisitLoop.decide(1,
                VisitStatus.AWAITING, false, false, true, Resolution.RESOLVED, Satisfaction.DISSATISFIED, RULES));
        // a later visit of the same round: kept, does not count, does not reopen again
        assertEquals(new VisitLoop.Decision(false, null, false, false), VisitLoop.decide(1, VisitStatus.REOPENED,
                true, false, true, Resolution.RESOLVED, Satisfaction.SATISFIED, RULES));
        // round 2 (completed again): its first reached visit closes the round but does not replace round 1's
        assertEquals(new VisitLoop.Decision(false, VisitStatus.VISITED, false, false), VisitLoop.decide(2,
                VisitStatus.AWAITING, true, false, true, Resolution.RESOLVED, Satisfaction.SATISFIED, RULES));
        assertEquals(new VisitLoop.Decision(false, VisitStatus.REOPENED, true, false), VisitLoop.decide(2,
                VisitStatus.AWAITING, true, false, true, Resolution.UNRESOLVED, Satisfaction.BASICALLY_SATISFIED, RULES));
    }

    @Test
    void aDirectAnswerOrASchemeWithoutReopeningNeverReopens() {
        assertEquals(new VisitLoop.Decision(true, null, false, false), VisitLoop.decide(1, null, false, true, true,
                Resolution.UNRESOLVED, Satisfaction.DISSATISFIED, RULES));
        SchemeRules none = new SchemeRules("n", 0.3, 0.35, 0.35, 0.5, 0.8, 0.1, 0.5, 5, 3, 0, 0, false, false,
                Map.of(), EnumSet.noneOf(Resolution.class), EnumSet.noneOf(Satisfaction.class), Duration.ofHours(72));
        assertEquals(new VisitLoop.Decision(true, VisitStatus.VISITED, false, false), VisitLoop.decide(1,
                VisitStatus.AWAITING, false, false, true, Resolution.UNRESOLVED, Satisfaction.DISSATISFIED, none));
    }
}
