package io.jiesu.local;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * End-to-end benchmark: appeals into intake (REST {@code POST /api/v1/appeals}, or records on {@code telephony.calls}
 * with {@code --via kafka}) at a fixed offered rate, and a plain Kafka consumer on every unit inbox that waits for
 * each appeal's work order — the whole pipeline intake → outbox → {@code case.intake} → dispatch → outbox →
 * {@code unit.<unitCode>.inbox}, as a department system sees it. Run it with {@code deploy/local/bench}.
 *
 * <p>Matching: over REST the case id comes in intake's 201 answer and is the work order's record key. A
 * {@code telephony.calls} record has no answer: the consumer also reads {@code case.intake}, where
 * {@code case.received} carries both the {@code externalId} and the case id.
 *
 * <p>Figures for the measured window (the appeals due in the {@code --seconds} after the {@code --warmup}):
 * offered/s, accepted/s, work orders that reached an inbox per second (arrivals during the window), latency from
 * sending the appeal to the work order's arrival at the consumer. Lost and duplicated count over every appeal of the
 * run, warm-up included: <em>lost</em> = accepted as a new case (or, via Kafka, acknowledged by the broker) but no
 * work order on an inbox when the drain ends — the drain waits while work orders keep arriving (a slow pipeline is
 * not a lossy one) and ends when none came for {@code --drain} seconds; <em>duplicated</em> = one case with work orders of two or more different
 * {@code ce_id}s; the same {@code ce_id} again is a <em>redelivery</em> of the at-least-once outbox relay, which
 * department systems drop by {@code ce_id}, counted apart. An appeal intake linked to an open case as a repeat (or
 * answered directly) gets no work order of its own and is counted apart as well.
 *
 * <p>The same run measures the raw Kafka producer rate ({@link EndToEndRawRate}) and prints the ratio.
 * {@code --find-max} repeats the measurement at rising rates until p99 passes {@code --p99-bound-ms} (or an appeal
 * is lost, or the pipeline falls behind) and reports the highest rate that held.
 *
 * <p>Use from code (the CI smoke test): {@link #options(String...)} then {@link #run(Options, String, PrintStream,
 * PrintStream)}. Only 127.0.0.1/localhost targets are accepted.
 */
public final class EndToEndBench {
    static final String TOKEN_ENV = IntakeBench.TOKEN_ENV;
    private static final long MAX_REQUESTS = 5_000_000;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final long LATE_NANOS = 5_000_000;
    /** After the last expected work order, keep reading this long for duplicates and redeliveries. */
    private static final Duration DUPLICATE_GRACE = Duration.ofSeconds(2);
    /** The drain never takes longer than this (or --drain, if longer), even while work orders still arrive. */
    private static final int DRAIN_CAP_SECONDS = 300;
    private static final double FIND_MAX_FACTOR = 1.5;
    private static final int FIND_MAX_STEPS = 12;
    /** When the first step does not hold, find-max halves the rate down to this. */
    private static final int FIND_MAX_MIN_RATE = 5;
    /** Steps of up to this many appeals have their requests built before the load starts (~1 KiB each). */
    private static final int PREBUILT_MAX = 100_000;
    /**
     * Intake's per-client share of its admission budget with the default settings (32 in flight x 0.75,
     * intake-service AdmissionConfig): more in flight only earns 429s that intake parses and refuses.
     */
    static final int DEFAULT_CONCURRENCY = 24;

    static final String USAGE = String.join("\n",
            "usage: deploy/local/bench [--rate N] [--seconds S] [--warmup S] [--via rest|kafka] [--find-max] [--surge]"
                    + " [--p99-bound-ms MS]",
            "                         [--drain S] [--raw-seconds S] [--concurrency C] [--url URL] [--bootstrap HOST:PORT]",
            "  --rate N           appeals offered per second (default 100; with --find-max the first step, default 50)",
            "  --seconds S        measured window (default 40; with --find-max per step, default 10)",
            "  --warmup S         load before the window, not counted (default 10; with --find-max per step, default 3)",
            "  --via rest|kafka   POST /api/v1/appeals (default) or records on telephony.calls",
            "  --surge            a mass incident: " + BenchAppeals.SURGE_PERCENT + " % of the appeals name one category"
                    + " and one street/town (3 addresses) from many callers, " + BenchAppeals.RELENTLESS_PERCENT
                    + " % of them one caller who repeats; prints intake's answer time p50/p99 for surge and varied"
                    + " appeals and their ratio, accepted vs refused (503/429)",
            "  --find-max         raise the rate x" + FIND_MAX_FACTOR + " per step until p99 > --p99-bound-ms, an appeal"
                    + " is lost or the pipeline falls behind (halve it while none held, down to " + FIND_MAX_MIN_RATE
                    + "/s); report the highest rate that held",
            "  --p99-bound-ms MS  the p99 bound of --find-max (default 100)",
            "  --drain S          after the last appeal, wait for the work orders until none came for S s"
                    + " (default 30; never longer than " + DRAIN_CAP_SECONDS + " s while they still come)",
            "  --raw-seconds S    length of the raw Kafka producer measurement, 0 = skip (default 5)",
            "  --concurrency C    most REST requests in flight (default " + DEFAULT_CONCURRENCY + ": intake's default"
                    + " admission budget of 32 x its per-client share 0.75); a slot refused with 503/429 is not"
                    + " reused before the answer's Retry-After has passed",
            "  --url URL          intake-service, http://127.0.0.1:PORT only (default http://127.0.0.1:8081)",
            "  --bootstrap H:P    Kafka, 127.0.0.1/localhost only (default 127.0.0.1:9092)",
            "  --reference FILE   reference data (default contract/src/main/resources/jiesu/reference-data.json)",
            "The telephony token is read from $" + TOKEN_ENV + " (needed for --via rest; deploy/local/bench sets it).",
            "Last line: e2e: <n> appeals/s, p50 <x> ms, p99 <y> ms, lost <l>, duplicated <d>",
            "Exit: 0 completed without loss or duplicate, 3 completed with loss or duplicates, 1 could not start,"
                    + " 2 usage error.");

    public enum Via { REST, KAFKA }

    /** What to run; build it with {@link #options(String...)}. */
    public record Options(int rate, int seconds, int warmup, Via via, boolean findMax, int p99BoundMs, int drainSeconds,
            int rawSeconds, int concurrency, URI intake, String bootstrap, Path reference, boolean surge) {
    }

