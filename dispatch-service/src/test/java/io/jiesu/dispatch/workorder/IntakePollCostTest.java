package io.jiesu.dispatch.workorder;

import io.jiesu.contract.CloudEventHeaders;
import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.Json;
import io.jiesu.contract.Topics;
import io.jiesu.contract.event.CaseReceived;
import io.jiesu.contract.event.Enums;
import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.KafkaProbe;
import io.jiesu.testing.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.jiesu.dispatch.DispatchFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a poll of {@code case.received} costs dispatch's database (issue 19), counted by {@link StatementLog}: the
 * existing work orders of all the poll's cases are looked up with one query, not one per event. Statements sent
 * through JDBC directly (the consumer's processed_event claim, the timer schedule) are not seen by the log.
 */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "dispatch"))
class IntakePollCostTest {
    @Test
    void aPollOfReceivedCasesLooksUpItsWorkOrdersOnce() throws Exception {
        try (KafkaProbe probe = KafkaProbe.follow("case\\.dispatch")) {
            dispatchedCase(probe, "110101013"); // routing rules, reference data and policies in memory, as at a peak
            int n = 50;
            List<ProducerRecord<String, String>> cases = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String caseId = newCaseId();
                ids.add(caseId);
                CaseReceived received = received(caseId, "110101", "110101013", "NOISE", Enums.Urgency.NORMAL);
                ProducerRecord<String, String> record = new ProducerRecord<>(Topics.CASE_INTAKE, caseId,
                        Json.mapper().writeValueAsString(received));
                Map.of(CloudEventHeaders.ID, UUID.randomUUID().toString(),
                        CloudEventHeaders.TYPE, EventCatalog.CASE_RECEIVED.type(), CloudEventHeaders.SOURCE, "/test",
                        CloudEventHeaders.SPEC_VERSION, "1.0", CloudEventHeaders.TIME, Instant.now().toString(),
                        CloudEventHeaders.SUBJECT, caseId, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON)
                        .forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
                cases.add(record);
            }
            Set<String> idSet = Set.copyOf(ids);
            StatementLog.start();
            KafkaProbe.sendAll(TestInfrastructure.kafkaBootstrap(), cases);
            int dispatched = probe.await(r -> idSet.contains(r.key())
                    && EventCatalog.CASE_DISPATCHED.type().equals(KafkaProbe.header(r, CloudEventHeaders.TYPE)), n,
                    WAIT).size();
            Thread.sleep(500); // the last poll's commit
            List<String> statements = StatementLog.stop();
            int transactions = StatementLog.transactions();
            Map<String, Long> byKind = statements.stream().collect(Collectors.groupingBy(
                    IntakePollCostTest::kind, java.util.TreeMap::new, Collectors.counting()));
            System.out.printf("%n=== %d received cases: %d statements, %d transactions: %s%n", n, statements.size(),
                    transactions, byKind);
            statements.forEach(s -> System.out.println("  " + (s.length() > 200 ? s.substring(0, 200) + "…" : s)));
            assertEquals(n, dispatched);
            long lookups = statements.stream().filter(s -> kind(s).equals("select work_order")).count();
            assertTrue(lookups <= transactions, lookups + " work-order lookups in " + transactions
                    + " transactions: one per poll, not one per case");
            // per case: its two outbox rows and its history row; per poll: the lookup, the orders' batched insert, rule checks
            assertTrue(statements.size() <= 3L * n + 5L * transactions, statements.size() + " statements");
        }
    }

    /** e.g. "insert outbox_event", "select work_order". */
    static String kind(String statement) {
        String sql = statement.replaceFirst("^\\[[^]]*] ", "").toLowerCase();
        String verb = sql.split(" ", 2)[0];
        java.util.regex.Matcher table = java.util.regex.Pattern
                .compile(verb.equals("select") ? " from (\\w+)" : verb.equals("insert") ? "into (\\w+)" : "^\\w+ (\\w+)")
                .matcher(sql);
        return verb + " " + (table.find() ? table.group(1) : "?");
    }
}
