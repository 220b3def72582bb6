package io.jiesu.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jiesu.contract.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the data files of {@code src/test/resources/bad-input/} and expands their placeholders. */
final class BadInputCorpus {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(caseId|unit|otherUnit|uuid|repeat:(.+?):(\\d+))}");

    private final Map<String, String> values;

    BadInputCorpus(Map<String, String> values) {
        this.values = values;
    }

    static JsonNode load(String name) {
        try (InputStream in = BadInputCorpus.class.getResourceAsStream("/bad-input/" + name)) {
            if (in == null) {
                throw new IllegalStateException("bad-input/" + name + " is missing from the test resources");
            }
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ${caseId}, ${unit}, ${otherUnit}, ${uuid}, ${repeat:c:n}; anything else (e.g. ${jndi:…}) stays as it is. */
    String expand(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group(2) != null) {
                replacement = m.group(2).repeat(Integer.parseInt(m.group(3)));
            } else if (m.group(1).equals("uuid")) {
                replacement = UUID.randomUUID().toString();
            } else {
                replacement = values.get(m.group(1));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The bytes a case describes: body/value text, bodyBase64/valueBase64, or generate {prefix, repeat, size, suffix}. */
    byte[] bytes(JsonNode c, String textField, String base64Field) {
        if (c.hasNonNull(base64Field)) {
            return Base64.getDecoder().decode(c.get(base64Field).asText());
        }
        if (c.has("generate")) {
            JsonNode g = c.get("generate");
            String text = g.path("prefix").asText("") + g.get("repeat").asText().repeat(g.get("size").asInt())
                    + g.path("suffix").asText("");
            return text.getBytes(StandardCharsets.UTF_8);
        }
        if (c.hasNonNull(textField)) {
            JsonNode v = c.get(textField);
            return expand(v.isTextual() ? v.asText() : v.toString()).getBytes(StandardCharsets.UTF_8);
        }
        return null;
    }

    /** A JSON body: {@code body} as given, or {@code bases[base]} with {@code remove} and {@code set} applied. */
    String jsonBody(JsonNode c, JsonNode bases) {
        JsonNode body;
        if (c.has("base")) {
            body = bases.get(c.get("base").asText()).deepCopy();
            for (JsonNode path : c.path("remove")) {
                String[] parts = path.asText().split("\\.");
                JsonNode parent = navigate(body, parts);
                ((ObjectNode) parent).remove(parts[parts.length - 1]);
            }
            var fields = c.path("set").fields();
            while (fields.hasNext()) {
                var f = fields.next();
                String[] parts = f.getKey().split("\\.");
                JsonNode parent = navigate(body, parts);
                String last = parts[parts.length - 1];
                if (parent instanceof ArrayNode array) {
                    array.set(Integer.parseInt(last), f.getValue());
                } else {
                    ((ObjectNode) parent).set(last, f.getValue());
                }
            }
        } else if (c.has("body")) {
            body = c.get("body");
        } else {
            return null;
        }
        return expand(body.toString());
    }

    private static JsonNode navigate(JsonNode root, String[] parts) {
        JsonNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.isArray() ? node.get(Integer.parseInt(parts[i])) : node.get(parts[i]);
        }
        return node;
    }
}
