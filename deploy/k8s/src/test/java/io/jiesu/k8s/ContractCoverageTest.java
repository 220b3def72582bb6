package io.jiesu.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiesu.contract.Topics;
import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.contract.reference.Unit;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The manifests against the contract and the services' own configuration: a KafkaTopic for every topic of Topics.java,
 * docs/asyncapi.yaml and the services' channels; a KafkaUser per unit with exactly the department ACLs; each service's
 * user, KEDA triggers and Deployment in step with its application.properties.
 */
class ContractCoverageTest {
    private final List<ServiceSpec> services = ServiceSpec.all(Manifests.REPO);

    /** Every topic name the contract and the services name, templates expanded for every reference unit. */
    static Set<String> requiredTopics(List<ServiceSpec> services) throws Exception {
        List<Unit> units = ReferenceData.get().units();
        Set<String> required = new TreeSet<>();
        List<String> fixed = new ArrayList<>();
        for (Field f : Topics.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers()) || f.getType() != String.class
                    || f.getName().equals("DEAD_LETTER_SUFFIX")) {
                continue;
            }
            String value = (String) f.get(null);
            if (value.contains("{unitCode}")) {
                units.forEach(u -> required.add(value.replace("{unitCode}", u.code())));
            } else {
                fixed.add(value);
            }
        }
        JsonNode asyncapi = Manifests.YAML.readTree(Manifests.REPO.resolve("docs/asyncapi.yaml").toFile());
        asyncapi.path("channels").forEach(ch -> {
            String address = ch.path("address").asText();
            if (address.contains("{unitCode}")) {
                units.forEach(u -> required.add(address.replace("{unitCode}", u.code())));
            } else {
                fixed.add(address);
            }
        });
        required.addAll(fixed);
        // "Records that cannot be processed go to <topic>.dlq" (asyncapi): each fixed topic has its dead letters.
        fixed.forEach(t -> required.add(Topics.deadLetter(t)));
        for (ServiceSpec s : services) {
            s.channels().forEach(c -> {
                if (!c.pattern()) {
                    required.add(c.topic());
                }
                if (c.deadLetterTopic() != null) {
                    required.add(c.deadLetterTopic());
                }
            });
            required.addAll(s.declaredTopics());
        }
        return required;
    }

    static Set<String> topicsIn(List<Manifests.Doc> docs) {
        return docs.stream().filter(d -> d.kind().equals("KafkaTopic"))
                .map(d -> d.node().path("spec").path("topicName").asText(d.name()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static Set<String> missing(Set<String> required, List<Manifests.Doc> docs) {
        Set<String> missing = new TreeSet<>(required);
        missing.removeAll(topicsIn(docs));
        return missing;
    }

    @Test
    void everyTopicOfTheContractAndTheServicesHasAKafkaTopic() throws Exception {
        Set<String> required = requiredTopics(services);
        assertTrue(required.contains("unit.CITY.inbox") && required.contains("case.intake.dlq")
                && required.contains("unit.commands.dlq") && required.contains("telephony.calls"), required.toString());
        assertEquals(Set.of(), missing(required, Manifests.all()), "topics without a KafkaTopic in deploy/k8s");
    }

    @Test
    void aMissingKafkaTopicIsReported() throws Exception {
        List<Manifests.Doc> docs = new ArrayList<>(Manifests.all());
        docs.removeIf(d -> d.kind().equals("KafkaTopic")
                && d.node().path("spec").path("topicName").asText().equals("case.whistle"));
        assertEquals(Set.of("case.whistle"), missing(requiredTopics(services), docs));
    }

    /** Rule key "type name patternType" → operations, of one KafkaUser document. */
    static Map<String, Set<String>> acls(JsonNode user) {
        Map<String, Set<String>> rules = new HashMap<>();
        user.path("spec").path("authorization").path("acls").forEach(rule -> {
            JsonNode r = rule.path("resource");
            Set<String> ops = new TreeSet<>();
            rule.path("operations").forEach(o -> ops.add(o.asText()));
            rules.merge(r.path("type").asText() + " " + r.path("name").asText() + " "
                    + r.path("patternType").asText("literal"), ops, (a, b) -> {
                Set<String> all = new TreeSet<>(a);
                all.addAll(b);
                return all;
            });
        });
        return rules;
    }

    static Map<String, JsonNode> users() {
        return Manifests.all().stream().filter(d -> d.kind().equals("KafkaUser"))
                .collect(Collectors.toMap(Manifests.Doc::name, Manifests.Doc::node));
    }

    @Test
    void everyUnitHasAUserThatReadsItsInboxAndWritesItsCommandsOnly() {
        Map<String, JsonNode> users = users();
        List<Unit> units = ReferenceData.get().units();
        for (Unit u : units) {
            JsonNode user = users.get(ManifestGenerator.unitUserName(u.code()));
            assertTrue(user != null, "no KafkaUser for unit " + u.code());
            assertEquals(u.code(), user.path("metadata").path("annotations").path("jiesu.io/unit-code").asText());
            assertEquals(Map.of(
                    "topic unit." + u.code() + ".inbox literal", Set.of("Describe", "Read"),
                    "group " + u.code() + " prefix", Set.of("Read"),
                    "topic unit." + u.code() + ".commands literal", Set.of("Describe", "Write")),
                    acls(user), u.code());
            user.path("spec").path("authorization").path("acls")
                    .forEach(rule -> assertEquals("*", rule.path("host").asText("*")));
        }
        // A unit's group prefix must not cover another unit's groups.
        for (Unit a : units) {
            for (Unit b : units) {
                assertFalse(a != b && b.code().startsWith(a.code()), a.code() + " is a prefix of " + b.code());
            }
        }
    }

    @Test
    void serviceUsersCoverWhatEachServiceReadsAndWrites() {
        Map<String, JsonNode> users = users();
        for (ServiceSpec s : services) {
            Map<String, Set<String>> acls = acls(users.get(s.name()));
            for (ServiceSpec.Channel c : s.channels()) {
                String topicRule = c.pattern() ? "topic unit. prefix" : "topic " + c.topic() + " literal";
                assertTrue(acls.getOrDefault(topicRule, Set.of()).containsAll(Set.of("Read", "Describe")),
                        s.name() + " reads " + c.topic());
                assertTrue(acls.getOrDefault("group " + c.groupId() + " literal", Set.of()).contains("Read"),
                        s.name() + " commits as " + c.groupId());
                if (c.deadLetterTopic() != null) {
                    assertTrue(acls.getOrDefault("topic " + c.deadLetterTopic() + " literal", Set.of())
                            .contains("Write"), s.name() + " writes dead letters to " + c.deadLetterTopic());
                }
            }
            s.ownedTopics().forEach(t -> assertTrue(acls.getOrDefault("topic " + t + " literal", Set.of())
                    .contains("Write"), s.name() + " writes " + t));
            s.declaredTopics().forEach(t -> assertTrue(acls.getOrDefault("topic " + t + " literal", Set.of())
                    .contains(t.endsWith(Topics.DEAD_LETTER_SUFFIX) ? "Write" : "Describe"),
                    s.name() + " describes " + t + " (and writes it if it is a dead-letter topic)"));
            assertEquals(s.writesUnitInboxes(), acls.getOrDefault("topic unit. prefix", Set.of()).contains("Write"),
                    s.name() + " writes unit inboxes");
            // Nothing beyond topics and groups (no cluster rights, no Create, no Alter).
            acls.forEach((rule, ops) -> {
                assertTrue(rule.startsWith("topic ") || rule.startsWith("group "), rule);
                assertTrue(Set.of("Read", "Write", "Describe").containsAll(ops), rule + " " + ops);
            });
        }
    }

    @Test
    void kedaScalesEachServiceOnTheLagOfItsOwnConsumerGroups() {
        Map<String, Manifests.Doc> scaled = Manifests.all().stream().filter(d -> d.kind().equals("ScaledObject"))
                .collect(Collectors.toMap(Manifests.Doc::name, d -> d));
        Set<String> kafkaScalerKeys = Set.of("bootstrapServers", "consumerGroup", "topic", "lagThreshold",
                "activationLagThreshold", "offsetResetPolicy", "allowIdleConsumers", "scaleToZeroOnInvalidOffset",
                "excludePersistentLag", "limitToPartitionsWithLag", "partitionLimitation", "version");
        for (ServiceSpec s : services) {
            JsonNode so = scaled.get(s.name()).node();
            assertEquals(s.name(), so.at("/spec/scaleTargetRef/name").asText());
            Set<String> groups = new TreeSet<>();
            Set<String> types = new TreeSet<>();
            so.at("/spec/triggers").forEach(t -> {
                types.add(t.path("type").asText());
                if (t.path("type").asText().equals("kafka")) {
                    groups.add(t.at("/metadata/consumerGroup").asText());
                    assertEquals(ManifestGenerator.KAFKA_BOOTSTRAP, t.at("/metadata/bootstrapServers").asText());
                    assertEquals("jiesu-kafka-lag", t.at("/authenticationRef/name").asText());
                    t.path("metadata").fieldNames().forEachRemaining(k -> assertTrue(kafkaScalerKeys.contains(k),
                            s.name() + ": unknown kafka scaler parameter " + k));
                    String topic = t.at("/metadata/topic").asText(null);
                    if (topic != null) {
                        assertEquals(List.of(topic), s.topicsOf(t.at("/metadata/consumerGroup").asText()));
                    }
                }
            });
            assertEquals(new TreeSet<>(s.groups()), groups, s.name() + ": one lag trigger per consumer group");
            assertEquals(s.scalesOnCpu(), types.contains("cpu"), s.name() + ": CPU trigger");
            assertTrue(so.at("/spec/minReplicaCount").asInt() >= 1, "never scaled to zero: timers and REST");
        }
        assertTrue(services.stream().anyMatch(ServiceSpec::scalesOnCpu), "intake also scales on CPU");
    }

    @Test
    void deploymentsMatchTheServicesConfiguration() {
        Map<String, JsonNode> deployments = Manifests.all().stream().filter(d -> d.kind().equals("Deployment"))
                .collect(Collectors.toMap(Manifests.Doc::name, Manifests.Doc::node));
        Map<String, JsonNode> svcs = Manifests.all().stream().filter(d -> d.kind().equals("Service"))
                .collect(Collectors.toMap(Manifests.Doc::name, Manifests.Doc::node));
        for (ServiceSpec s : services) {
            JsonNode c = deployments.get(s.name()).at("/spec/template/spec/containers/0");
            assertEquals(s.port(), c.at("/ports/0/containerPort").asInt());
            assertEquals(s.port(), svcs.get(s.name()).at("/spec/ports/0/port").asInt());
            assertEquals("/q/health/live", c.at("/livenessProbe/httpGet/path").asText());
            assertEquals("/q/health/ready", c.at("/readinessProbe/httpGet/path").asText());
            assertFalse(c.at("/startupProbe/httpGet/path").asText().isEmpty());
            assertFalse(c.at("/resources/requests/cpu").isMissingNode(), "CPU requests: the CPU trigger needs them");
            assertFalse(c.at("/resources/limits/memory").isMissingNode());
            Map<String, JsonNode> env = new HashMap<>();
            c.path("env").forEach(e -> env.put(e.path("name").asText(), e));
            assertEquals(ManifestGenerator.KAFKA_BOOTSTRAP, env.get("KAFKA_BOOTSTRAP_SERVERS").path("value").asText());
            assertTrue(env.get("JIESU_DB_URL").path("value").asText().contains("/" + s.database() + "?"));
            assertEquals(s.name(), env.get("KAFKA_SASL_JAAS_CONFIG").at("/valueFrom/secretKeyRef/name").asText(),
                    "the secret Strimzi makes for the service's KafkaUser");
            assertEquals(ManifestGenerator.dbSecret(s), env.get("JIESU_DB_PASSWORD")
                    .at("/valueFrom/secretKeyRef/name").asText());
            assertTrue(env.containsKey("JIESU_JWT_PUBLIC_KEY") && env.containsKey("JIESU_JWT_ISSUER"));
        }
    }

    static Path k8s(String file) {
        return Manifests.K8S.resolve(file);
    }
}
