package io.jiesu.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * docs/asyncapi.yaml and the Java event types must say the same thing: one test per event type (its channel, its
 * CloudEvents headers, its payload, field by field), and no message in the document that the code does not have.
 */
class AsyncApiContractTest {
    static Map<String, Object> doc;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws Exception {
        Path file = Path.of(System.getProperty("jiesu.docs.dir", "../docs"), "asyncapi.yaml");
        doc = new ObjectMapper(new YAMLFactory()).readValue(Files.readString(file), Map.class);
    }

    @TestFactory
    Stream<DynamicTest> everyEventTypeIsDocumentedExactly() {
        return EventCatalog.ALL.stream().map(t -> DynamicTest.dynamicTest(t.type(), () -> checkEventType(t)));
    }

    @Test
    void theDocumentHasNoMessageTheCodeLacks() {
        Set<String> documented = new TreeSet<>(map(map(doc, "components"), "messages").keySet());
        Set<String> inCode = new TreeSet<>();
        EventCatalog.ALL.forEach(t -> inCode.add(t.type()));
        documented.removeAll(inCode);
        assertTrue(documented.isEmpty(), "messages in docs/asyncapi.yaml with no Java event type: " + documented);
    }

    @Test
    void everyChannelIsAContractTopic() {
        Set<String> topics = new HashSet<>();
        EventCatalog.ALL.forEach(t -> topics.add(t.topic()));
        for (Object channel : map(doc, "channels").values()) {
            String address = (String) ((Map<?, ?>) channel).get("address");
            assertTrue(topics.contains(address), "channel " + address + " carries no event type of the code");
        }
    }

    private void checkEventType(EventType<?> type) {
        Map<String, Object> message = map(map(map(doc, "components"), "messages"), type.type());
        assertNotNull(message, "docs/asyncapi.yaml has no message " + type.type());
        assertEquals(type.type(), message.get("name"), "message name");

        Map<String, Object> channel = channelOf(type.topic());
        Map<String, Object> messages = map(channel, "messages");
        boolean listed = messages.values().stream()
                .anyMatch(m -> ("#/components/messages/" + type.type()).equals(((Map<?, ?>) m).get("$ref")));
        assertTrue(listed, "channel " + type.topic() + " does not list " + type.type());

        Map<String, Object> headers = resolve(map(message, "headers"));
        Set<String> headerNames = map(headers, "properties").keySet();
        for (String h : List.of(CloudEventHeaders.ID, CloudEventHeaders.SOURCE, CloudEventHeaders.TYPE,
                CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.TIME, CloudEventHeaders.SUBJECT)) {
            assertTrue(headerNames.contains(h), type.type() + " headers lack " + h);
        }

        List<String> problems = new ArrayList<>();
        compare("payload", JavaSchemas.of(type.dataClass()), resolve(map(message, "payload")), problems);
        if (!problems.isEmpty()) {
            fail(type.type() + " (" + type.dataClass().getSimpleName() + ") disagrees with docs/asyncapi.yaml:\n  "
                    + String.join("\n  ", problems));
        }
    }

    @SuppressWarnings("unchecked")
    private void compare(String path, Map<String, Object> expected, Map<String, Object> actual, List<String> problems) {
        actual = resolve(actual);
        if (!expected.get("type").equals(actual.get("type"))) {
            problems.add(path + ": type is " + actual.get("type") + ", code says " + expected.get("type"));
            return;
        }
        if (expected.containsKey("format") && !expected.get("format").equals(actual.get("format"))) {
            problems.add(path + ": format is " + actual.get("format") + ", code says " + expected.get("format"));
        }
        if (expected.containsKey("enum") && !expected.get("enum").equals(actual.get("enum"))) {
            problems.add(path + ": enum is " + actual.get("enum") + ", code says " + expected.get("enum"));
        }
        if (expected.containsKey("items")) {
            compare(path + "[]", (Map<String, Object>) expected.get("items"), map(actual, "items"), problems);
        }
        if (expected.containsKey("additionalProperties")) {
            compare(path + "{}", (Map<String, Object>) expected.get("additionalProperties"),
                    map(actual, "additionalProperties"), problems);
        }
        if (expected.containsKey("properties")) {
            Map<String, Object> exp = (Map<String, Object>) expected.get("properties");
            Map<String, Object> act = actual.containsKey("properties") ? map(actual, "properties") : Map.of();
            for (var e : exp.entrySet()) {
                if (!act.containsKey(e.getKey())) {
                    problems.add(path + "." + e.getKey() + ": missing in the document");
                } else {
                    compare(path + "." + e.getKey(), (Map<String, Object>) e.getValue(), map(act, e.getKey()), problems);
                }
            }
            for (String name : act.keySet()) {
                if (!exp.containsKey(name)) {
                    problems.add(path + "." + name + ": in the document but not in the code");
                }
            }
        }
    }

    private Map<String, Object> channelOf(String address) {
        return map(doc, "channels").values().stream().map(c -> (Map<String, Object>) cast(c))
                .filter(c -> address.equals(c.get("address"))).findFirst()
                .orElseThrow(() -> new AssertionError("docs/asyncapi.yaml has no channel with address " + address));
    }

    /** Follows local {@code $ref}s such as {@code #/components/schemas/Location}. */
    private Map<String, Object> resolve(Map<String, Object> node) {
        assertNotNull(node);
        Object ref = node.get("$ref");
        if (ref == null) {
            return node;
        }
        Map<String, Object> target = doc;
        for (String part : ((String) ref).substring(2).split("/")) {
            target = map(target, part);
            assertNotNull(target, "unresolved $ref " + ref);
        }
        return resolve(target);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }

    private static Map<String, Object> map(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? null : cast(v instanceof Map<?, ?> ? v : new LinkedHashMap<>());
    }
}
