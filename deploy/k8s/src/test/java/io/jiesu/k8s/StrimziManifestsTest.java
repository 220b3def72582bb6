package io.jiesu.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.KafkaAuthorizationSimple;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerAuthenticationScramSha512;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserScramSha512ClientAuthentication;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Strimzi kinds are parsed strictly into Strimzi's own model classes (io.strimzi:api): an unknown or misspelt field,
 * a wrong type or an unknown enum value (listener type, authentication type, ACL operation) is an error.
 */
class StrimziManifestsTest {
    static final String API = "kafka.strimzi.io/v1";
    static final Map<String, Class<?>> KINDS = Map.of(
            "Kafka", Kafka.class,
            "KafkaNodePool", KafkaNodePool.class,
            "KafkaTopic", KafkaTopic.class,
            "KafkaUser", KafkaUser.class);

    private final ObjectMapper strict = Manifests.strictMapper();

    static boolean isStrimzi(Manifests.Doc d) {
        return d.apiVersion().startsWith("kafka.strimzi.io/");
    }

    /** Parses one document into its Strimzi model; throws on anything the model does not accept. */
    Object parse(Manifests.Doc d) throws Exception {
        assertEquals(API, d.apiVersion(), d + ": use the current Strimzi API version");
        Class<?> type = KINDS.get(d.kind());
        if (type == null) {
            throw new IllegalArgumentException(d + ": no Strimzi model for kind " + d.kind());
        }
        Object model = strict.treeToValue(d.node(), type);
        // Some Strimzi enums read an unknown value as null instead of failing: written back, everything that was in
        // the document must still be there with the same value.
        List<String> lost = new ArrayList<>();
        Manifests.missingIn(d.node(), Manifests.writeAll().valueToTree(model), "", lost);
        lost.remove("/apiVersion (kafka.strimzi.io/v1 became kafka.strimzi.io/v1beta2)"); // the class's default
        if (!lost.isEmpty()) {
            throw new IllegalArgumentException(d + ": not understood by the Strimzi model: " + lost);
        }
        return model;
    }

    @Test
    void everyStrimziDocumentParsesStrictly() {
        List<String> errors = new ArrayList<>();
        int count = 0;
        for (Manifests.Doc d : Manifests.all()) {
            if (!isStrimzi(d)) {
                continue;
            }
            count++;
            try {
                parse(d);
            } catch (Throwable e) {
                errors.add(d + ": " + e.getMessage());
            }
        }
        assertEquals(List.of(), errors);
        assertTrue(count > 700, "expected the topics and users of every unit, found " + count + " documents");
    }

    @Test
    void clusterHasThreeKraftNodesReplicationThreeAndScramListeners() throws Exception {
        List<Manifests.Doc> docs = Manifests.read(Manifests.K8S.resolve("kafka/kafka.yaml"));
        Kafka kafka = null;
        KafkaNodePool pool = null;
        for (Manifests.Doc d : docs) {
            Object o = parse(d);
            if (o instanceof Kafka k) {
                kafka = k;
            } else if (o instanceof KafkaNodePool p) {
                pool = p;
            }
        }
        assertTrue(kafka != null && pool != null, "kafka.yaml holds a Kafka and a KafkaNodePool");
        assertEquals(ManifestGenerator.KAFKA_CLUSTER, kafka.getMetadata().getName());
        assertEquals("enabled", kafka.getMetadata().getAnnotations().get("strimzi.io/kraft"));
        assertEquals("enabled", kafka.getMetadata().getAnnotations().get("strimzi.io/node-pools"));
        assertEquals(ManifestGenerator.KAFKA_CLUSTER, pool.getMetadata().getLabels().get("strimzi.io/cluster"));
        assertEquals(3, pool.getSpec().getReplicas());
        assertEquals(Set.of(ProcessRoles.CONTROLLER, ProcessRoles.BROKER), Set.copyOf(pool.getSpec().getRoles()));

        Map<String, Object> config = kafka.getSpec().getKafka().getConfig();
        assertEquals(3, ((Number) config.get("default.replication.factor")).intValue());
        assertEquals(2, ((Number) config.get("min.insync.replicas")).intValue());
        assertEquals(Boolean.FALSE, config.get("auto.create.topics.enable"));
        assertInstanceOf(KafkaAuthorizationSimple.class, kafka.getSpec().getKafka().getAuthorization());
        List<GenericKafkaListener> listeners = kafka.getSpec().getKafka().getListeners();
        for (GenericKafkaListener l : listeners) {
            // No open listener: every client authenticates with SCRAM over TLS.
            assertInstanceOf(KafkaListenerAuthenticationScramSha512.class, l.getAuth(), l.getName());
            assertTrue(l.isTls(), l.getName() + " uses TLS");
        }
        assertTrue(listeners.stream().anyMatch(l -> l.getPort() == 9093), "the internal listener of the services");
        assertTrue(listeners.stream().anyMatch(l -> l.getType().toValue().equals("loadbalancer")),
                "an external listener for department systems");
    }

