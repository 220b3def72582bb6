package io.jiesu.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiesu.contract.CloudEventHeaders;
import io.jiesu.contract.Json;
import io.jiesu.contract.Topics;
import io.jiesu.testing.KafkaProbe;
import io.jiesu.testing.TestInfrastructure;
import io.jiesu.testing.TestTokens;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bad-input corpus ({@code src/test/resources/bad-input/}) fired at every REST operation of the five packaged
 * services, as their OpenAPI documents list them, and at {@code telephony.calls} and a unit's commands topic. Every
 * REST answer must be a 4xx the corpus allows (problem+json where the application answers), never 5xx, never 2xx;
 * every bad record must be dead-lettered with a reason (or refused with a COMMAND_REJECTED notice); and nothing may
 * be stored: every table of every service's database has the same number of rows before and after.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputIT {
    static final String UNIT = "ENT_HEATING";
    /** A street office of another district: it does not handle the case the test creates. */
    static final String OTHER_UNIT = "110102001";
    static final List<String> ROLES = List.of("telephony", "operator", "unit", "reviewer", "analyst", "admin");
    static final List<String> SERVICES = List.of("intake-service", "dispatch-service", "whistle-service",
            "evaluation-service", "analytics-service");
    static final String DEFAULT_ID = "BADINPUT-404";
    /** The answers that come from the application (not the HTTP layer) and must therefore be problem+json. */
    static final Set<Integer> PROBLEM_STATUSES = Set.of(400, 403, 404, 409, 415, 422);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern TEMPLATE = Pattern.compile("\\{(\\w+)}");

    static final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    static String caseId;
    static BadInputCorpus corpus;
    static JsonNode endpoints;
    static final List<Op> ops = new ArrayList<>();
    /** Operations whose errors follow another standard (endpoints.json problemJson: false). */
    static final Set<String> ownErrorFormat = new java.util.HashSet<>();
    static final List<String> failures = new ArrayList<>();
    static final StringBuilder report = new StringBuilder();
    static final Map<String, Integer> firedPerOp = new TreeMap<>();
    static int fired;

    /** One OpenAPI operation. */
    record Op(String service, String method, String path, List<String> pathParams, Map<String, JsonNode> query,
            String bodyType) {
        String key() {
            return method + " " + path;
        }

        Op withMethod(String other) {
            return new Op(service, other, path, pathParams, query, null);
        }
    }

    record Answer(int status, String contentType, String body) {
    }

    @BeforeAll
    static void startPlatform() throws Exception {
        for (String name : SERVICES) {
            // small pools: the PostgreSQL server is shared by every build on this machine
            services.put(name, ServiceProcess.of(name).start(Map.of("quarkus.datasource.jdbc.max-size", "5")));
        }
        for (ServiceProcess s : services.values()) {
            s.awaitReady(Duration.ofSeconds(300));
        }
        // A real, dispatched case of ENT_HEATING: the target of the other unit's attempts and of the hostile actions.
        ServiceProcess intake = services.get("intake-service");
        String body = Files.readString(ServiceProcess.ROOT.resolve("docs/examples/appeal.json"))
                .replace("CTI-20261125-0930-000173", "CTI-BADINPUT-" + UUID.randomUUID());
        HttpResponse<String> created = intake.post("/api/v1/appeals", TestTokens.bearer("telephony"), body);
        assertEquals(201, created.statusCode(), created.body());
        caseId = Json.mapper().readTree(created.body()).get("caseId").asText();
        ServiceProcess dispatch = services.get("dispatch-service");
        Instant end = Instant.now().plusSeconds(90);
        while (dispatch.get("/api/v1/work-orders/" + caseId, TestTokens.bearer("admin")).statusCode() != 200) {
            assertTrue(Instant.now().isBefore(end), "the setup case " + caseId + " was never dispatched");
            Thread.sleep(300);
        }
        corpus = new BadInputCorpus(Map.of("caseId", caseId, "unit", UNIT, "otherUnit", OTHER_UNIT));
        endpoints = BadInputCorpus.load("endpoints.json");
        for (String name : SERVICES) {
            ServiceProcess s = services.get(name);
            String doc = HTTP.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/q/openapi?format=json")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            ops.addAll(operations(name, Json.mapper().readTree(doc)));
        }
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        for (Connection c : connections.values()) {
            c.close();
        }
        for (ServiceProcess s : services.values()) {
            s.close();
        }
        Path out = ServiceProcess.ROOT.resolve("system-tests/target/bad-input-report.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, "# Bad-input corpus: " + fired + " requests\n\n| service | operation | case | answer | |\n"
                + "| --- | --- | --- | --- | --- |\n" + report);
    }

    /** Every operation a service serves is in endpoints.json (so it gets the corpus), and nothing listed is gone. */
    @Test
    @Order(1)
    void everyOperationOfEveryServiceIsInTheCorpus() {
        Set<String> missing = new TreeSet<>();
        Set<String> served = new TreeSet<>();
        for (Op op : ops) {
            served.add(op.service() + " " + op.key());
            if (!endpoints.path("services").path(op.service()).has(op.key())) {
                missing.add(op.service() + " " + op.key());
            }
        }
        Set<String> stale = new TreeSet<>();
        endpoints.path("services").fields().forEachRemaining(s -> s.getValue().fieldNames().forEachRemaining(k -> {
            if (!served.contains(s.getKey() + " " + k)) {
                stale.add(s.getKey() + " " + k);
            }
        }));
        assertTrue(ops.size() > 50, "expected the five services to serve more than 50 operations: " + served);
        assertTrue(missing.isEmpty(), "operations without bad-input coverage (add them to bad-input/endpoints.json "
                + "with their roles): " + missing);
        assertTrue(stale.isEmpty(), "bad-input/endpoints.json lists operations no service serves: " + stale);
    }

    @Test
    @Order(2)
    void everyRestOperationRefusesTheCorpusAndStoresNothing() throws Exception {
        Map<String, Long> before = quietSnapshot();
        JsonNode tokens = BadInputCorpus.load("tokens.json");
        JsonNode bodies = BadInputCorpus.load("bodies.json");
        JsonNode ids = BadInputCorpus.load("path-ids.json");
        JsonNode query = BadInputCorpus.load("query.json");
        for (Op op : ops) {
            JsonNode spec = endpoints.path("services").path(op.service()).path(op.key());
            if (spec.isMissingNode()) {
                continue; // reported by the coverage test
            }
            List<String> roles = strings(spec.get("roles"));
            if (!spec.path("problemJson").asBoolean(true)) {
                ownErrorFormat.add(op.service() + " " + op.key());
            }
            String role = roles.get(0).equals("*") ? "telephony" : roles.get(0);
            String good = BadInputTokens.valid(role, role.equals("unit") ? UNIT : null);
            Map<String, String> path = pathValues(op, spec);
            byte[] emptyBody = op.bodyType() == null ? null
                    : (op.bodyType().contains("json") ? "{}" : "").getBytes(StandardCharsets.UTF_8);

            boolean open = spec.path("public").asBoolean(false);
            for (JsonNode c : tokens.get("cases")) {
                String auth = BadInputTokens.of(c.get("kind").asText(), c.path("header").asText(null));
                Answer answer = send(op, path, null, auth, op.bodyType(), emptyBody);
                if (open && (auth == null || !auth.startsWith("Bearer ") || auth.substring(7).isBlank())
                        && answer.status() > 0 && answer.status() < 500) {
                    // a public operation (Open311 reads and POST with its api_key): no bearer token is no refusal;
                    // a bearer token that is there is still checked
                    report(op, "token: " + c.get("name").asText(), answer, "ok (public: no token needed)");
                    continue;
                }
                expect(op, "token: " + c.get("name").asText(), answer, ints(c.get("expect")), false);
            }
            if (!roles.contains("*")) {
                String wrong = ROLES.stream().filter(r -> !roles.contains(r)).findFirst().orElse(null);
                if (wrong != null) {
                    expect(op, "wrong role: " + wrong, send(op, path, null,
                            BadInputTokens.valid(wrong, wrong.equals("unit") ? UNIT : null), op.bodyType(), emptyBody),
                            ints(tokens.get("wrongRole").get("expect")), false);
                }
            }
            if (roles.contains("unit")) {
                JsonNode rule = tokens.get("unitWithoutUnitCode");
                Answer a = send(op, path, null, BadInputTokens.valid("unit", null), op.bodyType(), emptyBody);
                if (!(rule.path("getMayAnswer").asBoolean() && op.method().equals("GET") && a.status() == 200)) {
                    expect(op, "unit token without unit_code", a, ints(rule.get("expect")), false);
                } else {
                    report(op, "unit token without unit_code", a, "ok (a GET every unit may read)");
                }
            }
            expect(op, "wrong method: " + endpoints.get("wrongMethod").get("method").asText(),
                    send(op.withMethod(endpoints.get("wrongMethod").get("method").asText()), path, null, good, null,
                            null), ints(endpoints.get("wrongMethod").get("expect")), false);

            if (op.bodyType() != null) {
                for (JsonNode c : bodies.get("cases")) {
                    String type = c.has("contentType") ? c.get("contentType").asText() : op.bodyType();
                    expect(op, "body: " + c.get("name").asText(), send(op, path, null, good, type,
                            corpus.bytes(c, "body", "bodyBase64")), ints(c.get("expect")), false);
                }
            }
            for (JsonNode v : ids.get("values")) {
                if (op.pathParams().isEmpty()) {
                    break;
                }
                String value = corpus.expand(v.get("value").asText());
                Map<String, String> odd = new LinkedHashMap<>();
                op.pathParams().forEach(p -> odd.put(p, v.path("raw").asBoolean() ? value : encode(value)));
                expect(op, "path id: " + v.get("name").asText(), send(op, odd, null, good, op.bodyType(), emptyBody),
                        ints(ids.get("expect")), false);
            }
            for (var q : op.query().entrySet()) {
                JsonNode rule = query.get("byName").has(q.getKey()) ? query.get("byName").get(q.getKey())
                        : query.get("byType").get(typeOf(q.getValue()));
                if (rule == null) {
                    failures.add(op.service() + " " + op.key() + ": no query.json rule for ?" + q.getKey());
                    continue;
                }
                // A write with hostile parameters must fail on an unknown target rather than act on a real one.
                Map<String, String> target = op.method().equals("GET") ? path : defaults(op);
                for (JsonNode v : rule.get("values")) {
                    String value = corpus.expand(v.asText());
                    expect(op, "query: " + q.getKey() + "=" + abbreviate(value), send(op, target,
                            q.getKey() + "=" + encode(value), good, op.bodyType(), emptyBody), ints(rule.get("expect")),
                            rule.path("filter").asBoolean() && op.method().equals("GET"));
                }
            }
        }
        targeted("fields.json", null);
        targeted("foreign-unit.json", OTHER_UNIT);

        Map<String, Long> after = settledSnapshot(before);
        System.out.printf("bad-input: %d requests at %d operations, %d failures%n", fired, ops.size(), failures.size());
        // the tracking lookup's misses are counted (its rate limit): that row is the defence, not the input stored
        List<String> stored = changed(before, after, Set.of("intake-service.tracking_miss"));
        assertTrue(failures.isEmpty() && stored.isEmpty(), failures.size() + " bad answers (all in system-tests/target/"
                + "bad-input-report.md):\n" + String.join("\n", failures.subList(0, Math.min(60, failures.size())))
                + (stored.isEmpty() ? "" : "\nthe corpus left rows behind:\n" + String.join("\n", stored)));
    }

    /** fields.json and foreign-unit.json: cases that name their operation. */
    private static void targeted(String file, String unitOverride) throws Exception {
        JsonNode data = BadInputCorpus.load(file);
        int n = 0;
        for (JsonNode c : data.get("cases")) {
            n++;
            String key = c.get("op").asText();
            Op op = ops.stream().filter(o -> o.key().equals(key)).findFirst().orElse(null);
            if (op == null) {
                failures.add(file + " #" + n + ": no service serves " + key);
                continue;
            }
            String role = c.has("role") ? c.get("role").asText() : "unit";
            String unit = unitOverride != null ? unitOverride : c.has("unit") ? c.get("unit").asText() : UNIT;
            String auth = BadInputTokens.valid(role, role.equals("unit") ? unit : null);
            Map<String, String> path = defaults(op);
            c.path("path").fields().forEachRemaining(f -> path.put(f.getKey(), encode(corpus.expand(f.getValue().asText()))));
            String type = op.bodyType();
            byte[] body = null;
            if (c.has("form")) {
                body = corpus.expand(c.get("form").asText()).getBytes(StandardCharsets.UTF_8);
            } else {
                String json = corpus.jsonBody(c, data.get("bases"));
                if (json != null) {
                    body = json.getBytes(StandardCharsets.UTF_8);
                } else if (type != null) {
                    body = "{}".getBytes(StandardCharsets.UTF_8);
                }
            }
            String label = file.replace(".json", "") + " #" + n + ": " + describe(c);
            expect(op, label, send(op, path, c.has("query") ? corpus.expand(c.get("query").asText()) : null, auth,
                    type, body), ints(c.get("expect")), false);
        }
    }

    @Test
    @Order(3)
    void badRecordsAreDeadLetteredOrRefusedAndCreateNothing() throws Exception {
        JsonNode kafka = BadInputCorpus.load("kafka.json");
        String bootstrap = TestInfrastructure.kafkaBootstrap();
        String commands = "unit." + OTHER_UNIT + ".commands";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            try {
                admin.createTopics(List.of(new NewTopic(commands, 1, (short) 1))).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        Thread.sleep(6000); // dispatch's pattern subscription finds new topics within metadata.max.age.ms (5 s)
        Map<String, Long> before = quietSnapshot();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "1000000");
        Map<String, String> callKeys = new LinkedHashMap<>();
        Map<String, JsonNode> commandIds = new LinkedHashMap<>();
        Map<String, String> commandKeys = new LinkedHashMap<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
            for (JsonNode c : kafka.get("telephonyCalls")) {
                String key = "badinput-call-" + UUID.randomUUID();
                callKeys.put(key, c.get("name").asText());
                producer.send(record(Topics.TELEPHONY_CALLS, key, c)).get();
            }
            for (JsonNode c : kafka.get("unitCommands")) {
                String key = "badinput-command-" + UUID.randomUUID();
                ProducerRecord<String, byte[]> r = record(commands, key, c);
                var id = r.headers().lastHeader(CloudEventHeaders.ID);
                commandKeys.put(key, c.get("name").asText());
                commandIds.put(id == null ? key : new String(id.value(), StandardCharsets.UTF_8), c);
                producer.send(r).get();
            }
        }
        try (KafkaProbe probe = KafkaProbe.follow(bootstrap, "telephony\\.calls\\.dlq|unit\\.commands\\.dlq|unit\\."
                + OTHER_UNIT + "\\.inbox")) {
            List<ConsumerRecord<String, String>> dead = probe.collect(r -> true, Duration.ZERO);
            Instant end = Instant.now().plusSeconds(90);
            List<String> open = new ArrayList<>();
            do {
                dead = probe.collect(r -> true, Duration.ofSeconds(2));
                open.clear();
                for (var e : callKeys.entrySet()) {
                    ConsumerRecord<String, String> d = find(dead, "telephony.calls.dlq", e.getKey());
                    if (d == null) {
                        open.add("telephony.calls '" + e.getValue() + "' not on telephony.calls.dlq");
                    } else if (KafkaProbe.header(d, "dead-letter-reason") == null
                            || KafkaProbe.header(d, "dead-letter-reason").isBlank()) {
                        open.add("telephony.calls '" + e.getValue() + "' dead-lettered without a dead-letter-reason");
                    }
                }
                for (var e : commandIds.entrySet()) {
                    JsonNode c = e.getValue();
                    String key = commandKeys.entrySet().stream().filter(k -> k.getValue().equals(c.get("name").asText()))
                            .findFirst().orElseThrow().getKey();
                    boolean dlq = find(dead, "unit.commands.dlq", key) != null;
                    boolean rejected = dead.stream().anyMatch(r -> r.topic().equals(Topics.unitInbox(OTHER_UNIT))
                            && r.value() != null && r.value().contains("COMMAND_REJECTED") && r.value().contains(e.getKey()));
                    String expect = c.get("expect").asText();
                    boolean ok = expect.equals("dlq") ? dlq : rejected;
                    if (!ok && c.has("alsoAllow")) {
                        ok = c.get("alsoAllow").asText().equals("dlq") ? dlq : rejected;
                    }
                    if (!ok) {
                        open.add(commands + " '" + c.get("name").asText() + "' neither " + expect
                                + (dlq ? " (went to unit.commands.dlq)" : rejected ? " (was COMMAND_REJECTED)" : ""));
                    }
                }
            } while (!open.isEmpty() && Instant.now().isBefore(end));
            for (var e : callKeys.entrySet()) {
                ConsumerRecord<String, String> d = find(dead, "telephony.calls.dlq", e.getKey());
                report.append("| intake-service | telephony.calls | ").append(e.getValue()).append(" | ")
                        .append(d == null ? "—" : "dlq: " + abbreviate(KafkaProbe.header(d, "dead-letter-reason")))
                        .append(" | |\n");
            }
            for (var e : commandIds.entrySet()) {
                String key = commandKeys.entrySet().stream()
                        .filter(k -> k.getValue().equals(e.getValue().get("name").asText())).findFirst().orElseThrow().getKey();
                boolean dlq = find(dead, "unit.commands.dlq", key) != null;
                boolean rejected = dead.stream().anyMatch(r -> r.topic().equals(Topics.unitInbox(OTHER_UNIT))
                        && r.value() != null && r.value().contains("COMMAND_REJECTED") && r.value().contains(e.getKey()));
                report.append("| dispatch-service | ").append(commands).append(" | ")
                        .append(e.getValue().get("name").asText()).append(" | ")
                        .append(dlq ? "unit.commands.dlq" : rejected ? "COMMAND_REJECTED notice" : "—").append(" | |\n");
            }
            assertTrue(open.isEmpty(), String.join("\n", open));
        }
        Map<String, Long> after = settledSnapshot(before);
        // The refusals themselves leave their trace: the dispatch consumer remembers the command ids it answered
        // (idempotency) and the notices pass through its outbox.
        assertNothingStored(before, after, Set.of("dispatch-service.processed_event", "dispatch-service.outbox"));
    }

    // ---- REST --------------------------------------------------------------------------------------------------

    private static Answer send(Op op, Map<String, String> pathValues, String query, String auth, String contentType,
            byte[] body) throws Exception {
        String path = op.path();
        for (var e : pathValues.entrySet()) {
            path = path.replace("{" + e.getKey() + "}", e.getValue());
        }
        String url = services.get(op.service()).baseUrl() + path + (query == null ? "" : "?" + query);
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create(url));
        } catch (IllegalArgumentException e) {
            return new Answer(-1, null, "the client cannot even form this URL: " + e.getMessage());
        }
        b.timeout(Duration.ofSeconds(60));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        if (body != null && contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(op.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        fired++;
        firedPerOp.merge(op.service() + " " + op.key(), 1, Integer::sum);
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            // a service that closes the connection on a 413 is fine; other I/O failures are answers too
            return new Answer(-2, null, e.toString());
        }
    }

    private static void expect(Op op, String label, Answer a, List<Integer> allowed, boolean emptyListIsFine) {
        String problem = null;
        if (a.status() == -1) {
            report(op, label, a, "skipped: " + a.body());
            return;
        }
        if (a.status() == -2) {
            problem = "no answer: " + a.body();
        } else if (a.status() >= 500) {
            problem = "server error";
        } else if (a.status() >= 200 && a.status() < 300) {
            if (!(emptyListIsFine && a.body().trim().equals("[]"))) {
                problem = "accepted hostile input";
            }
        } else if (!allowed.contains(a.status())) {
            problem = "expected one of " + allowed;
        } else if (PROBLEM_STATUSES.contains(a.status()) && !a.contentType().startsWith("application/problem+json")
                && !ownErrorFormat.contains(op.service() + " " + op.key())) {
            problem = "not problem+json (" + a.contentType() + ")";
        }
        if (problem != null) {
            failures.add(op.service() + " " + op.key() + " [" + label + "] → " + a.status() + " " + problem + ": "
                    + abbreviate(a.body()));
        }
        report(op, label, a, problem == null ? "ok" : "**" + problem + "**");
    }

    private static void report(Op op, String label, Answer a, String verdict) {
        report.append("| ").append(op.service()).append(" | ").append(op.key()).append(" | ")
                .append(abbreviate(label).replace("|", "\\|")).append(" | ").append(a.status()).append(" | ")
                .append(verdict.replace("|", "\\|").replace("\n", " ")).append(" |\n");
    }

    private static List<Op> operations(String service, JsonNode doc) {
        List<Op> found = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(m -> {
            if (!Set.of("get", "put", "post", "delete", "patch").contains(m.getKey())) {
                return;
            }
            JsonNode o = m.getValue();
            List<String> pathParams = new ArrayList<>();
            Matcher t = TEMPLATE.matcher(p.getKey());
            while (t.find()) {
                pathParams.add(t.group(1));
            }
            Map<String, JsonNode> query = new LinkedHashMap<>();
            for (JsonNode param : o.path("parameters")) {
                if (param.path("in").asText().equals("query")) {
                    query.put(param.get("name").asText(), resolve(doc, param.path("schema")));
                }
            }
            Iterator<String> types = o.path("requestBody").path("content").fieldNames();
            String bodyType = types.hasNext() ? types.next() : null;
            found.add(new Op(service, m.getKey().toUpperCase(), p.getKey(), pathParams, query, bodyType));
        }));
        return found;
    }

    private static JsonNode resolve(JsonNode doc, JsonNode schema) {
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asText().replace("#/components/schemas/", "");
            return doc.path("components").path("schemas").path(name);
        }
        return schema;
    }

    private static String typeOf(JsonNode schema) {
        if ("date".equals(schema.path("format").asText())) {
            return "date";
        }
        return schema.path("type").asText("string");
    }

    /** Path values that reach the handler: endpoints.json's, else an id nothing has. */
    private static Map<String, String> pathValues(Op op, JsonNode spec) {
        Map<String, String> values = defaults(op);
        spec.path("path").fields().forEachRemaining(f -> values.put(f.getKey(), encode(corpus.expand(f.getValue().asText()))));
        return values;
    }

    private static Map<String, String> defaults(Op op) {
        Map<String, String> values = new LinkedHashMap<>();
        op.pathParams().forEach(p -> values.put(p, p.equals("format") ? "json" : DEFAULT_ID));
        return values;
    }

    // ---- nothing stored ----------------------------------------------------------------------------------------

    /**
     * Row counts once two snapshots a few seconds apart agree and every outbox is empty (the setup case has finished
     * flowing: an outbox row is an event still on its way, which a busy machine may hold for longer than the pause).
     */
    private static Map<String, Long> quietSnapshot() throws Exception {
        Map<String, Long> last = snapshot();
        Instant end = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(end)) {
            Thread.sleep(3000);
            Map<String, Long> now = snapshot();
            boolean relayed = now.entrySet().stream()
                    .noneMatch(e -> e.getKey().endsWith(".outbox_event") && e.getValue() > 0);
            if (now.equals(last) && relayed) {
                return now;
            }
            last = now;
        }
        return last;
    }

    /** Row counts after whatever the corpus might have set off had time to arrive (relays, consumers). */
    private static Map<String, Long> settledSnapshot(Map<String, Long> before) throws Exception {
        Thread.sleep(5000);
        return quietSnapshot();
    }

    private static void assertNothingStored(Map<String, Long> before, Map<String, Long> after, Set<String> allowed) {
        List<String> changed = changed(before, after, allowed);
        assertTrue(changed.isEmpty(), "the corpus left rows behind:\n" + String.join("\n", changed));
    }

    private static List<String> changed(Map<String, Long> before, Map<String, Long> after, Set<String> allowed) {
        List<String> changed = new ArrayList<>();
        Set<String> tables = new TreeSet<>(before.keySet());
        tables.addAll(after.keySet());
        for (String table : tables) {
            if (!allowed.contains(table) && !before.getOrDefault(table, -1L).equals(after.getOrDefault(table, -1L))) {
                changed.add(table + ": " + before.get(table) + " → " + after.get(table));
            }
        }
        return changed;
    }

    /** Row count of every table of every service's own database, read from outside as "service.table". */
    private static Map<String, Long> snapshot() throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        TestInfrastructure.Database db = TestInfrastructure.database();
        for (ServiceProcess s : services.values()) {
            Connection c = connection(s, db);
            List<String> tables = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                    SELECT table_schema || '.' || table_name FROM information_schema.tables
                    WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
                    ORDER BY 1""")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                        "SELECT count(*) FROM " + table)) {
                    rs.next();
                    counts.put(s.name + "." + table.replaceFirst("^public\\.", ""), rs.getLong(1));
                }
            }
        }
        return counts;
    }

    static final Map<String, Connection> connections = new LinkedHashMap<>();

    /** One read-only connection per service database, kept for the run; retried while the shared server is full. */
    private static Connection connection(ServiceProcess s, TestInfrastructure.Database db) throws Exception {
        Connection c = connections.get(s.name);
        if (c != null && c.isValid(5)) {
            return c;
        }
        Instant end = Instant.now().plusSeconds(120);
        while (true) {
            try {
                c = DriverManager.getConnection(databaseUrl(s), db.user(), db.password());
                c.setReadOnly(true);
                connections.put(s.name, c);
                return c;
            } catch (java.sql.SQLException e) {
                if (Instant.now().isAfter(end) || !String.valueOf(e.getMessage()).contains("too many clients")) {
                    throw e;
                }
                Thread.sleep(1000);
            }
        }
    }

    /** The service's JDBC URL, from its command line (ServiceProcess gives each service a fresh database). */
    private static String databaseUrl(ServiceProcess s) throws IOException {
        String cmdline = Files.readString(Path.of("/proc/" + s.pid() + "/cmdline"), StandardCharsets.UTF_8);
        for (String arg : cmdline.split("\0")) {
            if (arg.startsWith("-Dquarkus.datasource.jdbc.url=")) {
                return arg.substring("-Dquarkus.datasource.jdbc.url=".length());
            }
        }
        throw new IllegalStateException("no JDBC URL on the command line of " + s.name);
    }

    // ---- Kafka ---------------------------------------------------------------------------------------------------

    private static ProducerRecord<String, byte[]> record(String topic, String key, JsonNode c) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, key, corpus.bytes(c, "value", "valueBase64"));
        c.path("headers").fields().forEachRemaining(h -> r.headers().add(h.getKey(),
                corpus.expand(h.getValue().asText()).getBytes(StandardCharsets.UTF_8)));
        return r;
    }

    private static ConsumerRecord<String, String> find(List<ConsumerRecord<String, String>> records, String topic,
            String key) {
        return records.stream().filter(r -> r.topic().equals(topic) && key.equals(r.key())).findFirst().orElse(null);
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asInt()));
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String describe(JsonNode c) {
        if (c.has("remove")) {
            return "without " + c.get("remove");
        }
        if (c.has("set")) {
            return "with " + abbreviate(c.get("set").toString());
        }
        return abbreviate((c.has("path") ? c.get("path").toString() : "") + (c.has("query") ? "?" + c.get("query").asText() : "")
                + (c.has("body") ? " " + c.get("body") : "") + (c.has("form") ? " " + c.get("form").asText() : ""));
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String flat = s.replace("\n", " ").replace("\u0000", "\\0");
        return flat.length() > 160 ? flat.substring(0, 160) + "…(" + flat.length() + " chars)" : flat;
    }
}
