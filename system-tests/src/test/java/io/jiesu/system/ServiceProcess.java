package io.jiesu.system;

import io.jiesu.local.Health;
import io.jiesu.testing.TestInfrastructure;
import io.jiesu.testing.TestTokens;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One packaged service ({@code <service>/target/quarkus-app/quarkus-run.jar}) running as a real process against the
 * test broker and its own database, the way {@code deploy/local/up} runs it. For fault injection it can be killed
 * ({@code kill -9}), frozen ({@code kill -STOP}) and thawed ({@code kill -CONT}), and restarted with the same command
 * line — same port, database, broker and properties — as a supervisor would.
 */
final class ServiceProcess implements AutoCloseable {
    static final Path ROOT = Path.of(System.getProperty("jiesu.root", "..")).toAbsolutePath().normalize();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /**
     * Readiness probes only, the local platform's own probe ({@link Health}): HTTP/1.1, apart from the test's load and
     * API calls (no shared HTTP/2 connection that a killed or frozen process could leave half-open for later probes).
     */
    private static final HttpClient PROBE = Health.client();
    /** A busy service on a shared 2-core machine may take a while to run its checks; ready means UP, not fast. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    final String name;
    final int port;
    private final String databaseUrl;
    private final String databaseUser;
    private final String databasePassword;
    private final String kafkaBootstrap;
    private final Path log;
    private final Map<String, String> ownProperties;
    private Map<String, String> lastExtraProperties = Map.of();
    private Process process;
    private volatile boolean paused;

    private ServiceProcess(String name, String databaseUrl, String databaseUser, String databasePassword,
            String kafkaBootstrap, Map<String, String> ownProperties, String logName) {
        this.name = name;
        this.ownProperties = ownProperties;
        this.port = freePort();
        this.databaseUrl = databaseUrl;
        this.databaseUser = databaseUser;
        this.databasePassword = databasePassword;
        this.kafkaBootstrap = kafkaBootstrap;
        this.log = ROOT.resolve("system-tests/target/system-logs/" + logName + ".log");
    }

    /** Every process started by this JVM, so that a failed test never leaves one running. */
    private static final java.util.Set<Process> STARTED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.forEach(Process::destroyForcibly),
                "service-process-cleanup"));
    }

    /** Also kills {@code process} (e.g. a broker the test started) when this JVM ends. */
    static void track(Process process) {
        STARTED.add(process);
    }

    private static final java.util.concurrent.atomic.AtomicInteger DATABASES = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * A service with a fresh database of its own (not started yet). Each instance gets its own database so that
     * case numbers never repeat within one run of the broker.
     */
    static ServiceProcess of(String name) {
        int n = DATABASES.incrementAndGet();
        String database = "jiesu_system_" + name.replace("-service", "") + "_" + n;
        TestInfrastructure.Database db = TestInfrastructure.database();
        return new ServiceProcess(name, TestInfrastructure.freshDatabase(database), db.user(), db.password(),
                TestInfrastructure.kafkaBootstrap(), ownProperties(name, n), name);
    }

    /**
     * A service on a broker and a database server the caller controls (and may restart): {@code databaseUrl} is the
     * JDBC URL of the service's own, already created database on that server.
     */
    static ServiceProcess on(String name, String kafkaBootstrap, String databaseUrl, String user, String password,
            String logName) {
        return new ServiceProcess(name, databaseUrl, user, password, kafkaBootstrap,
                ownProperties(name, DATABASES.incrementAndGet()), logName);
    }

    private static Map<String, String> ownProperties(String name, int n) {
        return name.equals("intake-service") ? Map.of("jiesu.intake.case-id-prefix", "S" + n + "-") : Map.of();
    }

    ServiceProcess start(Map<String, String> extraProperties) throws IOException {
        Path jar = ROOT.resolve(name + "/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first (./mvnw verify builds them)");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.datasource.jdbc.url=" + databaseUrl,
                "-Dquarkus.datasource.username=" + databaseUser,
                "-Dquarkus.datasource.password=" + databasePassword,
                "-Dkafka.bootstrap.servers=" + kafkaBootstrap,
                "-Dmp.jwt.verify.publickey.location=" + TestTokens.publicKeyFile().toUri(),
                "-Dmp.jwt.verify.issuer=" + TestTokens.ISSUER));
        ownProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        extraProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", jar.toString()));
        Files.createDirectories(log.getParent());
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        STARTED.add(process);
        lastExtraProperties = Map.copyOf(extraProperties);
        return this;
    }

    /** Starts the service again with the command line of its last start (after a crash or a kill). */
    ServiceProcess restart() throws IOException, InterruptedException {
        if (isAlive()) {
            kill();
        }
        return start(lastExtraProperties);
    }

    long pid() {
        return process.pid();
    }

    ServiceProcess start() throws IOException {
        return start(Map.of());
    }

    /** JDBC URL, user and password of this service's own database (for tools that write it, e.g. console accounts). */
    java.util.List<String> database() {
        return java.util.List.of(databaseUrl, databaseUser, databasePassword == null ? "" : databasePassword);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Waits until {@code /q/health/ready} says UP. */
    ServiceProcess awaitReady(Duration timeout) throws Exception {
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            if (readiness() == null) {
                return this;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + "; see " + log);
    }

    /** Waits for the process to end by itself (e.g. after an injected fault). */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " still running after " + timeout);
        }
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook, no flush — a crash. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
        paused = false;
    }

    /** SIGSTOP: the JVM freezes — no heartbeats, no polls, no replies — like a long GC pause or a hung host. */
    void pause() throws IOException, InterruptedException {
        signal("STOP");
        paused = true;
    }

    /** SIGCONT: the frozen JVM goes on where it stopped. */
    void resume() throws IOException, InterruptedException {
        signal("CONT");
        paused = false;
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                .redirectErrorStream(true).start();
        String out = new String(kill.getInputStream().readAllBytes());
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed: " + out);
        }
    }

    /**
     * Null when {@code /q/health/ready} answers UP right now; otherwise why not, in one line (process gone, no
     * answer, or the status and the health JSON cut to 800 characters) — what a failed fault step reports.
     */
    String readiness() {
        if (!isAlive()) {
            return "process not running";
        }
        Health.Probe probe = Health.probe(PROBE, baseUrl() + "/q/health/ready", PROBE_TIMEOUT);
        if (probe.up()) {
            return null;
        }
        String body = probe.body() == null ? "" : " " + probe.body().replaceAll("\\s+", " ");
        return probe.detail() + (body.length() > 801 ? body.substring(0, 801) + "…" : body);
    }

    Path log() {
        return log;
    }

    /** The last {@code n} WARN/ERROR lines of this process's log, each cut to 300 characters: for a failure report. */
    List<String> lastWarnings(int n) {
        try (var lines = Files.lines(log)) {
            List<String> warnings = lines.filter(l -> l.contains(" WARN ") || l.contains(" ERROR "))
                    .map(l -> l.length() > 300 ? l.substring(0, 300) + "…" : l).toList();
            return warnings.subList(Math.max(0, warnings.size() - n), warnings.size());
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of("log not readable: " + e);
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    HttpResponse<String> post(String path, String bearer, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> put(String path, String bearer, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", bearer).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String bearer) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", bearer).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            if (paused) {
                resume(); // a frozen JVM would not see the SIGTERM until thawed
            }
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /**
     * A free port below Linux's ephemeral range (32768–60999): a port the kernel hands out for outgoing connections
     * can be taken by another process's Kafka or database connection between this check and the service's bind, long
     * after (Quarkus binds HTTP last) — ScaleOutIT once saw "Port … seems to be in use" that way.
     */
    private static int freePort() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int candidate = 20_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(12_000);
            try (ServerSocket socket = new ServerSocket(candidate)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
