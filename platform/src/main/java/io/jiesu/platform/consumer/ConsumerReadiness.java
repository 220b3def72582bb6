package io.jiesu.platform.consumer;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** {@code /q/health/ready} entry {@code jiesu-consumers}: DOWN only for a consumer that cannot make progress. */
@Readiness
@ApplicationScoped
public class ConsumerReadiness implements HealthCheck {
    private final ConsumerProgress progress;

    ConsumerReadiness(ConsumerProgress progress) {
        this.progress = progress;
    }

    @Override
    public HealthCheckResponse call() {
        return progress.health();
    }
}
