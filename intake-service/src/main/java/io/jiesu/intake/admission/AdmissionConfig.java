package io.jiesu.intake.admission;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code jiesu.intake.admission.*}: intake's admission budget for appeals over REST ({@link AdmissionBudget}). */
@ConfigMapping(prefix = "jiesu.intake.admission")
public interface AdmissionConfig {
    /** Most appeals being taken in at once (POST /api/v1/appeals and Open311 together). */
    @WithDefault("32")
    int maxInFlight();

    /** How long a request waits for a place when the budget is full before it is refused with 503. */
    @WithDefault("PT0.25S")
    Duration maxWait();

    /** The share of max-in-flight one client (token subject) may hold; over it: 429. */
    @WithDefault("0.75")
    double clientShare();

    /**
     * The longest a request may have queued since it arrived (before intake's code could look at it) and still be
     * taken in; longer: 503.
     */
    @WithDefault("PT3S")
    Duration maxQueueTime();

    /** The Retry-After of a refusal (whole seconds, at least 1). */
    @WithDefault("PT1S")
    Duration retryAfter();
}
