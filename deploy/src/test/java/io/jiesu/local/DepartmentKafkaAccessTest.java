package io.jiesu.local;

import io.jiesu.contract.Topics;
import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.contract.reference.Unit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialsDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.ResourceNotFoundException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A department's credentials on a real broker configured like the local platform's (SASL/SCRAM listener,
 * StandardAuthorizer, deny by default), used by real Kafka clients with the properties that
 * {@code kafka-credentials} prints.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class DepartmentKafkaAccessTest {
    private static final String UNIT = "ENT_HEATING";
    private static final String OTHER_UNIT = "DEPT_HOUSING";
    private static final String INBOX = Topics.unitInbox(UNIT);
    private static final String COMMANDS = Topics.unitCommands(UNIT);
    /** Every topic of the platform that is not the unit's own. */
    private static final List<String> OTHER_TOPICS = List.of(
            Topics.unitInbox(OTHER_UNIT), Topics.unitCommands(OTHER_UNIT),
            Topics.TELEPHONY_CALLS, Topics.CASE_INTAKE, Topics.CASE_DISPATCH, Topics.CASE_WHISTLE,
            Topics.CASE_EVALUATION, Topics.EVALUATION_RESULTS, Topics.ANALYTICS_INSIGHTS,
            Topics.deadLetter(Topics.CASE_INTAKE), "unit.commands.dlq");

    private static LocalBroker broker;
    private static Admin admin;
    private static Path usersDir;
    /** What the first kafka-credentials run printed: the unit's client properties. */
    private static String printed;
    /** What the last kafka-credentials run reported on stderr. */
    private static String lastReport;

    @BeforeAll
    static void startBrokerAndCreateCredentials() throws Exception {
        broker = LocalBroker.start();
        admin = broker.admin();
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : OTHER_TOPICS) {
            topics.add(new NewTopic(topic, Optional.of(3), Optional.empty()));
        }
        admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        usersDir = broker.dir.resolve("kafka-users");
        printed = credentials(UNIT);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (admin != null) {
            admin.close(Duration.ofSeconds(10));
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** Runs {@code kafka-credentials} as deploy/local/kafka-credentials does; returns what it printed on stdout. */
    private static String credentials(String unitCode) throws Exception {
        LocalBroker.Credentials printed = broker.kafkaCredentials(unitCode, usersDir);
        lastReport = printed.report();
        return printed.properties();
    }

    /** The printed client properties, as a department's plain Kafka client loads them. */
    private static Properties unitClient() throws Exception {
        Properties props = new Properties();
        props.load(new StringReader(printed));
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000");
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        return props;
    }

    private static KafkaConsumer<String, String> unitConsumer(String groupId) throws Exception {
        Properties props = unitClient();
        if (groupId != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    private static KafkaProducer<String, String> unitProducer() throws Exception {
        Properties props = unitClient();
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "20000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static KafkaProducer<String, String> platformProducer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.openBootstrap()),
                new StringSerializer(), new StringSerializer());
    }

    /** Polls until a record with VALUE arrives; fails after 60 s. */
    private static ConsumerRecord<String, String> pollFor(KafkaConsumer<String, String> consumer, String value) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                if (value.equals(record.value())) {
                    return record;
                }
            }
        }
        return fail("no record '" + value + "' within 60 s");
    }

    /** Polls until the consumer fails; returns the failure (fails the test if nothing fails within 30 s). */
    private static KafkaException pollUntilRefused(KafkaConsumer<String, String> consumer) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                if (!consumer.poll(Duration.ofMillis(500)).isEmpty()) {
                    return fail("records were delivered instead of a refusal");
                }
            } catch (KafkaException e) {
                return e;
            }
        }
        return fail("no refusal within 30 s");
    }

    @Test
    void theUnitReadsItsOwnInbox() throws Exception {
        String value = "work order " + UUID.randomUUID();
        try (KafkaProducer<String, String> platform = platformProducer()) {
            platform.send(new ProducerRecord<>(INBOX, "C-1", value)).get(30, TimeUnit.SECONDS);
        }
        try (KafkaConsumer<String, String> consumer = unitConsumer(null)) {
            consumer.subscribe(List.of(INBOX));
            ConsumerRecord<String, String> record = pollFor(consumer, value);
            assertEquals("C-1", record.key());
            consumer.commitSync(Duration.ofSeconds(20)); // offsets in its own group (READ on the group prefix)
        }
    }

    /**
     * The README's fallback for every department (librdkafka before 2.6.1 cannot log in): Kafka's own console
     * consumer with the printed file as it is, the README's command, in a JVM of its own.
     */
    @Test
    void kafkasConsoleConsumerReadsTheInboxWithThePrintedFile() throws Exception {
        String value = "console " + UUID.randomUUID();
        try (KafkaProducer<String, String> platform = platformProducer()) {
            ProducerRecord<String, String> record = new ProducerRecord<>(INBOX, "C-6", value);
            record.headers().add("ce_id", "id-6".getBytes(StandardCharsets.UTF_8));
            platform.send(record).get(30, TimeUnit.SECONDS);
        }
        Path config = broker.dir.resolve("console.properties");
        Files.writeString(config, printed);
        Path output = broker.dir.resolve("console-consumer.out");
        Process console = LocalBroker.java(output, "org.apache.kafka.tools.consumer.ConsoleConsumer",
                "--bootstrap-server", broker.departmentBootstrap(), "--consumer.config", config.toString(),
                "--topic", INBOX, "--from-beginning", "--property", "print.key=true", "--property", "print.headers=true",
                // stop after what is still unread in the file's group (other tests commit there too)
                "--max-messages", Long.toString(unreadInFileGroup()), "--timeout-ms", "30000");
        assertTrue(console.waitFor(90, TimeUnit.SECONDS), "console consumer still running");
        String out = Files.readString(output);
        assertEquals(0, console.exitValue(), out);
        assertTrue(out.contains("ce_id:id-6\tC-6\t" + value), out);
    }

    private static long unreadInFileGroup() throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.of(INBOX)).allTopicNames().get(30, TimeUnit.SECONDS).get(INBOX).partitions()
                .forEach(p -> latest.put(new TopicPartition(INBOX, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(UNIT + ".inbox-reader")
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        long unread = 0;
        for (var end : admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            unread += end.getValue().offset() - (done == null ? 0 : done.offset());
        }
        return unread;
    }

    @Test
    void anyGroupIdStartingWithTheUnitCodeWorks() throws Exception {
        String value = "reminder " + UUID.randomUUID();
        try (KafkaProducer<String, String> platform = platformProducer()) {
            platform.send(new ProducerRecord<>(INBOX, "C-2", value)).get(30, TimeUnit.SECONDS);
        }
        try (KafkaConsumer<String, String> consumer = unitConsumer(UNIT + "-erp-" + UUID.randomUUID())) {
            consumer.subscribe(List.of(INBOX));
            pollFor(consumer, value);
        }
    }

    @Test
    void readingAnyOtherTopicIsRefused() throws Exception {
        List<String> refused = new ArrayList<>(OTHER_TOPICS);
        refused.add(COMMANDS); // its own commands topic is write-only
        for (String topic : refused) {
            try (KafkaConsumer<String, String> consumer = unitConsumer(null)) {
                consumer.subscribe(List.of(topic));
                KafkaException e = pollUntilRefused(consumer);
                TopicAuthorizationException denied = assertInstanceOf(TopicAuthorizationException.class, e, topic);
                assertEquals(Set.of(topic), denied.unauthorizedTopics());
            }
        }
        // without a group either: fetching a partition directly is checked the same way
        Properties noGroup = unitClient();
        noGroup.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<String, String> assigned = new KafkaConsumer<>(noGroup, new StringDeserializer(),
                new StringDeserializer())) {
            assigned.assign(List.of(new TopicPartition(Topics.CASE_INTAKE, 0)));
            assigned.seekToBeginning(assigned.assignment());
            assertInstanceOf(TopicAuthorizationException.class, pollUntilRefused(assigned));
        }
    }

    @Test
    void aGroupNotPrefixedByTheUnitCodeIsRefused() throws Exception {
        for (String group : List.of(OTHER_UNIT + ".inbox-reader", "inbox-reader-" + UNIT, "console-consumer-1")) {
            try (KafkaConsumer<String, String> consumer = unitConsumer(group)) {
                consumer.subscribe(List.of(INBOX));
                GroupAuthorizationException e = assertInstanceOf(GroupAuthorizationException.class,
                        pollUntilRefused(consumer), group);
                assertEquals(group, e.groupId());
            }
        }
    }

    @Test
    void theUnitWritesItsCommandsTopic() throws Exception {
        String value = "{\"action\":\"sign\",\"id\":\"" + UUID.randomUUID() + "\"}";
        try (KafkaProducer<String, String> producer = unitProducer()) {
            producer.send(new ProducerRecord<>(COMMANDS, "C-3", value)).get(30, TimeUnit.SECONDS);
        }
        // dispatch-service's side: the platform reads it on the open listener
        try (KafkaConsumer<String, String> platform = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.openBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "dispatch-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            platform.subscribe(List.of(COMMANDS));
            assertEquals("C-3", pollFor(platform, value).key());
        }
    }

    @Test
    void writingAnywhereElseIsRefused() throws Exception {
        List<String> refused = new ArrayList<>(OTHER_TOPICS);
        refused.add(INBOX); // its own inbox is read-only
        try (KafkaProducer<String, String> producer = unitProducer()) {
            for (String topic : refused) {
                Throwable e;
                try {
                    producer.send(new ProducerRecord<>(topic, "C-4", "forged")).get(30, TimeUnit.SECONDS);
                    e = null;
                } catch (ExecutionException failed) {
                    e = failed.getCause();
                } catch (KafkaException thrown) {
                    e = thrown;
                }
                TopicAuthorizationException denied = assertInstanceOf(TopicAuthorizationException.class, e, topic);
                assertEquals(Set.of(topic), denied.unauthorizedTopics());
            }
        }
        // nothing forged arrived anywhere (read as the platform)
        try (KafkaConsumer<String, String> platform = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.openBootstrap()),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : refused) {
                platform.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            platform.assign(partitions);
            platform.seekToBeginning(partitions);
            platform.poll(Duration.ofSeconds(2)).forEach(r -> assertFalse("forged".equals(r.value()), r.topic()));
        }
    }

    @Test
    void theUnitSeesOnlyItsOwnTopicsAndCannotCreateAny() throws Exception {
        Properties props = unitClient();
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (Admin unitAdmin = Admin.create(props)) {
            assertEquals(Set.of(INBOX, COMMANDS), unitAdmin.listTopics().names().get(30, TimeUnit.SECONDS));
            ExecutionException e = assertThrows(ExecutionException.class, () -> unitAdmin.createTopics(
                    List.of(new NewTopic("unit." + UNIT + ".extra", Optional.empty(), Optional.empty())))
                    .all().get(30, TimeUnit.SECONDS));
            assertInstanceOf(TopicAuthorizationException.class, e.getCause());
        }
    }

    @Test
    void aWrongPasswordIsRejected() throws Exception {
        Properties props = unitClient();
        props.put("sasl.jaas.config", props.getProperty("sasl.jaas.config").replaceAll("password=\"[^\"]+\"",
                "password=\"guessed\""));
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(INBOX));
            assertInstanceOf(SaslAuthenticationException.class, pollUntilRefused(consumer));
        }
    }

    @Test
    void kafkaCredentialsIsIdempotentAndRemovesForeignAcls() throws Exception {
        Path file = usersDir.resolve(UNIT + ".properties");
        assertEquals(printed, Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(KafkaCredentials.aclsOf(UNIT), aclsOfUnit());

        // an ACL someone added by hand is taken away again by the next run
        AclBinding foreign = new AclBinding(new ResourcePattern(ResourceType.TOPIC, Topics.CASE_INTAKE, PatternType.LITERAL),
                new AccessControlEntry(KafkaCredentials.principal(UNIT), "*", AclOperation.READ, AclPermissionType.ALLOW));
        admin.createAcls(List.of(foreign)).all().get(30, TimeUnit.SECONDS);
        assertTrue(aclsOfUnit().contains(foreign));

        String second = credentials(UNIT);
        assertEquals(printed, second, "same properties, same password");
        String report = lastReport;
        assertTrue(report.contains("updated with its kept password"), report);
        assertTrue(report.contains("0 added, 1 removed"), report);
        assertEquals(KafkaCredentials.aclsOf(UNIT), aclsOfUnit());
        UserScramCredentialsDescription scram = admin.describeUserScramCredentials(List.of(UNIT)).description(UNIT)
                .get(30, TimeUnit.SECONDS);
        assertEquals(1, scram.credentialInfos().size());
        assertEquals(ScramMechanism.SCRAM_SHA_512, scram.credentialInfos().get(0).mechanism());
        try (var files = Files.list(usersDir)) {
            assertEquals(List.of(file), files.toList(), "one file per unit, no temporary files left");
        }

        // and the kept password still logs in
        String value = "after second run " + UUID.randomUUID();
        try (KafkaProducer<String, String> platform = platformProducer()) {
            platform.send(new ProducerRecord<>(INBOX, "C-5", value)).get(30, TimeUnit.SECONDS);
        }
        try (KafkaConsumer<String, String> consumer = unitConsumer(UNIT + "-" + UUID.randomUUID())) {
            consumer.subscribe(List.of(INBOX));
            pollFor(consumer, value);
        }
    }

    @Test
    void anUnknownUnitCodeIsRefused() throws Exception {
        for (String code : List.of("ENT_NOPE", "ent_heating", "ANONYMOUS")) {
            LocalPlatform.UsageException e = assertThrows(LocalPlatform.UsageException.class, () -> credentials(code));
            assertTrue(e.getMessage().startsWith("unknown unit code '" + code + "'"), e.getMessage());
            assertFalse(Files.exists(usersDir.resolve(code + ".properties")));
            ExecutionException missing = assertThrows(ExecutionException.class,
                    () -> admin.describeUserScramCredentials(List.of(code)).description(code).get(30, TimeUnit.SECONDS));
            assertInstanceOf(ResourceNotFoundException.class, missing.getCause());
        }
        LocalPlatform.UsageException lowerCase = assertThrows(LocalPlatform.UsageException.class,
                () -> credentials("ent_heating"));
        assertTrue(lowerCase.getMessage().contains("Did you mean ENT_HEATING?"), lowerCase.getMessage());
    }

    @Test
    void noUnitCodeIsAPrefixOfAnother() {
        // the consumer-group ACL is PREFIXED by the unit code: it must not reach another unit's groups
        List<String> codes = ReferenceData.get().units().stream().map(Unit::code).toList();
        Set<String> overlaps = new HashSet<>();
        for (String a : codes) {
            for (String b : codes) {
                if (!a.equals(b) && b.startsWith(a)) {
                    overlaps.add(a + " < " + b);
                }
            }
        }
        assertEquals(Set.of(), overlaps);
        assertFalse(codes.contains("ANONYMOUS"), "the open listener's principal is a super user");
    }

    private static Set<AclBinding> aclsOfUnit() throws Exception {
        return new HashSet<>(admin.describeAcls(new AclBindingFilter(ResourcePatternFilter.ANY,
                new AccessControlEntryFilter(KafkaCredentials.principal(UNIT), null, AclOperation.ANY,
                        AclPermissionType.ANY))).values().get(30, TimeUnit.SECONDS));
    }
}
