package io.jiesu.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the manifests need to know about one application (the five services and the console), read from its own
 * {@code application.properties} (the Kafka channels it consumes, their consumer groups and dead-letter topics, the
 * topics it wants present, its HTTP port and database) plus what the contract says it writes. Reading the properties
 * keeps the KafkaUser ACLs and the KEDA triggers in step with the code: a new channel shows up in the regenerated
 * manifests.
 */
public record ServiceSpec(String name, Kind kind, int port, String database, List<Channel> channels,
                          Set<String> declaredTopics, Set<String> ownedTopics, boolean writesUnitInboxes,
                          boolean scalesOnCpu) {

    /** A backend service (REST API + Kafka, verifies tokens) or the console (web front, signs tokens). */
    public enum Kind { SERVICE, CONSOLE }

    /**
     * One topic of an incoming channel (a channel with {@code topics=a,b} gives one Channel per topic): the topic (or
     * a topic pattern), its consumer group and its dead-letter topic. {@code groupPerInstance}: the group id holds an
     * expression (e.g. {@code console-live-${quarkus.uuid}}), so every instance has a group of its own and reads
     * every record; {@code groupId} is then the fixed prefix ({@code console-live-}).
     */
    public record Channel(String name, String topic, boolean pattern, String groupId, boolean groupPerInstance,
                          String deadLetterTopic) {
    }

    /** The contract's writer of each topic (CONTRACT.md): each topic has exactly one writing service. */
    private record Writer(String service, Kind kind, List<String> owned, boolean unitInboxes, boolean cpu) {
    }

    private static final List<Writer> WRITERS = List.of(
            // intake takes appeals over REST: its load is HTTP as much as Kafka, so it also scales on CPU.
            new Writer("intake-service", Kind.SERVICE, List.of("case.intake"), false, true),
            new Writer("dispatch-service", Kind.SERVICE, List.of("case.dispatch"), true, false),
            new Writer("whistle-service", Kind.SERVICE, List.of("case.whistle"), true, false),
            new Writer("evaluation-service", Kind.SERVICE, List.of("case.evaluation", "evaluation.results"), false, false),
            new Writer("analytics-service", Kind.SERVICE, List.of("analytics.insights"), false, false),
            // The console writes no topic (it acts through the services' REST APIs) and only reads the case topics to
            // refresh open pages. Its load is people's HTTP requests, so it scales on CPU alone.
            new Writer("console", Kind.CONSOLE, List.of(), false, true));

    private static final Pattern INCOMING = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.(topic|topics)");
    private static final Pattern DB_NAME = Pattern.compile("jdbc:postgresql://[^/]+/([A-Za-z0-9_]+)");

    /** All six applications: the five services, in the order of the root pom's modules, then the console. */
    public static List<ServiceSpec> all(Path repo) {
        return WRITERS.stream().map(w -> load(repo, w)).toList();
    }

    /** The five backend services (without the console). */
    public static List<ServiceSpec> services(Path repo) {
        return all(repo).stream().filter(s -> s.kind() == Kind.SERVICE).toList();
    }

    /** The console (the people's web workplace). */
    public static ServiceSpec console(Path repo) {
        return all(repo).stream().filter(s -> s.kind() == Kind.CONSOLE).findFirst().orElseThrow();
    }

    private static ServiceSpec load(Path repo, Writer writer) {
        Properties p = new Properties();
        Path file = repo.resolve(writer.service()).resolve("src/main/resources/application.properties");
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<Channel> channels = new ArrayList<>();
        for (String key : new TreeMap<>(p).keySet().stream().map(Object::toString).toList()) {
            Matcher m = INCOMING.matcher(key);
            if (!m.matches()) {
                continue;
            }
            String ch = m.group(1);
            String prefix = "mp.messaging.incoming." + ch + ".";
            String group = require(p, prefix + "group.id", writer.service());
            // console-live-${quarkus.uuid}: a group per instance, known only by its prefix (the ACL's prefix rule).
            int expression = group.indexOf("${");
            boolean perInstance = expression >= 0;
            if (perInstance) {
                group = group.substring(0, expression);
                if (group.isEmpty()) {
                    throw new IllegalStateException(writer.service() + ": " + prefix + "group.id has no fixed prefix");
                }
            }
            boolean pattern = Boolean.parseBoolean(p.getProperty(prefix + "pattern"));
            // topic=one (or a pattern), topics=a,b,c (a list: one Channel per topic).
            List<String> topics = m.group(2).equals("topics")
                    ? Arrays.stream(p.getProperty(key).split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList()
                    : List.of(p.getProperty(key).trim());
            if (pattern && topics.size() != 1) {
                throw new IllegalStateException(writer.service() + ": a pattern channel names one pattern: " + key);
            }
            for (String topic : topics) {
                channels.add(new Channel(ch, topic, pattern, group, perInstance,
                        p.getProperty(prefix + "dead-letter-queue.topic")));
            }
        }
        Set<String> declared = new LinkedHashSet<>();
        String topics = p.getProperty("jiesu.kafka.topics", "");
        Arrays.stream(topics.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(declared::add);
        Matcher db = DB_NAME.matcher(require(p, "quarkus.datasource.jdbc.url", writer.service()));
        if (!db.find()) {
            throw new IllegalStateException(writer.service() + ": no database name in quarkus.datasource.jdbc.url");
        }
        return new ServiceSpec(writer.service(), writer.kind(), Integer.parseInt(require(p, "quarkus.http.port", writer.service())),
                db.group(1), List.copyOf(channels), Collections.unmodifiableSet(declared),
                Collections.unmodifiableSet(new LinkedHashSet<>(writer.owned())),
                writer.unitInboxes(), writer.cpu());
    }

    private static String require(Properties p, String key, String service) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(service + ": application.properties has no " + key);
        }
        return value.trim();
    }

    /** The distinct consumer groups, in channel order. */
    public List<String> groups() {
        return channels.stream().map(Channel::groupId).distinct().toList();
    }

    /**
     * The groups whose lag all instances share (KEDA's lag triggers). A group per instance is left out: each instance
     * reads every record, so more instances never work its lag off faster.
     */
    public List<String> sharedGroups() {
        return channels.stream().filter(c -> !c.groupPerInstance()).map(Channel::groupId).distinct().toList();
    }

    /** Topics of the named channels of one group (patterns left out: KEDA then measures every topic of the group). */
    public List<String> topicsOf(String group) {
        return channels.stream().filter(c -> c.groupId().equals(group)).map(Channel::topic).distinct().toList();
    }
}
