package io.jiesu.analytics.bench;

import io.jiesu.contract.CloudEventHeaders;
import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.EventType;
import io.jiesu.contract.Json;
import io.jiesu.contract.event.CallerFlagged;
import io.jiesu.contract.event.CaseAnsweredDirectly;
import io.jiesu.contract.event.CaseCompleted;
import io.jiesu.contract.event.CaseDispatched;
import io.jiesu.contract.event.CaseLinked;
import io.jiesu.contract.event.CaseReceived;
import io.jiesu.contract.event.CaseRedispatched;
import io.jiesu.contract.event.Citizen;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.GovernanceListPublished;
import io.jiesu.contract.event.Location;
import io.jiesu.contract.event.RiskFlagged;
import io.jiesu.contract.event.ObjectionDecided;
import io.jiesu.contract.event.ScoresPublished;
import io.jiesu.contract.event.UnitScore;
import io.jiesu.contract.event.VisitRecorded;
import io.jiesu.contract.event.WorkOrderSignedFor;
import io.jiesu.contract.reference.Category;
import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.contract.reference.Unit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The analytics replay benchmark's Java half (run by {@code deploy/local/bench-analytics-replay}; not a test).
 *
 * <ul>
 * <li>{@code topics}: (re)creates the benchmark's copies of analytics-service's four input topics and their
 * dead-letter topics, {@code <prefix>case.intake} etc., 6 partitions each, empty;</li>
 * <li>{@code generate}: writes exactly {@code --events} events to them, as the services would publish them (the
 * contract's records as JSON, CloudEvents binary-mode headers, the case id as key): cases of 90 days over every
 * street/town and category of the reference data, in order of receipt, each followed by its life — dispatched,
 * re-dispatched, signed for, completed, visited, repeat appeals, objections, flagged callers — in the proportions
 * below, plus the monthly scores and governance lists;</li>
 * <li>{@code await}: waits until the consumer group has applied them all (its {@code processed_event} rows) and
 * committed them (lag 0), printing progress, events/s and the row counts.</li>
 * </ul>
 */
public final class AnalyticsReplayBench {
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    static final List<String> TOPICS = List.of("case.intake", "case.dispatch", "case.evaluation", "evaluation.results");
    static final int PARTITIONS = 6;
    static final int DAYS = 90;
    static final LocalDate LAST_DAY = LocalDate.of(2026, 11, 24);

    private AnalyticsReplayBench() {
    }

    public static void main(String[] args) throws Exception {
        quietLogging();
        if (args.length == 0) {
            usage();
        }
        Map<String, String> opts = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                usage();
            }
            opts.put(args[i].substring(2), args[i + 1]);
        }
        String bootstrap = opts.getOrDefault("bootstrap", "127.0.0.1:9092");
        if (!bootstrap.startsWith("127.0.0.1:")) {
            throw new IllegalArgumentException("--bootstrap must be 127.0.0.1:PORT: this benchmark is for the local platform");
        }
        String prefix = opts.getOrDefault("prefix", "bench.");
        switch (args[0]) {
            case "topics" -> topics(bootstrap, prefix);
            case "delete-topics" -> deleteTopics(bootstrap, prefix);
            case "generate" -> generate(bootstrap, prefix, Long.parseLong(opts.getOrDefault("events", "1000000")),
                    Long.parseLong(opts.getOrDefault("seed", "20261125")));
            case "await" -> System.exit(await(bootstrap, prefix, opts.getOrDefault("group", "analytics-bench"),
                    Long.parseLong(opts.get("events")), opts.get("jdbc"), opts.getOrDefault("user", "postgres"),
                    System.getenv().getOrDefault("JIESU_BENCH_DB_PASSWORD", ""),
                    Long.parseLong(opts.getOrDefault("since", String.valueOf(System.currentTimeMillis()))),
                    Integer.parseInt(opts.getOrDefault("timeout", "3600"))));
            default -> usage();
        }
    }

    static void usage() {
        System.err.println("""
                usage: AnalyticsReplayBench topics|delete-topics [--bootstrap 127.0.0.1:9092] [--prefix bench.]
                       AnalyticsReplayBench generate [--events 1000000] [--seed N] [--bootstrap ..] [--prefix ..]
                       AnalyticsReplayBench await --events N --jdbc URL [--user U] [--group G] [--since EPOCH_MS]
                                                  [--timeout S]   (password from $JIESU_BENCH_DB_PASSWORD)""");
        System.exit(2);
    }

    // ---- topics ------------------------------------------------------------------------------------------------

    static List<String> allTopics(String prefix) {
        List<String> all = new ArrayList<>();
        for (String t : TOPICS) {
            all.add(prefix + t);
            all.add(prefix + t + ".dlq");
        }
        return all;
    }

    static void deleteTopics(String bootstrap, String prefix) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> existing = admin.listTopics().names().get();
            List<String> doomed = allTopics(prefix).stream().filter(existing::contains).toList();
            if (!doomed.isEmpty()) {
                admin.deleteTopics(doomed).all().get();
            }
            for (int i = 0; i < 120; i++) { // deletion is asynchronous in the broker
                Set<String> now = admin.listTopics().names().get();
                if (doomed.stream().noneMatch(now::contains)) {
                    break;
                }
                Thread.sleep(500);
            }
            System.out.println("deleted topics: " + doomed);
        }
    }

    static void topics(String bootstrap, String prefix) throws Exception {
        deleteTopics(bootstrap, prefix);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<NewTopic> topics = allTopics(prefix).stream().map(t -> new NewTopic(t, PARTITIONS, (short) 1)).toList();
            for (int attempt = 1; ; attempt++) {
                try {
                    admin.createTopics(topics).all().get();
                    break;
                } catch (ExecutionException e) {
                    if (attempt >= 20) {
                        throw e;
                    }
                    Thread.sleep(1000); // "marked for deletion" still: try again
                }
            }
            System.out.println("created topics (" + PARTITIONS + " partitions): " + allTopics(prefix));
        }
    }

    // ---- generate ----------------------------------------------------------------------------------------------

    /** Writes exactly {@code total} events; prints what was written and the producing rate. */
    static void generate(String bootstrap, String prefix, long total, long seed) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "analytics-replay-bench");
        long started = System.nanoTime();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            Generator g = new Generator(new Random(seed), total, (topic, type, key, time, data, source) -> {
                ProducerRecord<String, String> r = new ProducerRecord<>(prefix + topic, key, Json.mapper()
                        .writeValueAsString(data));
                header(r, CloudEventHeaders.ID, UUID.randomUUID().toString());
                header(r, CloudEventHeaders.SOURCE, "/jiesu/" + source);
                header(r, CloudEventHeaders.TYPE, type.type());
                header(r, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
                header(r, CloudEventHeaders.TIME, time.toString());
                header(r, CloudEventHeaders.SUBJECT, key);
                header(r, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
                producer.send(r, (m, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
            });
            g.run();
            producer.flush();
            if (failure.get() != null) {
                throw failure.get();
            }
            double s = (System.nanoTime() - started) / 1e9;
            System.out.printf(Locale.ROOT, "generated %,d events of %,d cases (%s .. %s) in %.1f s (%,.0f events/s), %,d MB of JSON%n",
                    g.written, g.cases, LAST_DAY.minusDays(DAYS - 1), LAST_DAY, s, g.written / s, g.bytes / 1_000_000);
            System.out.println("  per topic: " + g.perTopic);
            System.out.println("  per type:  " + g.perType);
        }
    }

    static void header(ProducerRecord<String, String> r, String name, String value) {
        r.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @FunctionalInterface
    interface Sink {
        void send(String topic, EventType<?> type, String key, Instant time, Object data, String source) throws Exception;
    }

    /**
     * The history of {@value #DAYS} days of appeals. Proportions (of cases): 12 % consultations answered directly by
     * the hotline; the others are dispatched (97 %), 4 % re-dispatched once before sign-for, signed for (95 %),
     * completed (90 % of those signed for), visited (85 % of the completed; 92 % reached; satisfied 68 %, basically
     * 20 %, dissatisfied 12 %); 6 % get a repeat appeal (70 % by the same caller), 1 % of the visited an accepted
     * objection; 0.3 % of the contents hold a dangerous keyword; a flagged caller every ~500 cases. Categories follow
     * a Zipf-like law, streets/towns a skewed one, receipt times the hotline's day (most between 8:00 and 20:00);
     * now and then a burst of one category in one street/town (a spike), as in real data.
     */
    static final class Generator {
        final Random rnd;
        final long total;
        final Sink sink;
        final List<Category> categories;
        final List<Unit> streets;
        final double[] categoryWeights;
        final double[] streetWeights;
        long written;
        long cases;
        long bytes;
        final Map<String, Long> perTopic = new TreeMap<>();
        final Map<String, Long> perType = new TreeMap<>();
        final Deque<String> recentCases = new ArrayDeque<>();
        final Map<LocalDate, Integer> seqPerDay = new HashMap<>();

        Generator(Random rnd, long total, Sink sink) {
            this.rnd = rnd;
            this.total = total;
            this.sink = sink;
            ReferenceData ref = ReferenceData.get();
            categories = ref.categories();
            streets = ref.units().stream().filter(u -> u.kind().isStreetOrTown()).toList();
            categoryWeights = zipf(categories.size(), 0.8);
            streetWeights = zipf(streets.size(), 0.5);
        }

        static double[] zipf(int n, double s) {
            double[] w = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                w[i] = 1.0 / Math.pow(i + 1, s);
                sum += w[i];
            }
            double acc = 0;
            for (int i = 0; i < n; i++) {
                acc += w[i] / sum;
                w[i] = acc; // cumulative
            }
            return w;
        }

        int pick(double[] cumulative) {
            double x = rnd.nextDouble();
            for (int i = 0; i < cumulative.length; i++) {
                if (x <= cumulative[i]) {
                    return i;
                }
            }
            return cumulative.length - 1;
        }

        boolean full() {
            return written >= total;
        }

        void emit(String topic, EventType<?> type, String key, Instant time, Object data, String source) throws Exception {
            if (full()) {
                return;
            }
            sink.send(topic, type, key, time, data, source);
            written++;
            bytes += 600; // rough: headers + JSON, for the MB line only
            perTopic.merge(topic, 1L, Long::sum);
            perType.merge(type.type().replace("jiesu.", ""), 1L, Long::sum);
        }

        void run() throws Exception {
            long reserve = 8; // the monthly scores and governance lists at the end
            LocalDate first = LAST_DAY.minusDays(DAYS - 1);
            // spread the cases evenly over the days: ~4.1 events per case
            double perDay = (total - reserve) / 4.1 / DAYS;
            for (int d = 0; d < DAYS && written < total - reserve; d++) {
                LocalDate day = first.plusDays(d);
                int n = (int) Math.round(perDay * (0.85 + 0.3 * rnd.nextDouble()));
                List<Instant> times = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    times.add(receiptTime(day));
                }
                times.sort(null);
                // a burst: one category in one street/town, a dozen cases within two hours
                Integer burstAt = rnd.nextInt(3) == 0 ? rnd.nextInt(Math.max(n, 1)) : null;
                for (int i = 0; i < n && written < total - reserve; i++) {
                    if (burstAt != null && i == burstAt) {
                        Category c = categories.get(pick(categoryWeights));
                        Unit s = streets.get(rnd.nextInt(streets.size()));
                        for (int b = 0; b < 12; b++) {
                            oneCase(day, times.get(i).plusSeconds(b * 600L), c, s);
                        }
                    }
                    oneCase(day, times.get(i), categories.get(pick(categoryWeights)), streets.get(pick(streetWeights)));
                }
            }
            results();
            while (!full()) { // the last few: more revisions of the month's scores
                results();
            }
        }

        Instant receiptTime(LocalDate day) {
            // most calls between 8:00 and 20:00, some at night
            int minute = rnd.nextInt(10) < 9 ? 480 + rnd.nextInt(720) : rnd.nextInt(1440);
            return day.atStartOfDay(BEIJING).plusMinutes(minute).plusSeconds(rnd.nextInt(60)).toInstant();
        }

        String caseId(LocalDate day) {
            int seq = seqPerDay.merge(day, 1, Integer::sum);
            return "C" + day.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%07d", seq);
        }

        void oneCase(LocalDate day, Instant at, Category category, Unit street) throws Exception {
            String id = caseId(day);
            cases++;
            Enums.Channel channel = Enums.Channel.values()[pick(new double[]{0.55, 0.7, 0.82, 0.95, 1.0})];
            Location loc = new Location(street.districtCode(), street.code(), "社区" + rnd.nextInt(30),
                    "某路" + rnd.nextInt(200) + "号", null, null);
            if (rnd.nextInt(100) < 12) {
                emit("case.intake", EventCatalog.CASE_ANSWERED_DIRECTLY, id, at.plusSeconds(240),
                        new CaseAnsweredDirectly(id, "ext-" + id, channel, at, at.plusSeconds(240), category.code(), loc,
                                "KB-" + rnd.nextInt(500), "按现行政策答复"), "intake-service");
                return;
            }
            Enums.AppealType type = new Enums.AppealType[]{Enums.AppealType.COMPLAINT, Enums.AppealType.COMPLAINT,
                    Enums.AppealType.HELP, Enums.AppealType.REPORT, Enums.AppealType.SUGGESTION,
                    Enums.AppealType.COMPLAINT, Enums.AppealType.HELP}[rnd.nextInt(7)];
            boolean risk = rnd.nextInt(1000) < 3;
            // intake makes a risk-word appeal URGENT and flags it (jiesu.intake.risk-flagged.v1) right after it
            Enums.Urgency urgency = risk || category.urgent() || rnd.nextInt(20) == 0 ? Enums.Urgency.URGENT
                    : Enums.Urgency.NORMAL;
            String content = category.name() + "问题，" + street.name() + "，请尽快处理" + (risk ? "，再不解决就去堵路" : "");
            emit("case.intake", EventCatalog.CASE_RECEIVED, id, at, new CaseReceived(id, "ext-" + id, channel, at, type,
                    category.code(), Enums.ValueSource.GIVEN, urgency, Enums.ValueSource.SUGGESTED,
                    new Citizen("张某", "1380000" + String.format("%04d", rnd.nextInt(10000)), false, false), loc,
                    content, List.of()), "intake-service");
            if (risk) {
                emit("case.intake", EventCatalog.RISK_FLAGGED, id, at, new RiskFlagged(id, id, street.districtCode(),
                        street.code(), category.code(), type, List.of(new RiskFlagged.RiskWordMatch("堵路",
                                "MASS_INCIDENT")), at, at), "intake-service");
            }
            recentCases.addLast(id);
            if (recentCases.size() > 50) {
                recentCases.removeFirst();
            }
            if (rnd.nextInt(500) == 0 && recentCases.size() >= 3) {
                List<String> ids = new ArrayList<>(recentCases).subList(recentCases.size() - 3, recentCases.size());
                String hash = Long.toHexString(rnd.nextLong()) + Long.toHexString(rnd.nextLong());
                emit("case.intake", EventCatalog.CALLER_FLAGGED, hash, at.plusSeconds(1),
                        new CallerFlagged(hash, 3, 1440, at.plusSeconds(1), ids, "max-appeals-per-day"), "intake-service");
            }
            if (rnd.nextInt(100) < 6) {
                Instant again = at.plusSeconds(3600L * (2 + rnd.nextInt(70)));
                emit("case.intake", EventCatalog.CASE_LINKED, id, again, new CaseLinked(id, "A-" + id + "-2", "ext2-" + id,
                        rnd.nextInt(10) < 7 ? Enums.LinkReason.SAME_CALLER : Enums.LinkReason.SAME_PLACE, again,
                        "还没有解决，再次反映"), "intake-service");
            }
            if (rnd.nextInt(100) >= 97) {
                return; // still waiting for dispatch
            }
            Instant dispatched = at.plusSeconds(60L * (5 + rnd.nextInt(55)));
            String unit = street.code();
            emit("case.dispatch", EventCatalog.CASE_DISPATCHED, id, dispatched, new CaseDispatched(id, unit,
                    Enums.DispatchMode.DIRECT, "R-" + category.code(), "按属地派单", dispatched, dispatched.plusSeconds(7200),
                    dispatched.plusSeconds(86400), dispatched.plusSeconds(86400L * 15), urgency, type, category.code(),
                    street.districtCode(), street.code()), "dispatch-service");
            Instant signed = dispatched.plusSeconds(60L * (10 + rnd.nextInt(110)));
            if (rnd.nextInt(100) < 4) {
                Unit other = streets.get(rnd.nextInt(streets.size()));
                Instant re = dispatched.plusSeconds(60L * (20 + rnd.nextInt(100)));
                emit("case.dispatch", EventCatalog.CASE_REDISPATCHED, id, re, new CaseRedispatched(id, unit, other.code(),
                        re, "非本单位职责", re.plusSeconds(7200), re.plusSeconds(86400), re.plusSeconds(86400L * 15)),
                        "dispatch-service");
                unit = other.code();
                signed = re.plusSeconds(60L * (10 + rnd.nextInt(110)));
            }
            if (rnd.nextInt(100) >= 95) {
                return;
            }
            emit("case.dispatch", EventCatalog.CASE_SIGNED_FOR, id, signed, new WorkOrderSignedFor(id, unit, signed,
                    "u-" + unit, false), "dispatch-service");
            if (rnd.nextInt(100) >= 90) {
                return;
            }
            Instant completed = signed.plusSeconds(3600L * (4 + rnd.nextInt(200)));
            Enums.Outcome outcome = rnd.nextInt(10) < 8 ? Enums.Outcome.RESOLVED
                    : rnd.nextBoolean() ? Enums.Outcome.EXPLAINED : Enums.Outcome.CANNOT_SOLVE;
            emit("case.dispatch", EventCatalog.CASE_COMPLETED, id, completed, new CaseCompleted(id, unit, completed,
                    outcome, "已处理", null, false), "dispatch-service");
            if (rnd.nextInt(100) >= 85) {
                return;
            }
            Instant visited = completed.plusSeconds(3600L * (2 + rnd.nextInt(48)));
            boolean reached = rnd.nextInt(100) < 92;
            int s = rnd.nextInt(100);
            Enums.Satisfaction satisfaction = !reached ? null : s < 68 ? Enums.Satisfaction.SATISFIED
                    : s < 88 ? Enums.Satisfaction.BASICALLY_SATISFIED : Enums.Satisfaction.DISSATISFIED;
            Enums.Resolution resolution = !reached ? null : satisfaction == Enums.Satisfaction.DISSATISFIED
                    ? Enums.Resolution.UNRESOLVED : outcome == Enums.Outcome.RESOLVED ? Enums.Resolution.RESOLVED
                    : Enums.Resolution.PARTLY_RESOLVED;
            emit("case.evaluation", EventCatalog.VISIT_RECORDED, id, visited, new VisitRecorded(id, "V-" + id, visited,
                    reached, reached ? Boolean.TRUE : null, resolution, satisfaction, null), "evaluation-service");
            if (satisfaction == Enums.Satisfaction.DISSATISFIED && rnd.nextInt(100) < 8) {
                Instant decided = visited.plusSeconds(86400L * 3);
                emit("case.evaluation", EventCatalog.OBJECTION_DECIDED, id, decided, new ObjectionDecided("OB-" + id, id,
                        unit, Enums.ObjectionDecision.ACCEPTED, "reviewer", "诉求不合理", decided), "evaluation-service");
            }
        }

        int revision;

        void results() throws Exception {
            revision++;
            for (LocalDate month = LAST_DAY.minusDays(DAYS - 1).withDayOfMonth(1); month.isBefore(LAST_DAY.withDayOfMonth(1));
                    month = month.plusMonths(1)) {
                String period = month.toString().substring(0, 7);
                Instant at = month.plusMonths(1).plusDays(4).atStartOfDay(BEIJING).toInstant();
                List<UnitScore> scores = new ArrayList<>();
                for (int i = 0; i < streets.size(); i++) {
                    scores.add(new UnitScore(streets.get(i).code(), "STREET_TOWN", 100 + rnd.nextInt(900),
                            0.9 + rnd.nextDouble() * 0.1, 0.6 + rnd.nextDouble() * 0.3, 0.7 + rnd.nextDouble() * 0.25,
                            70 + rnd.nextDouble() * 30, i + 1));
                }
                emit("evaluation.results", EventCatalog.SCORES_PUBLISHED, period, at,
                        new ScoresPublished(period, revision, "2026.1", at, scores), "evaluation-service");
                emit("evaluation.results", EventCatalog.GOVERNANCE_LIST_PUBLISHED, period, at,
                        new GovernanceListPublished(period, revision, "bottom 10 of the composite", streets.subList(0, 10)
                                .stream().map(Unit::code).toList(), at), "evaluation-service");
            }
        }
    }

    // ---- await -------------------------------------------------------------------------------------------------

    /**
     * Polls every second until the group has applied {@code events} events ({@code processed_event} rows of the
     * analytics consumers) and committed every partition to its end (lag 0). Times are from {@code since} (when the
     * service was started, JVM start-up included). Exit 0 when caught up, 1 on timeout.
     */
    static int await(String bootstrap, String prefix, String group, long events, String jdbc, String user,
            String password, long since, int timeoutSeconds) throws Exception {
        List<String> topics = TOPICS.stream().map(t -> prefix + t).toList();
        long deadline = System.currentTimeMillis() + timeoutSeconds * 1000L;
        Long appliedAt = null;
        Long firstAt = null;
        long lastPrint = 0;
        long lastCount = 0;
        long lastCountAt = since;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
                Connection db = DriverManager.getConnection(jdbc, user, password)) {
            Map<TopicPartition, OffsetSpec> ends = new LinkedHashMap<>();
            admin.describeTopics(topics).allTopicNames().get().forEach((name, d) -> d.partitions()
                    .forEach(p -> ends.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, Long> end = admin.listOffsets(ends).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            long records = end.values().stream().mapToLong(Long::longValue).sum();
            System.out.printf(Locale.ROOT, "waiting for group %s to apply %,d events (%,d records in %s)%n", group,
                    events, records, topics);
            while (System.currentTimeMillis() < deadline) {
                long now = System.currentTimeMillis();
                long applied = count(db, "SELECT count(*) FROM processed_event WHERE consumer LIKE 'analytics-%'");
                if (applied > 0 && firstAt == null) {
                    firstAt = now;
                }
                if (appliedAt == null && applied >= events) {
                    appliedAt = now;
                }
                long lag = lag(admin, group, end);
                if (now - lastPrint >= 10_000 || (appliedAt != null && lag == 0)) {
                    double rate = (applied - lastCount) / Math.max(0.001, (now - lastCountAt) / 1000.0);
                    System.out.printf(Locale.ROOT, "  %6.1f s: %,10d applied, lag %,10d, %,8.0f events/s over the last interval%n",
                            (now - since) / 1000.0, applied, lag, rate);
                    lastPrint = now;
                    lastCount = applied;
                    lastCountAt = now;
                }
                if (appliedAt != null && lag == 0) {
                    double toApplied = (appliedAt - since) / 1000.0;
                    double fromFirst = (appliedAt - firstAt) / 1000.0;
                    System.out.printf(Locale.ROOT, "%nCAUGHT UP: %,d events applied %.1f s after the service was started "
                                    + "(%,.0f events/s), %.1f s after the first event was applied (%,.0f events/s); "
                                    + "lag 0 (all offsets committed) at %.1f s%n", applied, toApplied, applied / toApplied,
                            fromFirst, applied / Math.max(fromFirst, 0.001), (now - since) / 1000.0);
                    for (String q : List.of("SELECT count(*) FROM case_fact",
                            "SELECT count(*) FROM case_fact WHERE day IS NOT NULL",
                            "SELECT count(*) FROM case_fact WHERE visited_at IS NOT NULL",
                            "SELECT count(*) FROM caller_case", "SELECT count(*) FROM hotspot",
                            "SELECT count(*) FROM risk_alert", "SELECT count(*) FROM outbox_event",
                            "SELECT count(*) FROM published_scores")) {
                        System.out.printf(Locale.ROOT, "  %-62s %,10d%n", q, count(db, q));
                    }
                    try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(
                            "SELECT kind, count(*) FROM risk_alert GROUP BY kind ORDER BY kind")) {
                        while (rs.next()) {
                            System.out.printf(Locale.ROOT, "    risk_alert %-46s %,10d%n", rs.getString(1), rs.getLong(2));
                        }
                    }
                    return 0;
                }
                Thread.sleep(1000);
            }
        }
        System.out.println("TIMEOUT: not caught up after " + timeoutSeconds + " s");
        return 1;
    }

    static long lag(Admin admin, String group, Map<TopicPartition, Long> end) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            lag += e.getValue() - (c == null ? 0 : c.offset());
        }
        return lag;
    }

    static long count(Connection db, String sql) throws Exception {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Kafka's client logs every configuration at INFO; only warnings are of interest here. */
    static void quietLogging() {
        try {
            Class<?> ctx = Class.forName("org.jboss.logmanager.LogContext");
            Object system = ctx.getMethod("getSystemLogContext").invoke(null);
            Object root = ctx.getMethod("getLogger", String.class).invoke(system, "");
            root.getClass().getMethod("setLevel", java.util.logging.Level.class).invoke(root, java.util.logging.Level.WARNING);
        } catch (ReflectiveOperationException e) {
            java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        }
    }
}
