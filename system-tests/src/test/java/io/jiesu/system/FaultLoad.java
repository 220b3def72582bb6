package io.jiesu.system;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jiesu.contract.Json;
import io.jiesu.testing.TestTokens;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Offers appeals to intake over REST at a steady rate, in its own threads, whatever state intake is in: an answer
 * 201 with a case id makes the appeal <em>accepted</em> (intake committed it and owes a work order); anything else
 * (connection refused while intake is down, 5xx while the database is down, a timeout) is counted as refused and
 * owed nothing. Each appeal is different (external id, phone, address), so intake never links two as repeats.
 */
final class FaultLoad implements AutoCloseable {
    /** An appeal intake accepted: its case id, when the answer came, and the fault phase it was offered in. */
    record Accepted(String caseId, Instant acceptedAt, String phase) {
    }

    private static final List<String> CATEGORIES = List.of("NOISE", "PARKING", "ROAD_DAMAGE", "HEATING",
            "STREET_LIGHTING", "GARBAGE_CLEARANCE");
    private static final int STREETS = 17; // 110101001 … 110101017, the streets of 东城区 in the reference data

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fault-load");
        t.setDaemon(true);
        return t;
    });
    private final String url;
    private final String template;
    private final String bearer = TestTokens.bearer("telephony");
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger outstanding = new AtomicInteger();
    private volatile String phase;
    private volatile boolean offering;
    final ConcurrentLinkedQueue<Accepted> accepted = new ConcurrentLinkedQueue<>();
    /** Offers per phase that got no 201, by cause ("HTTP 503", "ConnectException", …). */
    final Map<String, Map<String, AtomicInteger>> refused = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> offered = new ConcurrentHashMap<>();

    FaultLoad(ServiceProcess intake, double ratePerSecond) throws Exception {
        this.url = intake.baseUrl() + "/api/v1/appeals";
        this.template = Files.readString(ServiceProcess.ROOT.resolve("docs/examples/appeal.json"));
        long periodMicros = Math.max(1_000, Math.round(1_000_000 / ratePerSecond));
        ticker.scheduleAtFixedRate(this::tick, periodMicros, periodMicros, TimeUnit.MICROSECONDS);
    }

    /** Starts (or goes on) offering appeals, tagged with {@code phase}. */
    void offer(String phase) {
        this.phase = phase;
        offering = true;
    }

    /** Stops offering; answers to what was sent still count. */
    void pause() {
        offering = false;
    }

    /** Waits until every request sent has been answered (or timed out). */
    void awaitAnswers(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (outstanding.get() > 0 && System.nanoTime() < end) {
            Thread.sleep(50);
        }
    }

    private void tick() {
        String p = phase;
        // a frozen or dead intake must not pile up unbounded requests in this JVM
        if (!offering || outstanding.get() > 500) {
            return;
        }
        offered.computeIfAbsent(p, k -> new AtomicInteger()).incrementAndGet();
        String body;
        try {
            body = body(sequence.incrementAndGet());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        outstanding.incrementAndGet();
        http.sendAsync(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15))
                        .header("Authorization", bearer)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString())
                .whenComplete((response, failure) -> {
                    try {
                        if (failure == null && response.statusCode() == 201) {
                            String caseId = Json.mapper().readTree(response.body()).get("caseId").asText();
                            accepted.add(new Accepted(caseId, Instant.now(), p));
                        } else {
                            String cause = failure != null ? rootCause(failure).getClass().getSimpleName()
                                    : "HTTP " + response.statusCode();
                            refused.computeIfAbsent(p, k -> new ConcurrentHashMap<>())
                                    .computeIfAbsent(cause, k -> new AtomicInteger()).incrementAndGet();
                        }
                    } catch (Exception e) {
                        refused.computeIfAbsent(p, k -> new ConcurrentHashMap<>())
                                .computeIfAbsent("unreadable answer", k -> new AtomicInteger()).incrementAndGet();
                    } finally {
                        outstanding.decrementAndGet();
                    }
                });
    }

    private String body(long n) throws Exception {
        ObjectNode appeal = (ObjectNode) Json.mapper().readTree(template);
        String id = "FAULT-" + run + "-" + n;
        appeal.put("externalId", id);
        appeal.put("receivedAt", Instant.now().toString());
        appeal.put("categoryCode", CATEGORIES.get((int) (n % CATEGORIES.size())));
        appeal.put("urgency", n % 2 == 0 ? "URGENT" : "NORMAL");
        ((ObjectNode) appeal.get("citizen")).put("phone", String.format("139%08d", n % 100_000_000));
        ObjectNode location = (ObjectNode) appeal.get("location");
        String street = String.format("110101%03d", 1 + n % STREETS);
        location.put("streetCode", street);
        location.remove("community");
        // unique per appeal: intake links a repeat by (street, address) or by caller within a category
        location.put("address", "东城区故障演练路" + n + "号 (" + id + ")");
        appeal.put("content", "故障注入测试诉求 " + id + "：路灯不亮、噪音扰民等问题，请尽快处理。");
        appeal.remove("attachments");
        return appeal.toString();
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
