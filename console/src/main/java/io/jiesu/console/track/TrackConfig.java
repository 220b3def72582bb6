package io.jiesu.console.track;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * The citizen page's first line of defence ({@code jiesu.console.track.*}): lookups per client address per window in
 * this console instance. The binding limits (misses per case number and per client) are intake's.
 */
@ConfigMapping(prefix = "jiesu.console.track")
public interface TrackConfig {
    @WithDefault("30")
    int maxLookups();

    @WithDefault("PT10M")
    Duration window();
}
