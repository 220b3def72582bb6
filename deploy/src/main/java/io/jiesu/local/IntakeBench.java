package io.jiesu.local;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Intake benchmark: posts appeals to intake-service's {@code POST /api/v1/appeals} at a fixed rate for a fixed
 * time and prints accepted appeals per second and latency percentiles. Run it with {@code deploy/local/bench-intake},
 * which mints the {@code telephony} token.
 *
 * <p>Open loop: request {@code n} is due at {@code start + n / rate}, whatever happened to the earlier ones, so a
 * slow intake does not slow the offered load down. At most {@code --concurrency} requests are in flight; a request
 * due while that many are still open is not sent and counted as "not offered in time". The first
 * {@code --warmup} seconds (JIT, connection pool, database caches) are not counted; the figures are those of the
 * requests due in the {@code --seconds} after it. Latency is from handing the request to the HTTP client to having
 * the whole response. After the last request the benchmark waits at most {@value #DRAIN_SECONDS} s for the open ones.
 *
 * <p>Only {@code http://127.0.0.1:PORT} is accepted as target: this generates load, and is meant for the local
 * platform only. The token comes from the environment variable {@code JIESU_BENCH_TOKEN} (not the command line,
 * where {@code ps} would show it).
 *
 * <p>Exit codes: 0 the run completed (whatever the figures), 1 it could not start (intake not reachable, not
 * ready, token rejected, the probe appeal refused) or not a single appeal was accepted in the measured window,
 * 2 usage error.
 */
public final class IntakeBench {
    static final int DRAIN_SECONDS = 10;
    static final String TOKEN_ENV = "JIESU_BENCH_TOKEN";
    private static final long MAX_MEASURED_REQUESTS = 5_000_000;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(DRAIN_SECONDS);
    /** A send this much later than its slot counts as "late" in the scheduler line. */
    private static final long LATE_NANOS = 5_000_000;

    static final String USAGE = String.join("\n",
            "usage: deploy/local/bench-intake [--rate N] [--seconds S] [--warmup S] [--url http://127.0.0.1:8081]"
                    + " [--concurrency C]",
            "  --rate N         appeals offered per second (default 200)",
            "  --seconds S      length of the measured window (default 30)",
            "  --warmup S       seconds of load before it, not counted (default 5)",
            "  --url URL        intake-service, http://127.0.0.1:PORT only (default http://127.0.0.1:8081)",
            "  --concurrency C  most requests in flight at once (default 64)",
            "  --reference FILE the reference data (default contract/src/main/resources/jiesu/reference-data.json)",
            "The telephony token is read from $" + TOKEN_ENV + ".");

    record Options(int rate, int seconds, int warmup, URI base, int concurrency, Path reference) {
    }

    /** A command line error: message and usage on stderr, exit 2. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /** The run cannot start: message on stderr, exit 1. */
    static final class CannotStart extends Exception {
        CannotStart(String message) {
            super(message);
        }
    }

    private IntakeBench() {
    }

    public static void main(String[] args) {
        int code;
        try {
            Options options = parse(Arrays.asList(args));
            String token = System.getenv(TOKEN_ENV);
            if (token == null || token.isBlank()) {
                throw new UsageException("no token: set " + TOKEN_ENV + " to a telephony token"
                        + " (deploy/local/bench-intake does it)");
            }
            code = new IntakeBench.Run(options, token.trim(), System.out, System.err).execute();
        } catch (UsageException e) {
            if (e.getMessage().equals("help")) {
                System.out.println(USAGE);
                System.exit(0);
            }
            System.err.println("bench-intake: " + e.getMessage());
            System.err.println(USAGE);
            code = 2;
        } catch (CannotStart e) {
            System.err.println("bench-intake: cannot start: " + e.getMessage());
            code = 1;
        } catch (InterruptedException e) {
            System.err.println("bench-intake: interrupted");
            code = 1;
        } catch (Exception e) {
            System.err.println("bench-intake: " + e);
            code = 1;
        }
        System.out.flush();
        System.exit(code);
    }

    static Options parse(List<String> args) throws UsageException {
        int rate = 200;
        int seconds = 30;
        int warmup = 5;
        int concurrency = 64;
        String url = "http://127.0.0.1:8081";
        String reference = "contract/src/main/resources/jiesu/reference-data.json";
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (name.equals("-h") || name.equals("--help")) {
                throw new UsageException("help");
            }
            if (!List.of("--rate", "--seconds", "--warmup", "--url", "--concurrency", "--reference").contains(name)) {
                throw new UsageException("unknown argument '" + arg + "'");
            }
            if (value == null) {
                if (++i >= args.size()) {
                    throw new UsageException(name + " needs a value");
                }
                value = args.get(i);
            }
            switch (name) {
                case "--rate" -> rate = number(name, value, 1, 20_000);
                case "--seconds" -> seconds = number(name, value, 1, 600);
                case "--warmup" -> warmup = number(name, value, 0, 120);
                case "--concurrency" -> concurrency = number(name, value, 1, 1024);
                case "--url" -> url = value;
                default -> reference = value;
            }
        }
        if ((long) rate * seconds > MAX_MEASURED_REQUESTS) {
            throw new UsageException("rate x seconds may be at most " + MAX_MEASURED_REQUESTS);
        }
        return new Options(rate, seconds, warmup, localUrl(url), concurrency, Path.of(reference));
    }

    private static int number(String name, String value, int min, int max) throws UsageException {
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min || n > max) {
                throw new UsageException(name + " must be between " + min + " and " + max + " (is " + n + ")");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a whole number (is '" + value + "')");
        }
    }

    /** {@code http://127.0.0.1[:PORT][/]} only: the benchmark never loads another machine. */
    static URI localUrl(String url) throws UsageException {
        URI uri;
        try {
            uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (IllegalArgumentException e) {
            throw new UsageException("not a URL: " + url);
        }
        if (!"http".equals(uri.getScheme()) || !"127.0.0.1".equals(uri.getHost())
                || (uri.getRawPath() != null && !uri.getRawPath().isEmpty())
                || uri.getRawQuery() != null || uri.getRawUserInfo() != null) {
            throw new UsageException("--url must be http://127.0.0.1[:PORT] (this benchmark only loads the local"
                    + " machine), not " + url);
        }
        return uri;
    }

    /** One benchmark run. */
    static final class Run {
        private final Options o;
        private final String token;
        private final PrintStream out;
        private final PrintStream err;
        private final URI appeals;
        private final HttpClient client;
        private final Semaphore inFlight;

        // the measured window, indexed by request number - warm-up requests
        private final long warmupRequests;
        private final long measuredRequests;
        /** Latency in ns + 1 of each measured request that got an HTTP answer; 0 = none (yet). */
        private final AtomicLongArray latency;
        private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        private final Map<String, LongAdder> exceptions = new ConcurrentHashMap<>();
        private final Map<String, String> errorSamples = new ConcurrentHashMap<>();
        private final LongAdder measuredDone = new LongAdder();
        private final LongAdder measuredAccepted = new LongAdder();
        private long measuredOffered;
        private long measuredNotOffered;
        private long measuredLate;
        private long maxLagNanos;
        // the warm-up
        private long warmupOffered;
        private long warmupNotOffered;
        private final LongAdder warmupAccepted = new LongAdder();
        private final LongAdder warmupFailed = new LongAdder();
        private final Map<String, LongAdder> warmupFailures = new ConcurrentHashMap<>();
        // for the progress lines
        private final AtomicLong sent = new AtomicLong();
        private final AtomicLong accepted = new AtomicLong();
        private final AtomicLong notOffered = new AtomicLong();

        Run(Options o, String token, PrintStream out, PrintStream err) {
            this.o = o;
            this.token = token;
            this.out = out;
            this.err = err;
            this.appeals = o.base().resolve("/api/v1/appeals");
            this.client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(2))
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
            this.inFlight = new Semaphore(o.concurrency());
            this.warmupRequests = (long) o.rate() * o.warmup();
            this.measuredRequests = (long) o.rate() * o.seconds();
            this.latency = new AtomicLongArray(Math.toIntExact(measuredRequests));
        }

        int execute() throws Exception {
            if (!Files.isReadable(o.reference())) {
                throw new CannotStart("cannot read the reference data " + o.reference().toAbsolutePath());
            }
            String runId = Long.toString(System.currentTimeMillis(), 36);
            BenchAppeals bodies = BenchAppeals.load(o.reference(), runId);
            out.printf(Locale.ROOT, "intake benchmark %s: POST %s%n", runId, appeals);
            out.printf(Locale.ROOT, "  rate %d/s, warm-up %d s, measured %d s, concurrency %d, request timeout %d s%n",
                    o.rate(), o.warmup(), o.seconds(), o.concurrency(), REQUEST_TIMEOUT.toSeconds());
            out.printf(Locale.ROOT, "  bodies: externalId BENCH-%s-<n>, %d streets/towns of %d districts, %d categories,"
                    + " random 139 phone, unique address%n", runId, bodies.streets.size(), bodies.districtCount,
                    bodies.categories.size());
            out.printf(Locale.ROOT, "  started %s, %d CPUs%n",
                    ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME.withLocale(Locale.ROOT))
                            .replaceFirst("\\.\\d+", ""), Runtime.getRuntime().availableProcessors());
            out.flush();
            preflight(bodies);

            Thread progress = new Thread(this::progress, "bench-progress");
            progress.setDaemon(true);
            long total = warmupRequests + measuredRequests;
            long start = System.nanoTime() + 20_000_000; // 20 ms from now
            progress.start();
            long measuredFirstDue = start + slotOffset(warmupRequests);
            for (long n = 0; n < total; n++) {
                long due = start + slotOffset(n);
                long now;
                while ((now = System.nanoTime()) < due) {
                    LockSupport.parkNanos(due - now);
                }
                boolean measured = n >= warmupRequests;
                long lag = now - due;
                if (measured) {
                    if (lag > LATE_NANOS) {
                        measuredLate++;
                    }
                    maxLagNanos = Math.max(maxLagNanos, lag);
                }
                if (!inFlight.tryAcquire()) {
                    notOffered.incrementAndGet();
                    if (measured) {
                        measuredNotOffered++;
                    } else {
                        warmupNotOffered++;
                    }
                    continue;
                }
                send(n, measured, bodies.body(Long.toString(n + 1)));
                if (measured) {
                    measuredOffered++;
                } else {
                    warmupOffered++;
                }
            }
            long scheduleEnd = System.nanoTime();
            // the measured window: from the due time of its first request to the last send (longer than planned
            // only if the load generator itself fell behind)
            double windowSeconds = Math.max(o.seconds(), (scheduleEnd - measuredFirstDue) / 1e9);
            long drainDeadline = scheduleEnd + Duration.ofSeconds(DRAIN_SECONDS).toNanos();
            while (inFlight.availablePermits() < o.concurrency() && System.nanoTime() < drainDeadline) {
                Thread.sleep(10);
            }
            double drained = (System.nanoTime() - scheduleEnd) / 1e9;
            progress.interrupt();
            return report(windowSeconds, drained);
        }

        private long slotOffset(long n) {
            return n * 1_000_000_000L / o.rate();
        }

        private HttpRequest request(String body) {
            return HttpRequest.newBuilder(appeals)
                    .timeout(REQUEST_TIMEOUT)
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
        }

        /** 2xx bodies are thrown away; an error body is kept (as a sample for the report). */
        private static final HttpResponse.BodyHandler<String> BODY = info -> info.statusCode() / 100 == 2
                ? HttpResponse.BodySubscribers.replacing(null)
                : HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);

        private void send(long n, boolean measured, String body) {
            HttpRequest request = request(body);
            sent.incrementAndGet();
            long t0 = System.nanoTime();
            try {
                client.sendAsync(request, BODY).whenComplete((response, failure) -> {
                    long nanos = System.nanoTime() - t0;
                    inFlight.release();
                    done(n, measured, response, failure, nanos);
                });
            } catch (RuntimeException e) {
                inFlight.release();
                done(n, measured, null, e, System.nanoTime() - t0);
            }
        }

        private void done(long n, boolean measured, HttpResponse<String> response, Throwable failure, long nanos) {
            boolean ok = response != null && (response.statusCode() == 201 || response.statusCode() == 200);
            if (ok) {
                accepted.incrementAndGet();
            }
            if (!measured) {
                (ok ? warmupAccepted : warmupFailed).increment();
                if (!ok) {
                    warmupFailures.computeIfAbsent(response != null ? "HTTP " + response.statusCode()
                            : failure == null ? "unknown" : unwrap(failure).getClass().getSimpleName(),
                            k -> new LongAdder()).increment();
                }
                return;
            }
            if (response != null) {
                latency.set(Math.toIntExact(n - warmupRequests), Math.max(1, nanos + 1));
                statuses.computeIfAbsent(response.statusCode(), k -> new LongAdder()).increment();
                if (!ok && response.body() != null) {
                    errorSamples.putIfAbsent("HTTP " + response.statusCode(), abbreviate(response.body()));
                }
                if (ok) {
                    measuredAccepted.increment();
                }
            } else {
                Throwable cause = failure == null ? null : unwrap(failure);
                String name = cause == null ? "unknown" : cause.getClass().getSimpleName();
                exceptions.computeIfAbsent(name, k -> new LongAdder()).increment();
                if (cause != null && cause.getMessage() != null) {
                    errorSamples.putIfAbsent(name, abbreviate(cause.getMessage()));
                }
            }
            measuredDone.increment();
        }

        private static Throwable unwrap(Throwable failure) {
            Throwable cause = failure;
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            return cause;
        }

        private static String abbreviate(String s) {
            String one = s.replaceAll("\\s+", " ").trim();
            return one.length() <= 300 ? one : one.substring(0, 300) + "...";
        }

        /** Intake must be ready and accept one appeal with our token; else the run cannot start. */
        private void preflight(BenchAppeals bodies) throws CannotStart, InterruptedException {
            URI ready = o.base().resolve("/q/health/ready");
            Health.Probe probe = Health.probe(client, ready.toString(), Duration.ofSeconds(3));
            if (!probe.up()) {
                throw new CannotStart("intake-service at " + o.base() + " is not ready: " + ready + " " + probe.detail()
                        + " (deploy/local/up starts it; deploy/local/status shows it)");
            }
            HttpResponse<String> response;
            try {
                response = client.send(request(bodies.body("probe")), HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                throw new CannotStart("the probe appeal to " + appeals + " failed: " + e);
            }
            int status = response.statusCode();
            if (status == 401) {
                throw new CannotStart("401: intake rejects the token (signed with other keys? deploy/local/down"
                        + " and deploy/local/up) " + abbreviate(response.body()));
            }
            if (status == 403) {
                throw new CannotStart("403: the token is not allowed to post appeals (needs role telephony)");
            }
            if (status != 201 && status != 200) {
                throw new CannotStart("the probe appeal was answered " + status + ": " + abbreviate(response.body()));
            }
            out.printf("  probe appeal %s: %d, intake is ready%n", bodies.externalId("probe"), status);
            out.flush();
        }

        private void progress() {
            long t0 = System.nanoTime();
            try {
                while (true) {
                    Thread.sleep(5_000);
                    long t = Math.round((System.nanoTime() - t0) / 1e9);
                    err.printf(Locale.ROOT, "  [%3d s] %s: sent %d, accepted %d, in flight %d, not offered %d%n", t,
                            t <= o.warmup() ? "warm-up" : "measuring", sent.get(), accepted.get(),
                            o.concurrency() - inFlight.availablePermits(), notOffered.get());
                    err.flush();
                }
            } catch (InterruptedException e) {
                // the run is over
            }
        }

        private int report(double windowSeconds, double drainedSeconds) {
            long answered = 0;
            long[] samples = new long[Math.toIntExact(measuredRequests)];
            for (int i = 0; i < samples.length; i++) {
                long v = latency.get(i);
                if (v > 0) {
                    samples[(int) answered++] = v - 1;
                }
            }
            samples = Arrays.copyOf(samples, (int) answered);
            Arrays.sort(samples);
            long acceptedCount = measuredAccepted.sum();
            long done = measuredDone.sum();
            long unfinished = measuredOffered - done;
            Map<Integer, Long> byStatus = new TreeMap<>();
            statuses.forEach((k, v) -> byStatus.put(k, v.sum()));
            Map<String, Long> byException = new TreeMap<>();
            exceptions.forEach((k, v) -> byException.put(k, v.sum()));
            long statusErrors = byStatus.entrySet().stream().filter(e -> e.getKey() != 200 && e.getKey() != 201)
                    .mapToLong(Map.Entry::getValue).sum();
            long exceptionErrors = byException.values().stream().mapToLong(Long::longValue).sum();
            long errors = statusErrors + exceptionErrors + unfinished;

            Map<String, Long> warmupByFailure = new TreeMap<>();
            warmupFailures.forEach((k, v) -> warmupByFailure.put(k, v.sum()));
            out.printf(Locale.ROOT, "warm-up (%d s, not counted): offered %d, accepted %d, failed %d%s,"
                    + " not offered in time %d%n", o.warmup(), warmupOffered, warmupAccepted.sum(), warmupFailed.sum(),
                    warmupByFailure.isEmpty() ? "" : " " + warmupByFailure, warmupNotOffered);
            out.printf(Locale.ROOT, "measured window (%.1f s; drain after the last request %.1f s):%n", windowSeconds,
                    drainedSeconds);
            out.printf(Locale.ROOT, "  scheduled           %8d  %8.1f/s%n", measuredRequests, measuredRequests / windowSeconds);
            out.printf(Locale.ROOT, "  offered             %8d  %8.1f/s%n", measuredOffered, measuredOffered / windowSeconds);
            out.printf(Locale.ROOT, "  not offered in time %8d  (%d requests in flight already)%n", measuredNotOffered,
                    o.concurrency());
            out.printf(Locale.ROOT, "  accepted (201/200)  %8d  %8.1f/s%n", acceptedCount, acceptedCount / windowSeconds);
            List<String> parts = new ArrayList<>();
            byStatus.forEach((k, v) -> parts.add(k + ": " + v));
            byException.forEach((k, v) -> parts.add(k + ": " + v));
            if (unfinished > 0) {
                parts.add("no answer after the drain: " + unfinished);
            }
            out.printf(Locale.ROOT, "  errors              %8d  (answers and failures: %s)%n", errors,
                    parts.isEmpty() ? "none" : String.join(", ", parts));
            errorSamples.forEach((k, v) -> out.printf("    e.g. %s: %s%n", k, v));
            String p50 = ms(percentile(samples, 50));
            String p95 = ms(percentile(samples, 95));
            String p99 = ms(percentile(samples, 99));
            out.printf(Locale.ROOT, "  latency ms (%d answers)  p50 %s  p95 %s  p99 %s  p99.9 %s  max %s  mean %s%n",
                    samples.length, p50, p95, p99, ms(percentile(samples, 99.9)),
                    ms(samples.length == 0 ? -1 : samples[samples.length - 1]),
                    ms(samples.length == 0 ? -1 : (long) Arrays.stream(samples).average().orElse(0)));
            out.printf(Locale.ROOT, "  load generator      %d of %d sends more than %d ms behind schedule, max %.1f ms%n",
                    measuredLate, measuredRequests, LATE_NANOS / 1_000_000, maxLagNanos / 1e6);
            out.printf(Locale.ROOT, "intake: %.1f appeals/s, p50 %s ms, p95 %s ms, p99 %s ms, errors %d%n",
                    acceptedCount / windowSeconds, p50, p95, p99, errors);
            out.flush();
            return acceptedCount == 0 ? 1 : 0;
        }

        /** Nearest-rank percentile of sorted samples; -1 when there are none. */
        static long percentile(long[] sorted, double p) {
            if (sorted.length == 0) {
                return -1;
            }
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
        }

        private static String ms(long nanos) {
            return nanos < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", nanos / 1e6);
        }
    }
}
