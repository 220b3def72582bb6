package io.jiesu.intake.cases;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * Limits of the citizens' case tracking ({@code jiesu.intake.tracking.*}): how many misses (unknown case, wrong phone,
 * malformed) a case number and a client may have within a window before every lookup for them — even the right pair —
 * is refused with 429 until the oldest counted miss leaves the window.
 */
@ConfigMapping(prefix = "jiesu.intake.tracking")
public interface TrackingConfig {
    @WithDefault("5")
    int caseMaxMisses();

    @WithDefault("PT1H")
    Duration caseWindow();

    @WithDefault("20")
    int clientMaxMisses();

    @WithDefault("PT1H")
    Duration clientWindow();

    record Limit(int maxMisses, Duration window) {
    }

    default Limit perCase() {
        return new Limit(caseMaxMisses(), caseWindow());
    }

    default Limit perClient() {
        return new Limit(clientMaxMisses(), clientWindow());
    }
}