    /** The figures of one measured window. Latencies in ms, -1 when there is none. */
    public record Result(Via via, int rate, double windowSeconds, long scheduled, long offered, long notOffered,
            long accepted, long errors, long noWorkOrderExpected, long reachedInbox, double offeredPerSecond,
            double acceptedPerSecond, double inboxPerSecond, double p50Ms, double p95Ms, double p99Ms, double maxMs,
            long lost, long duplicated, long redelivered, long pendingAtDrainEnd, double rawRecordsPerSecond,
            List<String> lostSamples, double clientCpuMsPerAppeal) {

        /** {@code e2e: <n> appeals/s, p50 <x> ms, p99 <y> ms, lost <l>, duplicated <d>}. */
        public String summaryLine() {
            return String.format(Locale.ROOT, "e2e: %.1f appeals/s, p50 %s ms, p99 %s ms, lost %d, duplicated %d",
                    inboxPerSecond, ms(p50Ms), ms(p99Ms), lost, duplicated);
        }

        /** Held the rate: nothing lost or duplicated, p99 within the bound, and the pipeline kept up. */
        public boolean sustained(int p99BoundMs) {
            return lost == 0 && duplicated == 0 && errors == 0 && notOffered == 0 && p99Ms >= 0
                    && p99Ms <= p99BoundMs && reachedInbox >= 0.98 * offered && inboxPerSecond >= 0.95 * rate;
        }
    }

    /** The outcome of {@code --find-max}: every step, and the highest rate that held (null if none). */
    public record FindMax(List<Result> steps, Result best) {
    }

    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /** The run cannot start: intake or Kafka not there, token refused, probe appeal never reached an inbox. */
    public static final class CannotStart extends Exception {
        CannotStart(String message) {
            super(message);
        }
    }

    private EndToEndBench() {
    }

    public static void main(String[] args) {
        int code;
        try {
            Options o = parse(Arrays.asList(args));
            String token = System.getenv(TOKEN_ENV);
            if (o.via() == Via.REST && (token == null || token.isBlank())) {
                throw new UsageException("no token: set " + TOKEN_ENV + " to a telephony token"
                        + " (deploy/local/bench does it)");
            }
            token = token == null ? null : token.trim();
            if (o.findMax()) {
                FindMax f = findMax(o, token, System.out, System.err);
                code = f.best() == null || f.best().accepted() == 0 ? 1 : 0;
            } else {
                Result r = run(o, token, System.out, System.err);
                code = r.accepted() == 0 ? 1 : r.lost() > 0 || r.duplicated() > 0 ? 3 : 0;
            }
        } catch (UsageException e) {
            if (e.getMessage().equals("help")) {
                System.out.println(USAGE);
                System.exit(0);
            }
            System.err.println("bench: " + e.getMessage());
            System.err.println(USAGE);
            code = 2;
        } catch (CannotStart e) {
            System.err.println("bench: cannot start: " + e.getMessage());
            code = 1;
        } catch (InterruptedException e) {
            System.err.println("bench: interrupted");
            code = 1;
        } catch (Exception e) {
            System.err.println("bench: " + e);
            code = 1;
        }
        System.out.flush();
        System.exit(code);
    }

