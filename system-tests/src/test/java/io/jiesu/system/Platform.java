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

    ServiceProcess service(String name) {
        return services.stream().filter(s -> s.name.equals(name)).findFirst().orElseThrow();
    }

    /**
     * The console in front of these five, signing its users' service tokens with the test key pair the services
     * verify. Stopped by the caller.
     */
    ServiceProcess startConsole() throws Exception {
        java.util.Map<String, String> properties = new java.util.HashMap<>();
        for (ServiceProcess s : services) {
            properties.put("quarkus.rest-client." + s.name.replace("-service", "") + ".url", s.baseUrl());
        }
        properties.put("smallrye.jwt.sign.key.location", io.jiesu.testing.TestTokens.privateKeyFile().toUri().toString());
        properties.put("jiesu.console.token.issuer", io.jiesu.testing.TestTokens.ISSUER);
        ServiceProcess console = ServiceProcess.of("console").start(properties);
        console.awaitReady(Duration.ofSeconds(120));
        return console;
    }

    @Override
    public void close() throws Exception {
        for (ServiceProcess s : services) {
            s.close();
        }
    }
}