    @Test
    void everyTopicHasThreeReplicasAndMinIsrTwo() throws Exception {
        for (Manifests.Doc d : Manifests.read(Manifests.K8S.resolve("kafka/topics.yaml"))) {
            KafkaTopic t = (KafkaTopic) parse(d);
            assertEquals(3, t.getSpec().getReplicas(), d.toString());
            assertEquals("2", String.valueOf(t.getSpec().getConfig().get("min.insync.replicas")), d.toString());
            assertEquals(ManifestGenerator.KAFKA_CLUSTER, t.getMetadata().getLabels().get("strimzi.io/cluster"));
        }
    }

    @Test
    void everyUserAuthenticatesWithScram() throws Exception {
        for (String file : List.of("kafka/users-units.yaml", "kafka/users-services.yaml")) {
            for (Manifests.Doc d : Manifests.read(Manifests.K8S.resolve(file))) {
                KafkaUser u = (KafkaUser) parse(d);
                assertInstanceOf(KafkaUserScramSha512ClientAuthentication.class, u.getSpec().getAuthentication(),
                        d.toString());
                assertEquals(ManifestGenerator.KAFKA_CLUSTER, u.getMetadata().getLabels().get("strimzi.io/cluster"));
            }
        }
    }

    // ---- the check itself fails on broken documents -------------------------------------------------------------

    private Manifests.Doc doc(String yaml) {
        return Manifests.parse(Path.of("broken.yaml"), yaml).get(0);
    }

    private static final String USER = """
            apiVersion: kafka.strimzi.io/v1
            kind: KafkaUser
            metadata:
              name: unit-x
              labels: {strimzi.io/cluster: jiesu}
            spec:
              authentication: {type: scram-sha-512}
              authorization:
                type: simple
                acls:
                  - resource: {type: topic, name: unit.X.inbox, patternType: literal}
                    operations: [Read, Describe]
                    host: "*"
            """;

    @Test
    void aValidUserParses() throws Exception {
        KafkaUser u = (KafkaUser) parse(doc(USER));
        assertEquals("unit-x", u.getMetadata().getName());
    }

    @Test
    void brokenDocumentsAreRefused() {
        Map<String, String> broken = Map.of(
                "misspelt field", USER.replace("operations:", "operatons:"),
                "unknown ACL operation", USER.replace("[Read, Describe]", "[Read, Peek]"),
                "unknown authentication type", USER.replace("scram-sha-512", "scram-sha-999"),
                "unknown pattern type", USER.replace("patternType: literal", "patternType: glob"),
                "field at the wrong level", USER.replace("  authentication:", "  replicas: 3\n  authentication:"),
                "old API version", USER.replace("kafka.strimzi.io/v1", "kafka.strimzi.io/v1beta2"),
                "listener without port", """
                        apiVersion: kafka.strimzi.io/v1
                        kind: Kafka
                        metadata: {name: jiesu}
                        spec:
                          kafka:
                            listeners:
                              - {name: tls, port: "nine", type: internal, tls: true}
                        """,
                "unknown listener type", """
                        apiVersion: kafka.strimzi.io/v1
                        kind: Kafka
                        metadata: {name: jiesu}
                        spec:
                          kafka:
                            listeners:
                              - {name: tls, port: 9093, type: sideways, tls: true}
                        """);
        broken.forEach((what, yaml) -> {
            Throwable e = assertThrows(Throwable.class, () -> parse(doc(yaml)), what + " must be refused");
            System.out.println(what + " -> " + e.getMessage().lines().findFirst().orElse(""));
        });
    }

    @Test
    void anUnknownFieldInANestedModelIsRefused() {
        // Kafka.spec.kafka.config is a free map, but the listener next to it is a model: a typo there must fail.
        String yaml = """
                apiVersion: kafka.strimzi.io/v1
                kind: Kafka
                metadata: {name: jiesu}
                spec:
                  kafka:
                    listeners:
                      - {name: tls, port: 9093, type: internal, tsl: true}
                """;
        Throwable e = assertThrows(Throwable.class, () -> parse(doc(yaml)));
        assertTrue(e.getMessage().contains("tsl"), e.getMessage());
        assertFalse(KINDS.isEmpty());
    }

    static JsonNode spec(Manifests.Doc d) {
        return d.node().path("spec");
    }
}