    /** Options from command-line arguments; a mistake is an {@link IllegalArgumentException}. */
    public static Options options(String... args) {
        try {
            return parse(Arrays.asList(args));
        } catch (UsageException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    static Options parse(List<String> args) throws UsageException {
        Integer rate = null;
        Integer seconds = null;
        Integer warmup = null;
        Via via = Via.REST;
        boolean findMax = false;
        boolean surge = false;
        int bound = 100;
        int drain = 30;
        int raw = 5;
        int concurrency = DEFAULT_CONCURRENCY;
        String url = "http://127.0.0.1:8081";
        String bootstrap = "127.0.0.1:9092";
        String reference = "contract/src/main/resources/jiesu/reference-data.json";
        List<String> known = List.of("--rate", "--seconds", "--warmup", "--via", "--p99-bound-ms", "--drain",
                "--raw-seconds", "--concurrency", "--url", "--bootstrap", "--reference");
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
            if (name.equals("--find-max")) {
                findMax = true;
                continue;
            }
            if (name.equals("--surge")) {
                surge = true;
                continue;
            }
            if (!known.contains(name)) {
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
                case "--via" -> via = switch (value.trim().toLowerCase(Locale.ROOT)) {
                    case "rest" -> Via.REST;
                    case "kafka" -> Via.KAFKA;
                    default -> throw new UsageException("--via must be rest or kafka (is '" + value + "')");
                };
                case "--p99-bound-ms" -> bound = number(name, value, 1, 60_000);
                case "--drain" -> drain = number(name, value, 1, 600);
                case "--raw-seconds" -> raw = number(name, value, 0, 60);
                case "--concurrency" -> concurrency = number(name, value, 1, 1024);
                case "--url" -> url = value;
                case "--bootstrap" -> bootstrap = value;
                default -> reference = value;
            }
        }
        int r = rate != null ? rate : findMax ? 50 : 100;
        int s = seconds != null ? seconds : findMax ? 10 : 40;
        int w = warmup != null ? warmup : findMax ? 3 : 10;
        if ((long) r * (s + w) > MAX_REQUESTS) {
            throw new UsageException("rate x (warmup + seconds) may be at most " + MAX_REQUESTS);
        }
        URI intake;
        try {
            intake = IntakeBench.localUrl(url);
        } catch (IntakeBench.UsageException e) {
            throw new UsageException(e.getMessage());
        }
        if (surge && (via != Via.REST || findMax)) {
            throw new UsageException("--surge measures intake's answers over REST: not with --via kafka or --find-max");
        }
        return new Options(r, s, w, via, findMax, bound, drain, raw, concurrency, intake, localBootstrap(bootstrap),
                Path.of(reference), surge);
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

    /** {@code 127.0.0.1:PORT} or {@code localhost:PORT} only: the benchmark never loads another machine. */
    static String localBootstrap(String bootstrap) throws UsageException {
        String b = bootstrap.trim();
        int colon = b.lastIndexOf(':');
        String host = colon < 0 ? b : b.substring(0, colon);
        boolean portOk = colon > 0 && b.substring(colon + 1).matches("\\d{1,5}");
        if (!portOk || !(host.equals("127.0.0.1") || host.equals("localhost")) || b.contains(",")) {
            throw new UsageException("--bootstrap must be 127.0.0.1:PORT or localhost:PORT (this benchmark only loads"
                    + " the local machine), not " + bootstrap);
        }
        return b;
    }

    /** One measurement at {@code o.rate()}, with the raw producer rate first. */
    public static Result run(Options o, String token, PrintStream out, PrintStream err) throws Exception {
        try (Session s = Session.open(o, token, out, err)) {
            double raw = s.rawRate();
            Result r = s.step(o.rate(), o.seconds(), o.warmup(), "");
            r = withRaw(r, raw);
            s.report(r);
            out.println(r.summaryLine());
            out.flush();
            return r;
        }
    }

    /** Raises the rate step by step; reports every step and the highest rate that held. */
    public static FindMax findMax(Options o, String token, PrintStream out, PrintStream err) throws Exception {
        List<Result> steps = new ArrayList<>();
        Result best = null;
        try (Session s = Session.open(o, token, out, err)) {
            double raw = s.rawRate();
            int rate = o.rate();
            int failedAt = -1;
            for (int i = 0; i < FIND_MAX_STEPS && rate <= 20_000; i++) {
                out.printf(Locale.ROOT, "%n== step %d: %d appeals/s offered ==%n", i + 1, rate);
                Result r = withRaw(s.step(rate, o.seconds(), o.warmup(), "s" + (i + 1) + "-"), raw);
                s.report(r);
                steps.add(r);
                if (!r.sustained(o.p99BoundMs())) {
                    failedAt = rate;
                    out.printf(Locale.ROOT, "  -> not sustained at %d/s%n", rate);
                    // nothing held yet (a slow or busy machine): halve the rate instead, down to the minimum
                    if (best == null && rate / 2 >= FIND_MAX_MIN_RATE) {
                        rate = rate / 2;
                        s.settle();
                        continue;
                    }
                    break;
                }
                best = r;
                out.printf(Locale.ROOT, "  -> sustained at %d/s%n", rate);
                rate = Math.max(rate + 1, (int) Math.round(rate * FIND_MAX_FACTOR / 10.0) * 10);
                s.settle();
            }
            // one step between the last rate that held and the first that did not
            if (best != null && failedAt > 0 && failedAt - best.rate() > Math.max(10, best.rate() / 10)) {
                s.settle();
                int mid = (best.rate() + failedAt) / 2;
                out.printf(Locale.ROOT, "%n== step %d: %d appeals/s offered (between %d and %d) ==%n",
                        steps.size() + 1, mid, best.rate(), failedAt);
                Result r = withRaw(s.step(mid, o.seconds(), o.warmup(), "s" + (steps.size() + 1) + "-"), raw);
                s.report(r);
                steps.add(r);
                if (r.sustained(o.p99BoundMs())) {
                    best = r;
                }
            }
        }
        out.printf(Locale.ROOT, "%nfind-max (p99 bound %d ms, no loss, no duplicate, inbox rate >= 95%% of offered):%n",
                o.p99BoundMs());
        for (Result r : steps) {
            out.printf(Locale.ROOT, "  %6d/s offered: %8.1f/s on inboxes, p99 %s ms, lost %d, duplicated %d%s%n",
                    r.rate(), r.inboxPerSecond(), ms(r.p99Ms()), r.lost(), r.duplicated(),
                    r.sustained(o.p99BoundMs()) ? "  held" : "  NOT held");
        }
        if (best == null) {
            out.printf(Locale.ROOT, "highest sustainable rate: none (not even %d/s held)%n",
                    steps.stream().mapToInt(Result::rate).min().orElse(o.rate()));
            Result first = steps.isEmpty() ? null : steps.get(0);
            if (first != null) {
                out.println(first.summaryLine());
            }
        } else {
            out.printf(Locale.ROOT, "highest sustainable rate: %d appeals/s offered%n", best.rate());
            out.println(best.summaryLine());
        }
        out.flush();
        return new FindMax(List.copyOf(steps), best);
    }

    private static Result withRaw(Result r, double raw) {
        return new Result(r.via(), r.rate(), r.windowSeconds(), r.scheduled(), r.offered(), r.notOffered(),
                r.accepted(), r.errors(), r.noWorkOrderExpected(), r.reachedInbox(), r.offeredPerSecond(),
                r.acceptedPerSecond(), r.inboxPerSecond(), r.p50Ms(), r.p95Ms(), r.p99Ms(), r.maxMs(), r.lost(),
                r.duplicated(), r.redelivered(), r.pendingAtDrainEnd(), raw, r.lostSamples(), r.clientCpuMsPerAppeal());
    }

    static String ms2(double ms) {
        return ms < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", ms);
    }

    static String ms(double ms) {
        return ms < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", ms);
    }

    /** The consumer, producer/HTTP client and appeal generator of one benchmark run (one or more steps). */
    static final class Session implements AutoCloseable {
        private final Options o;
        private final String token;
        private final PrintStream out;
        private final PrintStream err;
        private final String runId;
        private final BenchAppeals bodies;
        private final EndToEndFollower follower;
        private final HttpClient http;
        private final URI appeals;
        /** Everything of an appeal's request but its body, built once (copied per appeal). */
        private final HttpRequest.Builder requestTemplate;
        private final KafkaProducer<String, String> producer;

        private Session(Options o, String token, PrintStream out, PrintStream err, String runId, BenchAppeals bodies,
                EndToEndFollower follower, KafkaProducer<String, String> producer) {
            this.o = o;
            this.token = token;
            this.out = out;
            this.err = err;
            this.runId = runId;
            this.bodies = bodies;
            this.follower = follower;
            this.producer = producer;
            this.appeals = o.intake().resolve("/api/v1/appeals");
            this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(2)).followRedirects(HttpClient.Redirect.NEVER)
                    // the answers' handling is short and never blocks: run it on the client's selector thread rather
                    // than hand every answer over to a worker thread (a wake-up and a context switch per appeal)
                    .executor(Runnable::run).build();
            this.requestTemplate = HttpRequest.newBuilder(appeals)
                    .timeout(REQUEST_TIMEOUT)
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json");
        }

        static Session open(Options o, String token, PrintStream out, PrintStream err) throws Exception {
            if (!Files.isReadable(o.reference())) {
                throw new CannotStart("cannot read the reference data " + o.reference().toAbsolutePath());
            }
            if (o.via() == Via.REST && (token == null || token.isBlank())) {
                throw new CannotStart("--via rest needs a telephony token");
            }
            String runId = Long.toString(System.currentTimeMillis(), 36);
            BenchAppeals bodies = BenchAppeals.load(o.reference(), runId);
            out.printf(Locale.ROOT, "end-to-end benchmark %s: %s -> unit inboxes on %s%n", runId,
                    o.via() == Via.REST ? "POST " + o.intake().resolve("/api/v1/appeals") : "telephony.calls",
                    o.bootstrap());
            out.printf(Locale.ROOT, "  %s, warm-up %d s, measured %d s, drain until no work order for %d s%s,"
                    + " started %s, %d CPUs%n",
                    o.findMax() ? "find-max from " + o.rate() + "/s (p99 bound " + o.p99BoundMs() + " ms)"
                            : "rate " + o.rate() + "/s", o.warmup(), o.seconds(), o.drainSeconds(),
                    o.via() == Via.REST ? ", concurrency " + o.concurrency() : "",
                    ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME.withLocale(Locale.ROOT))
                            .replaceFirst("\\.\\d+", ""), Runtime.getRuntime().availableProcessors());
            out.printf(Locale.ROOT, "  appeals: externalId BENCH-%s-<n>, %d streets/towns of %d districts, %d"
                    + " categories%n", runId, bodies.streets.size(), bodies.districtCount, bodies.categories.size());
            out.flush();
            Health.Probe probe = Health.probe(Health.client(), o.intake().resolve("/q/health/ready").toString(),
                    Duration.ofSeconds(3));
            if (!probe.up()) {
                throw new CannotStart("intake-service at " + o.intake() + " is not ready: " + probe.detail()
                        + " (deploy/local/up starts it; deploy/local/status shows it)");
            }
            EndToEndFollower follower = new EndToEndFollower(o.bootstrap(), "jiesu-e2e-bench-" + runId,
                    o.via() == Via.KAFKA, "BENCH-" + runId + "-");
            KafkaProducer<String, String> producer = null;
            Session s = null;
            try {
                follower.start(Duration.ofSeconds(60));
                out.printf(Locale.ROOT, "  inbox consumer: %d partitions (unit inboxes%s), from the latest offset%n",
                        follower.assignedPartitions(), o.via() == Via.KAFKA ? ", case.intake, telephony.calls.dlq" : "");
                if (o.via() == Via.KAFKA) {
                    producer = telephonyProducer(o.bootstrap());
                }
                s = new Session(o, token, out, err, runId, bodies, follower, producer);
                s.preflight();
                return s;
            } catch (Exception e) {
                if (s != null) {
                    s.close();
                } else {
                    follower.close();
                    if (producer != null) {
                        producer.close(Duration.ofSeconds(5));
                    }
                }
                throw e;
            }
        }

        private static KafkaProducer<String, String> telephonyProducer(String bootstrap) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.LINGER_MS_CONFIG, "1");
            p.put(ProducerConfig.CLIENT_ID_CONFIG, "e2e-bench-telephony");
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            return new KafkaProducer<>(p);
        }

        double rawRate() throws Exception {
            if (o.rawSeconds() == 0) {
                out.println("raw Kafka producer: skipped (--raw-seconds 0)");
                return -1;
            }
            EndToEndRawRate.Rate r = EndToEndRawRate.measure(o.bootstrap(), "jiesu.bench.raw-" + runId,
                    o.rawSeconds());
            out.printf(Locale.ROOT, "raw Kafka producer (1 KiB records, acks=all, %.1f s, scratch topic deleted):"
                    + " %.0f records/s (%.1f MiB/s)%s%n", r.seconds(), r.recordsPerSecond(), r.mibPerSecond(),
                    r.failed() > 0 ? ", " + r.failed() + " failed" : "");
            out.flush();
            settle();
            return r.recordsPerSecond();
        }

        /** A short pause so that the previous burst (raw producer, last step's drain) does not spill over. */
        void settle() throws InterruptedException {
            Thread.sleep(2_000);
        }

        /** One appeal through the whole pipeline before any load: the token works, the consumer sees the inbox. */
        private void preflight() throws Exception {
            Instant deadline = Instant.now().plusSeconds(Math.max(30, o.drainSeconds()));
            String externalId = bodies.externalId("probe");
            long t0 = System.nanoTime();
            String caseId;
            if (o.via() == Via.REST) {
                HttpResponse<byte[]> response;
                try {
                    response = http.send(request(bodies.body("probe")), HttpResponse.BodyHandlers.ofByteArray());
                } catch (java.io.IOException e) {
                    throw new CannotStart("the probe appeal to " + appeals + " failed: " + e);
                }
                int status = response.statusCode();
                if (status == 401 || status == 403) {
                    throw new CannotStart(status + ": intake refuses the token (needs role telephony, signed with the"
                            + " platform's keys: deploy/local/down and deploy/local/up if .local/keys changed)");
                }
                if (status != 201) {
                    throw new CannotStart("the probe appeal was answered " + status + ": " + abbreviate(text(response)));
                }
                caseId = answer(response.body())[0];
            } else {
                producer.send(call(externalId, bodies.body("probe"))).get();
                EndToEndFollower.Intake in;
                while ((in = follower.intake.get(externalId)) == null) {
                    String dlq = follower.deadLetters.get(externalId);
                    if (dlq != null) {
                        throw new CannotStart("intake dead-lettered the probe call: " + dlq);
                    }
                    if (Instant.now().isAfter(deadline)) {
                        throw new CannotStart("the probe call " + externalId + " did not show up on case.intake"
                                + " (is intake consuming telephony.calls? see .local/logs/intake-service.log)");
                    }
                    Thread.sleep(20);
                }
                caseId = in.caseId();
            }
            EndToEndFollower.Arrival a;
            while ((a = follower.arrivals.get(caseId)) == null) {
                if (follower.failure() != null) {
                    throw new CannotStart("the inbox consumer failed: " + follower.failure());
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new CannotStart("the probe appeal (case " + caseId + ") reached no unit inbox within "
                            + Math.max(30, o.drainSeconds()) + " s (is dispatch-service up and following case.intake?)");
                }
                Thread.sleep(20);
            }
            out.printf(Locale.ROOT, "  probe appeal %s: case %s on %s after %.0f ms%n", externalId, caseId, a.topic,
                    (a.firstNanos - t0) / 1e6);
            out.flush();
        }

        private HttpRequest request(String body) {
            return requestTemplate.copy().POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
        }

        /**
         * The bodies (REST: the whole requests) of a step's appeals, built before its first appeal is due when there
         * are at most {@link #PREBUILT_MAX}, so that the client's JSON and request building does not compete with
         * the platform during the measurement; a longer step builds each when it is due. A used one is let go.
         */
        private final class Prepared {
            private final String tag;
            private final String[] bodies;
            private final HttpRequest[] requests;

            Prepared(String tag, int total) {
                this.tag = tag;
                boolean prebuild = total <= PREBUILT_MAX;
                this.bodies = prebuild && o.via() == Via.KAFKA ? new String[total] : null;
                this.requests = prebuild && o.via() == Via.REST ? new HttpRequest[total] : null;
                for (int n = 0; prebuild && n < total; n++) {
                    if (requests != null) {
                        requests[n] = Session.this.request(build(n));
                    } else {
                        bodies[n] = build(n);
                    }
                }
            }

            private String build(int n) {
                String number = tag + (n + 1);
                return o.surge() ? Session.this.bodies.surgeBody(number, n) : Session.this.bodies.body(number);
            }

            String body(int n) {
                if (bodies == null) {
                    return build(n);
                }
                String b = bodies[n];
                bodies[n] = null;
                return b;
            }

            HttpRequest request(int n) {
                if (requests == null) {
                    return Session.this.request(build(n));
                }
                HttpRequest r = requests[n];
                requests[n] = null;
                return r;
            }

            /** Appeal n will not be sent. */
            void taken(int n) {
                if (requests != null) {
                    requests[n] = null;
                }
            }
        }

        /** A {@code jiesu.telephony.call.v1} record as the telephony system writes it; keyed by the call id. */
        private static ProducerRecord<String, String> call(String externalId, String body) {
            ProducerRecord<String, String> r = new ProducerRecord<>("telephony.calls", externalId, body);
            r.headers().add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
            r.headers().add("ce_source", "/jiesu/e2e-bench".getBytes(StandardCharsets.UTF_8));
            r.headers().add("ce_type", "jiesu.telephony.call.v1".getBytes(StandardCharsets.UTF_8));
            r.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
            r.headers().add("ce_time", Instant.now().toString().getBytes(StandardCharsets.UTF_8));
            r.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
            return r;
        }

        /** caseId and status of intake's answer. */
        private static String[] answer(byte[] body) {
            return AnswerFields.caseIdAndStatus(body);
        }

        // per appeal of a step: what happened to it
        private static final int PENDING = 0;
        private static final int NEW_CASE = 1;      // REST: 201 RECEIVED; Kafka: acknowledged by the broker
        private static final int NO_ORDER = 2;      // REST: linked as a repeat / answered directly
        private static final int FAILED = 3;
        private static final int NOT_OFFERED = 4;
        private static final int ACKED_NO_CASE = 5; // Kafka: on telephony.calls, but never on case.intake
        private static final int REFUSED = 6;
        private static final String REFUSED_PREFIX = "refused ";       // REST: 503/429 from the admission budget, nothing recorded

        Result step(int rate, int seconds, int warmup, String tag) throws Exception {
            long warmupN = (long) rate * warmup;
            long measuredN = (long) rate * seconds;
            int total = Math.toIntExact(warmupN + measuredN);
            AtomicLongArray sentAt = new AtomicLongArray(total);
            AtomicLongArray answerNanos = new AtomicLongArray(total);
            AtomicIntegerArray outcome = new AtomicIntegerArray(total);
            AtomicReferenceArray<String> caseIds = new AtomicReferenceArray<>(total);
            Map<String, LongAdder> failures = new ConcurrentHashMap<>();
            Map<String, String> failureSamples = new ConcurrentHashMap<>();
            RequestSlots slots = new RequestSlots(o.concurrency());
            AtomicLong sent = new AtomicLong();
            AtomicLong acceptedSoFar = new AtomicLong();

            Prepared ready = new Prepared(tag, total);
            Thread progress = new Thread(() -> progress(warmup, sent, acceptedSoFar, slots), "e2e-progress");
            progress.setDaemon(true);
            long start = System.nanoTime() + 20_000_000;
            long windowStart = start + slot(warmupN, rate);
            long late = 0;
            double maxLag = 0;
            progress.start();
            long cpuAtWindowStart = warmupN == 0 ? ClientCpu.nanos() : -1;
            for (int n = 0; n < total; n++) {
                if (n == warmupN && n > 0) {
                    cpuAtWindowStart = ClientCpu.nanos();
                }
                long due = start + slot(n, rate);
                long now;
                while ((now = System.nanoTime()) < due) {
                    LockSupport.parkNanos(due - now);
                }
                if (n >= warmupN) {
                    if (now - due > LATE_NANOS) {
                        late++;
                    }
                    maxLag = Math.max(maxLag, (now - due) / 1e6);
                }
                final int i = n;
                if (o.via() == Via.REST) {
                    if (!slots.tryAcquire()) {
                        outcome.set(i, NOT_OFFERED);
                        ready.taken(i);
                        continue;
                    }
                    HttpRequest request = ready.request(i);
                    long t0 = System.nanoTime();
                    sentAt.set(i, t0);
                    sent.incrementAndGet();
                    try {
                        http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((resp, ex) -> {
                            answerNanos.set(i, System.nanoTime() - t0);
                            onAnswer(i, i >= warmupN, resp, ex, slots, outcome, caseIds, failures, failureSamples,
                                    acceptedSoFar);
                        });
                    } catch (RuntimeException e) {
                        onAnswer(i, i >= warmupN, null, e, slots, outcome, caseIds, failures, failureSamples,
                                acceptedSoFar);
                    }
                } else {
                    sentAt.set(i, System.nanoTime());
                    sent.incrementAndGet();
                    try {
                        producer.send(call(bodies.externalId(tag + (n + 1)), ready.body(i)), (md, ex) -> {
                            if (ex == null) {
                                outcome.set(i, NEW_CASE);
                                acceptedSoFar.incrementAndGet();
                            } else {
                                outcome.set(i, FAILED);
                                if (i >= warmupN) {
                                    failed(failures, failureSamples, ex);
                                }
                            }
                        });
                    } catch (RuntimeException e) {
                        outcome.set(i, FAILED);
                        if (i >= warmupN) {
                            failed(failures, failureSamples, e);
                        }
                    }
                }
            }
            long windowEnd = System.nanoTime();
            double windowSeconds = Math.max(seconds, (windowEnd - windowStart) / 1e9);

            // drain: the answers first, then the work orders
            long drainDeadline = windowEnd + REQUEST_TIMEOUT.toNanos() + 1_000_000_000L;
            if (o.via() == Via.REST) {
                while (slots.taken() > 0 && System.nanoTime() < drainDeadline) {
                    Thread.sleep(10);
                }
            } else {
                producer.flush();
            }
            slots.close();
            // then the work orders: as long as they keep coming (a slow pipeline is not a lossy one), until none came
            // for --drain seconds; whatever is missing then is lost
            int pending = Integer.MAX_VALUE;
            long lastProgress = System.nanoTime();
            long stall = Duration.ofSeconds(o.drainSeconds()).toNanos();
            long cap = windowEnd + Duration.ofSeconds(Math.max(o.drainSeconds(), DRAIN_CAP_SECONDS)).toNanos();
            String drainEnd = "every work order arrived";
            while (true) {
                int now = pendingWorkOrders(tag, total, outcome, caseIds);
                if (now < pending) {
                    lastProgress = System.nanoTime();
                }
                pending = now;
                if (pending == 0) {
                    break;
                }
                if (System.nanoTime() - lastProgress > stall) {
                    drainEnd = "no work order for " + o.drainSeconds() + " s";
                    break;
                }
                if (System.nanoTime() > cap) {
                    drainEnd = "cap of " + Math.max(o.drainSeconds(), DRAIN_CAP_SECONDS) + " s reached, still arriving";
                    break;
                }
                Thread.sleep(100);
            }
            double drained = (System.nanoTime() - windowEnd) / 1e9;
            // the client's CPU from the window's first appeal to the drain's end: sending, answers, following
            long cpuAtDrainEnd = ClientCpu.nanos();
            long clientCpuNanos = cpuAtWindowStart < 0 || cpuAtDrainEnd < 0 ? -1 : cpuAtDrainEnd - cpuAtWindowStart;
            Thread.sleep(DUPLICATE_GRACE.toMillis());
            pending = pendingWorkOrders(tag, total, outcome, caseIds);
            progress.interrupt();
            if (follower.failure() != null) {
                throw new IllegalStateException("the inbox consumer failed: " + follower.failure(), follower.failure());
            }

            // reconcile
            long offered = 0;
            long notOffered = 0;
            long accepted = 0;
            long errors = 0;
            long noOrder = 0;
            long reached = 0;
            long lost = 0;
            long duplicated = 0;
            long redelivered = 0;
            long refused = 0;
            long inWindow = 0;
            List<String> lostSamples = new ArrayList<>();
            long[] latencies = new long[Math.toIntExact(measuredN)];
            int samples = 0;
            for (int n = 0; n < total; n++) {
                boolean measured = n >= warmupN;
                int state = outcome.get(n);
                String externalId = bodies.externalId(tag + (n + 1));
                String caseId = caseIds.get(n);
                boolean expectsOrder = false;
                if (o.via() == Via.KAFKA && state == NEW_CASE) {
                    EndToEndFollower.Intake in = follower.intake.get(externalId);
                    if (in != null) {
                        caseId = in.caseId();
                        expectsOrder = in.expectsWorkOrder();
                        if (!expectsOrder) {
                            state = NO_ORDER;
                        }
                    } else if (follower.deadLetters.containsKey(externalId)) {
                        state = FAILED;
                        if (measured) {
                            failures.computeIfAbsent("dead-lettered", k -> new LongAdder()).increment();
                            failureSamples.putIfAbsent("dead-lettered", follower.deadLetters.get(externalId));
                        }
                    } else {
                        // acknowledged by the broker, yet intake made no case of it: lost (not accepted, no order)
                        expectsOrder = true;
                        state = ACKED_NO_CASE;
                    }
                } else {
                    expectsOrder = state == NEW_CASE;
                }
                EndToEndFollower.Arrival a = caseId == null ? null : follower.arrivals.get(caseId);
                if (a != null) {
                    if (a.distinctEvents() > 1) {
                        duplicated++;
                    }
                    redelivered += a.redeliveries();
                    if (a.firstNanos >= windowStart && a.firstNanos <= windowEnd) {
                        inWindow++;
                    }
                }
                if (expectsOrder && a == null) {
                    lost++;
                    if (lostSamples.size() < 10) {
                        lostSamples.add(externalId + (caseId == null ? "" : " (case " + caseId + ")"));
                    }
                }
                if (!measured) {
                    continue;
                }
                switch (state) {
                    case NOT_OFFERED -> notOffered++;
                    case ACKED_NO_CASE -> offered++;
                    case FAILED, PENDING -> {
                        offered++;
                        errors++;
                    }
                    case REFUSED -> {
                        offered++;
                        refused++;
                    }
                    case NO_ORDER -> {
                        offered++;
                        accepted++;
                        noOrder++;
                    }
                    default -> {
                        offered++;
                        accepted++;
                    }
                }
                if (a != null && expectsOrder) {
                    reached++;
                    latencies[samples++] = a.firstNanos - sentAt.get(n);
                }
            }
            long[] sorted = Arrays.copyOf(latencies, samples);
            Arrays.sort(sorted);
            Result r = new Result(o.via(), rate, windowSeconds, measuredN, offered, notOffered, accepted, errors,
                    noOrder, reached, offered / windowSeconds, accepted / windowSeconds, inWindow / windowSeconds,
                    pct(sorted, 50), pct(sorted, 95), pct(sorted, 99),
                    sorted.length == 0 ? -1 : sorted[sorted.length - 1] / 1e6, lost, duplicated, redelivered,
                    pending, -1, List.copyOf(lostSamples), clientCpuNanos < 0 || accepted == 0 ? -1
                            : clientCpuNanos / 1e6 / accepted);
            printStep(r, warmup, warmupN, drained, drainEnd, late, maxLag, failures, failureSamples);
            if (o.surge()) {
                printSurge(Surge.of(outcome, answerNanos, warmupN, total, refused, failures));
            }
            return r;
        }

        private int pendingWorkOrders(String tag, int total, AtomicIntegerArray outcome,
                AtomicReferenceArray<String> caseIds) {
            int pending = 0;
            for (int n = 0; n < total; n++) {
                int state = outcome.get(n);
                if (state == PENDING) {
                    pending++; // no answer / no acknowledgement yet
                    continue;
                }
                if (state != NEW_CASE) {
                    continue;
                }
                String caseId = caseIds.get(n);
                if (o.via() == Via.KAFKA) {
                    String externalId = bodies.externalId(tag + (n + 1));
                    EndToEndFollower.Intake in = follower.intake.get(externalId);
                    if (in == null) {
                        if (!follower.deadLetters.containsKey(externalId)) {
                            pending++;
                        }
                        continue;
                    }
                    if (!in.expectsWorkOrder()) {
                        continue;
                    }
                    caseId = in.caseId();
                }
                if (caseId == null || !follower.arrivals.containsKey(caseId)) {
                    pending++;
                }
            }
            return pending;
        }

        private void onAnswer(int i, boolean measured, HttpResponse<byte[]> response, Throwable failure,
                RequestSlots slots, AtomicIntegerArray outcome,
                AtomicReferenceArray<String> caseIds, Map<String, LongAdder> failures,
                Map<String, String> failureSamples, AtomicLong acceptedSoFar) {
            boolean refusal = response != null && failure == null
                    && (response.statusCode() == 503 || response.statusCode() == 429);
            if (refusal) {
                // as a polite client: this slot knocks again only after the Retry-After intake asked for
                slots.releaseAfter(RetryAfter.of(response.headers().firstValue("Retry-After").orElse(null),
                        Instant.now()));
            } else {
                slots.release();
            }
            if (response != null && response.statusCode() == 201) {
                try {
                    String[] view = answer(response.body());
                    caseIds.set(i, view[0]);
                    // a repeat linked to an open case, or a consultation answered at once: no work order of its own
                    outcome.set(i, "RECEIVED".equals(view[1]) || "DISPATCHED".equals(view[1]) ? NEW_CASE : NO_ORDER);
                    acceptedSoFar.incrementAndGet();
                    return;
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            // 503/429: refused by intake's admission budget, nothing recorded (not an error, not lost)
            boolean refused = refusal && failure == null;
            outcome.set(i, refused ? REFUSED : FAILED);
            if (!measured) {
                return;
            }
            if (response != null && failure == null) {
                String k = (refused ? REFUSED_PREFIX : "HTTP ") + response.statusCode();
                failures.computeIfAbsent(k, x -> new LongAdder()).increment();
                if (!failureSamples.containsKey(k)) {
                    failureSamples.putIfAbsent(k, abbreviate(text(response)));
                }
            } else {
                failed(failures, failureSamples, failure);
            }
        }

        private static void failed(Map<String, LongAdder> failures, Map<String, String> samples, Throwable failure) {
            Throwable cause = failure;
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            String k = cause == null ? "unknown" : cause.getClass().getSimpleName();
            failures.computeIfAbsent(k, x -> new LongAdder()).increment();
            if (cause != null && cause.getMessage() != null) {
                samples.putIfAbsent(k, abbreviate(cause.getMessage()));
            }
        }

        private void progress(int warmup, AtomicLong sent, AtomicLong accepted, RequestSlots slots) {
            long t0 = System.nanoTime();
            try {
                while (true) {
                    Thread.sleep(5_000);
                    long t = Math.round((System.nanoTime() - t0) / 1e9);
                    err.printf(Locale.ROOT, "  [%3d s] %s: sent %d, accepted %d, %swork orders seen %d%n", t,
                            t <= warmup ? "warm-up" : "measuring", sent.get(), accepted.get(),
                            o.via() == Via.REST ? "in flight " + slots.taken() + ", "
                                    : "", follower.workOrders.get());
                    err.flush();
                }
            } catch (InterruptedException e) {
                // the step is over
            }
        }

        private void printStep(Result r, int warmup, long warmupN, double drained, String drainEnd, long late,
                double maxLag, Map<String, LongAdder> failures, Map<String, String> samples) {
            out.printf(Locale.ROOT, "measured window (%.1f s after %d s / %d appeals of warm-up; drain %.1f s: %s):%n",
                    r.windowSeconds(), warmup, warmupN, drained, drainEnd);
            out.printf(Locale.ROOT, "  offered              %8d  %8.1f/s  (scheduled %d)%n", r.offered(),
                    r.offeredPerSecond(), r.scheduled());
            if (o.via() == Via.REST) {
                out.printf(Locale.ROOT, "  not offered in time  %8d  (%d request slots taken already)%n",
                        r.notOffered(), o.concurrency());
            }
            out.printf(Locale.ROOT, "  accepted             %8d  %8.1f/s  (%s)%n", r.accepted(),
                    r.acceptedPerSecond(), o.via() == Via.REST ? "201 from intake"
                            : "acknowledged by Kafka and made a case of by intake, seen on case.intake");
            Map<String, Long> byKind = new TreeMap<>();
            Map<String, Long> refusedByKind = new TreeMap<>();
            failures.forEach((k, v) -> (k.startsWith(REFUSED_PREFIX) ? refusedByKind : byKind).put(k, v.sum()));
            out.printf(Locale.ROOT, "  errors               %8d  %s%n", r.errors(), byKind.isEmpty() ? "" : byKind);
            if (!refusedByKind.isEmpty()) {
                out.printf(Locale.ROOT, "  refused              %8d  %s (intake's admission budget: nothing recorded;"
                        + " the slot waited out its Retry-After)%n",
                        refusedByKind.values().stream().mapToLong(Long::longValue).sum(), refusedByKind);
            }
            samples.forEach((k, v) -> out.printf("    e.g. %s: %s%n", k, v));
            if (r.noWorkOrderExpected() > 0) {
                out.printf(Locale.ROOT, "  linked/answered      %8d  (a repeat of an open case or a direct answer:"
                        + " no work order of its own)%n", r.noWorkOrderExpected());
            }
            out.printf(Locale.ROOT, "  reached an inbox     %8d  %8.1f/s  (work orders arriving during the window)%n",
                    r.reachedInbox(), r.inboxPerSecond());
            out.printf(Locale.ROOT, "  latency appeal -> work order on inbox, ms (%d): p50 %s  p95 %s  p99 %s  max %s%n",
                    r.reachedInbox(), ms(r.p50Ms()), ms(r.p95Ms()), ms(r.p99Ms()), ms(r.maxMs()));
            out.printf(Locale.ROOT, "  lost %d, duplicated %d, redelivered %d (same ce_id again; whole run incl."
                    + " warm-up)%n", r.lost(), r.duplicated(), r.redelivered());
            r.lostSamples().forEach(s -> out.printf("    lost: %s%n", s));
            out.printf(Locale.ROOT, "  load generator: %d of %d sends more than %d ms late, max %.1f ms%n", late,
                    r.scheduled(), LATE_NANOS / 1_000_000, maxLag);
            out.printf(Locale.ROOT, "  bench client: %s ms CPU an appeal (sender + follower; this JVM's process CPU from"
                    + " the window's start to the drain's end / accepted; %s ms a request offered)%n",
                    ms2(r.clientCpuMsPerAppeal()), r.clientCpuMsPerAppeal() < 0 || r.offered() == 0 ? "n/a"
                            : ms2(r.clientCpuMsPerAppeal() * r.accepted() / r.offered()));
            out.flush();
        }

        /** Intake's answer times of a surge run, by kind of appeal (measured window, accepted appeals only). */
        record Surge(long surgeAccepted, long variedAccepted, long refused503, long refused429, long otherErrors,
                double surgeP50, double surgeP99, double variedP50, double variedP99) {

            static Surge of(AtomicIntegerArray outcome, AtomicLongArray answerNanos, long warmupN, int total,
                    long refused, Map<String, LongAdder> failures) {
                List<Long> surge = new ArrayList<>();
                List<Long> varied = new ArrayList<>();
                long errors = 0;
                for (int n = (int) warmupN; n < total; n++) {
                    int state = outcome.get(n);
                    if (state == NEW_CASE || state == NO_ORDER) {
                        (BenchAppeals.surgeKind(n) == BenchAppeals.Kind.VARIED ? varied : surge).add(answerNanos.get(n));
                    } else if (state == FAILED || state == PENDING) {
                        errors++;
                    }
                }
                long r503 = failures.getOrDefault(REFUSED_PREFIX + 503, new LongAdder()).sum();
                long r429 = failures.getOrDefault(REFUSED_PREFIX + 429, new LongAdder()).sum();
                long[] s = surge.stream().mapToLong(Long::longValue).sorted().toArray();
                long[] v = varied.stream().mapToLong(Long::longValue).sorted().toArray();
                return new Surge(s.length, v.length, r503, r429, errors, pct(s, 50), pct(s, 99), pct(v, 50),
                        pct(v, 99));
            }

            double ratio() {
                return surgeP99 > 0 && variedP99 > 0 ? surgeP99 / variedP99 : -1;
            }

            String summaryLine() {
                return String.format(Locale.ROOT, "surge: p99 %s ms vs varied %s ms (ratio %s), accepted %d, refused"
                        + " %d (503 %d, 429 %d)", ms(surgeP99), ms(variedP99),
                        ratio() < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", ratio()),
                        surgeAccepted + variedAccepted, refused503 + refused429, refused503, refused429);
            }
        }

        private void printSurge(Surge s) {
            out.printf(Locale.ROOT, "  surge (%d %% one category at one street/town from many callers, %d %% of all"
                    + " from one caller who repeats; intake's answer time, accepted appeals of the window):%n",
                    BenchAppeals.SURGE_PERCENT, BenchAppeals.RELENTLESS_PERCENT);
            out.printf(Locale.ROOT, "    surge appeals   %8d accepted  p50 %s ms  p99 %s ms%n", s.surgeAccepted(),
                    ms(s.surgeP50()), ms(s.surgeP99()));
            out.printf(Locale.ROOT, "    varied appeals  %8d accepted  p50 %s ms  p99 %s ms%n", s.variedAccepted(),
                    ms(s.variedP50()), ms(s.variedP99()));
            out.printf(Locale.ROOT, "    p99 surge / varied: %s; refused 503 %d, 429 %d; other errors %d%n",
                    s.ratio() < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", s.ratio()), s.refused503(),
                    s.refused429(), s.otherErrors());
            out.println(s.summaryLine());
            out.flush();
        }

        void report(Result r) {
            if (r.rawRecordsPerSecond() > 0) {
                out.printf(Locale.ROOT, "  ratio to the raw producer rate: %.4f (%.1f appeals/s end to end vs %.0f raw"
                        + " 1 KiB records/s: one appeal per %.0f raw records)%n",
                        r.inboxPerSecond() / r.rawRecordsPerSecond(), r.inboxPerSecond(), r.rawRecordsPerSecond(),
                        r.inboxPerSecond() > 0 ? r.rawRecordsPerSecond() / r.inboxPerSecond() : 0);
            }
            if (follower.otherInboxRecords.get() > 0) {
                out.printf(Locale.ROOT, "  other inbox records so far (notices, summons): %d%n",
                        follower.otherInboxRecords.get());
            }
            out.flush();
        }

        private static long slot(long n, int rate) {
            return n * 1_000_000_000L / rate;
        }

        private static double pct(long[] sorted, double p) {
            long v = IntakeBench.Run.percentile(sorted, p);
            return v < 0 ? -1 : v / 1e6;
        }

        private static String text(HttpResponse<byte[]> response) {
            return response.body() == null ? "" : new String(response.body(), StandardCharsets.UTF_8);
        }

        private static String abbreviate(String s) {
            if (s == null) {
                return "";
            }
            String one = s.replaceAll("\\s+", " ").trim();
            return one.length() <= 300 ? one : one.substring(0, 300) + "...";
        }

        @Override
        public void close() throws Exception {
            try {
                follower.close();
            } finally {
                if (producer != null) {
                    producer.close(Duration.ofSeconds(5));
                }
            }
        }
    }
}
