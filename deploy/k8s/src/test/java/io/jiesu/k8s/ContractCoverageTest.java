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
 * The manifests against the contract and the applications' own configuration: a KafkaTopic for every topic of
 * Topics.java, docs/asyncapi.yaml and the services' channels; a KafkaUser per unit with exactly the department ACLs;
 * each service's (and the console's) user, KEDA triggers and Deployment in step with its application.properties.
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
                String groupRule = "group " + c.groupId() + (c.groupPerInstance() ? " prefix" : " literal");
                assertTrue(acls.getOrDefault(groupRule, Set.of()).contains("Read"),
                        s.name() + " commits as " + c.groupId() + (c.groupPerInstance() ? "<per instance>" : ""));
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
            assertEquals(new TreeSet<>(s.sharedGroups()), groups, s.name() + ": one lag trigger per shared consumer group");
            assertEquals(s.scalesOnCpu(), types.contains("cpu"), s.name() + ": CPU trigger");
            assertTrue(so.at("/spec/minReplicaCount").asInt() >= 1, "never scaled to zero: timers and REST");
        }
        assertTrue(services.stream().anyMatch(s -> s.name().equals("intake-service") && s.scalesOnCpu()),
                "intake also scales on CPU");
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
            assertEquals("jwt-issuer", env.get("JIESU_JWT_ISSUER").at("/valueFrom/configMapKeyRef/key").asText(),
                    "services and console: one issuer, from the jiesu-platform ConfigMap");
            // Services verify tokens; the console signs them (and verifies none).
            assertEquals(s.kind() == ServiceSpec.Kind.SERVICE, env.containsKey("JIESU_JWT_PUBLIC_KEY"), s.name());
            assertEquals(s.kind() == ServiceSpec.Kind.CONSOLE, env.containsKey("JIESU_JWT_PRIVATE_KEY"), s.name());
        }
    }

    // ---- the console ---------------------------------------------------------------------------------------------

    private final ServiceSpec console = ServiceSpec.console(Manifests.REPO);

    /** Every document of one kind, by name. */
    private static Map<String, JsonNode> byName(String kind) {
        return Manifests.all().stream().filter(d -> d.kind().equals(kind))
                .collect(Collectors.toMap(Manifests.Doc::name, Manifests.Doc::node));
    }

    @Test
    void consoleReadsTheFourCaseTopicsAndTheUnitInboxesWithAGroupPerInstance() {
        // live: mp.messaging.incoming.live.topics=a,b,c,d, group.id=console-live-${quarkus.uuid}; unit-inbox: the
        // pattern unit\..+\.inbox (the unit desk's live notices), group.id=console-unit-inbox-${quarkus.uuid}
        assertEquals(Set.of("case.intake", "case.dispatch", "case.evaluation", "case.whistle", "unit\\..+\\.inbox"),
                console.channels().stream().map(ServiceSpec.Channel::topic).collect(Collectors.toSet()));
        console.channels().forEach(c -> {
            assertEquals(c.pattern() ? "console-unit-inbox-" : "console-live-", c.groupId(), c.toString());
            assertTrue(c.groupPerInstance() && c.deadLetterTopic() == null, c.toString());
        });
        assertEquals(Set.of(), console.ownedTopics(), "the console writes no topic");
        assertEquals(Set.of(), console.declaredTopics());
        assertEquals("jiesu_console", console.database());
    }

    @Test
    void consoleUserReadsTheCaseTopicsAndTheUnitInboxesAndNothingElse() {
        JsonNode user = users().get(console.name());
        assertTrue(user != null, "no KafkaUser for the console");
        assertEquals(Map.of(
                "topic case.intake literal", Set.of("Describe", "Read"),
                "topic case.dispatch literal", Set.of("Describe", "Read"),
                "topic case.evaluation literal", Set.of("Describe", "Read"),
                "topic case.whistle literal", Set.of("Describe", "Read"),
                "topic unit. prefix", Set.of("Describe", "Read"),
                "group console-live- prefix", Set.of("Read"),
                "group console-unit-inbox- prefix", Set.of("Read")), acls(user));
    }

    @Test
    void consoleScalesOnCpuOnlyAndKeepsTwoInstances() {
        JsonNode so = byName("ScaledObject").get(console.name());
        List<String> types = new ArrayList<>();
        so.at("/spec/triggers").forEach(t -> types.add(t.path("type").asText()));
        assertEquals(List.of("cpu"), types, "its group is per instance: lag says nothing about its load");
        assertTrue(so.at("/spec/minReplicaCount").asInt() >= 2, "two instances: a rollout never empties the desks");
        JsonNode pdb = byName("PodDisruptionBudget").get(console.name());
        assertEquals(1, pdb.at("/spec/minAvailable").asInt());
        assertEquals(console.name(), pdb.at("/spec/selector/matchLabels/app.kubernetes.io~1name").asText());
    }

    @Test
    void consoleIngressExampleRoutesToTheConsoleService() {
        JsonNode ingress = Manifests.read(Manifests.K8S.resolve("examples/console-ingress.yaml")).get(0).node();
        JsonNode svc = byName("Service").get(console.name());
        JsonNode backend = ingress.at("/spec/rules/0/http/paths/0/backend/service");
        assertEquals(svc.at("/metadata/name").asText(), backend.path("name").asText());
        assertEquals(svc.at("/spec/ports/0/name").asText(), backend.at("/port/name").asText());
        assertEquals("off", ingress.at("/metadata/annotations/nginx.ingress.kubernetes.io~1proxy-buffering").asText(),
                "server-sent events pass unbuffered");
    }

    /** Variables the console reads with a default that is fine in production too. */
    private static final Set<String> CONSOLE_OPTIONAL_ENV = Set.of("JIESU_CONSOLE_SESSION_TIMEOUT");

    @Test
    void consoleDeploymentSetsEveryVariableItsConfigurationReads() throws Exception {
        String properties = java.nio.file.Files.readString(
                Manifests.REPO.resolve("console/src/main/resources/application.properties"));
        Set<String> read = new TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]").matcher(properties);
        while (m.find()) {
            read.add(m.group(1));
        }
        assertTrue(read.contains("JIESU_CONSOLE_SESSION_KEY") && read.contains("JIESU_INTAKE_URL"), read.toString());
        read.removeAll(CONSOLE_OPTIONAL_ENV);

        JsonNode c = byName("Deployment").get(console.name()).at("/spec/template/spec/containers/0");
        Map<String, JsonNode> env = new HashMap<>();
        c.path("env").forEach(e -> env.put(e.path("name").asText(), e));
        Set<String> unset = new TreeSet<>(read);
        unset.removeAll(env.keySet());
        assertEquals(Set.of(), unset, "the console reads these; without them it falls back to its local defaults");

        // The secret key comes from a secret that must exist (never the local default); only OIDC's is optional.
        for (String key : List.of("JIESU_CONSOLE_SESSION_KEY")) {
            assertEquals(ManifestGenerator.CONSOLE_KEYS_SECRET, env.get(key).at("/valueFrom/secretKeyRef/name").asText());
            assertFalse(env.get(key).at("/valueFrom/secretKeyRef/optional").asBoolean(false), key);
        }
        assertEquals(ManifestGenerator.CONSOLE_OIDC_SECRET,
                env.get("JIESU_OIDC_CLIENT_SECRET").at("/valueFrom/secretKeyRef/name").asText());
        // The signing key is the mounted private key of the platform's pair.
        assertEquals("file:/etc/jiesu/jwt-signing/privateKey.pem", env.get("JIESU_JWT_PRIVATE_KEY").path("value").asText());
        JsonNode pod = byName("Deployment").get(console.name()).at("/spec/template/spec");
        List<String> signingSecrets = new ArrayList<>();
        pod.path("volumes").forEach(v -> signingSecrets.add(v.at("/secret/secretName").asText()));
        assertTrue(signingSecrets.contains(ManifestGenerator.JWT_PRIVATE_KEY_SECRET), signingSecrets.toString());
        // Each service's URL is its Service's name and port.
        Map<String, JsonNode> svcs = byName("Service");
        for (ServiceSpec s : services) {
            if (s.kind() == ServiceSpec.Kind.SERVICE) {
                JsonNode svc = svcs.get(s.name());
                assertEquals("http://" + svc.at("/metadata/name").asText() + ":" + svc.at("/spec/ports/0/port").asInt(),
                        env.get(ManifestGenerator.serviceUrlEnv(s)).path("value").asText(), s.name());
            }
        }
        // ConfigMap keys the console reads exist in platform.yaml.
        JsonNode config = byName("ConfigMap").get(ManifestGenerator.CONSOLE_CONFIG);
        env.values().stream().map(e -> e.at("/valueFrom/configMapKeyRef"))
                .filter(r -> r.path("name").asText().equals(ManifestGenerator.CONSOLE_CONFIG))
                .forEach(r -> assertTrue(config.path("data").has(r.path("key").asText()), r.toString()));
        assertEquals("false", config.at("/data/oidc-enabled").asText(), "local accounts unless OIDC is set up");
    }

    static Path k8s(String file) {
        return Manifests.K8S.resolve(file);
    }
}
