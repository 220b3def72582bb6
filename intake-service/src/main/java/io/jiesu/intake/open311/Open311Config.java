package io.jiesu.intake.open311;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** {@code jiesu.intake.open311.*}: the GeoReport v2 facade's jurisdiction and the per-api-key rate limit. */
@ConfigMapping(prefix = "jiesu.intake.open311")
public interface Open311Config {
    /**
     * The one jurisdiction this endpoint serves; a request naming another gets the spec's 404. Unset: every
     * {@code jurisdiction_id} is accepted and ignored (the endpoint serves only Beijing anyway).
     */
    Optional<String> jurisdictionId();

    RateLimit rateLimit();

    interface RateLimit {
        /** Submissions one api key may make per window (every POST with a valid key counts, refused ones too). */
        @WithDefault("60")
        int requests();

        /** The window of {@link #requests()}; a key over it gets 429 with Retry-After until the window ends. */
        @WithDefault("PT1M")
        Duration window();
    }
}
