package io.jiesu.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The five packaged services as real processes on the test broker and database, started and stopped together. */
final class Platform implements AutoCloseable {
    static final List<String> SERVICES = List.of("intake-service", "dispatch-service", "whistle-service",
            "evaluation-service", "analytics-service");

    private final List<ServiceProcess> services;

    private Platform(List<ServiceProcess> services) {
        this.services = List.copyOf(services);
    }

    /** Starts the five (all at once, then waits for each to be ready: they start faster side by side). */
    static Platform start() throws Exception {
        List<ServiceProcess> started = new ArrayList<>();
        for (String name : SERVICES) {
            started.add(ServiceProcess.of(name).start());
        }
        for (ServiceProcess s : started) {
            s.awaitReady(Duration.ofSeconds(120));
        }
        return new Platform(started);
    }

    List<ServiceProcess> services() {
        return services;
    }

    ServiceProcess intake() {
        return services.get(0);
    }

    @Override
    public void close() throws Exception {
        for (ServiceProcess s : services) {
            s.close();
        }
    }
}
