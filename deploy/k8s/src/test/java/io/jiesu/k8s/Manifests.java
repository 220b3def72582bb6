package io.jiesu.k8s;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The manifests of deploy/k8s as the kustomization lists them, parsed into documents. */
final class Manifests {
    static final Path K8S = Path.of(System.getProperty("jiesu.k8s.dir", "deploy/k8s")).toAbsolutePath().normalize();
    static final Path REPO = Path.of(System.getProperty("jiesu.repo.dir", ".")).toAbsolutePath().normalize();
    static final YAMLMapper YAML = new YAMLMapper();

    /** One YAML document of one file. */
    record Doc(Path file, int index, JsonNode node) {
        String apiVersion() {
            return node.path("apiVersion").asText();
        }

        String kind() {
            return node.path("kind").asText();
        }

        String name() {
            return node.path("metadata").path("name").asText();
        }

        @Override
        public String toString() {
            return (file.startsWith(K8S) ? K8S.relativize(file) : file) + "#" + index + " " + kind() + "/" + name();
        }
    }

    private Manifests() {
    }

    /** The files of the kustomization's resources list. */
    static List<Path> files() {
        JsonNode kustomization = read(K8S.resolve("kustomization.yaml")).get(0).node();
        List<Path> files = new ArrayList<>();
        kustomization.path("resources").forEach(r -> files.add(K8S.resolve(r.asText())));
        return files;
    }

    /** The examples under examples/: validated like the rest, but not applied (site-specific values). */
    static List<Path> examples() {
        try (var files = Files.list(K8S.resolve("examples"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The documents of the kustomization and of the examples. */
    static List<Doc> allWithExamples() {
        List<Doc> docs = new ArrayList<>(all());
        examples().forEach(f -> docs.addAll(read(f)));
        return docs;
    }

    static List<Doc> all() {
        List<Doc> docs = new ArrayList<>();
        files().forEach(f -> docs.addAll(read(f)));
        return docs;
    }

    static List<Doc> read(Path file) {
        try {
            return parse(file, Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Doc> parse(Path file, String text) {
        List<Doc> docs = new ArrayList<>();
        try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(text)) {
            while (it.hasNext()) {
                JsonNode node = it.next();
                if (node != null && !node.isNull() && !node.isEmpty()) {
                    docs.add(new Doc(file, docs.size(), node));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
        return docs;
    }

    /**
     * A mapper that refuses what the target model does not know. Strimzi's and fabric8's model classes keep unknown
     * fields in an "additional properties" map (a Jackson any-setter); dropping the any-setter makes an unknown or
     * misspelt field an error, as the API server's structural schema would.
     */
    static ObjectMapper strictMapper() {
        SimpleModule noAnySetter = new SimpleModule("no-any-setter");
        noAnySetter.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription bean,
                                                         BeanDeserializerBuilder builder) {
                builder.setAnySetter(null);
                builder.setIgnoreUnknownProperties(false);
                return builder;
            }
        });
        return JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .addModule(noAnySetter)
                .build();
    }

    /**
     * A mapper that writes every property, defaults and nulls included (whatever the classes' {@code @JsonInclude}
     * say), so a value the model could not read shows up as null instead of disappearing like a default.
     */
    static ObjectMapper writeAll() {
        return JsonMapper.builder().annotationIntrospector(new JacksonAnnotationIntrospector() {
            @Override
            public JsonInclude.Value findPropertyInclusion(Annotated a) {
                return JsonInclude.Value.construct(JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS);
            }
        }).build();
    }

    /** Adds to {@code lost} every path of {@code expected} whose value {@code actual} lacks or differs at. */
    static void missingIn(JsonNode expected, JsonNode actual, String path, List<String> lost) {
        if (expected.isObject()) {
            expected.fields().forEachRemaining(e -> {
                JsonNode a = actual == null ? null : actual.get(e.getKey());
                if (a == null || a.isNull() && !e.getValue().isNull()) {
                    lost.add(path + "/" + e.getKey());
                } else {
                    missingIn(e.getValue(), a, path + "/" + e.getKey(), lost);
                }
            });
        } else if (expected.isArray()) {
            for (int i = 0; i < expected.size(); i++) {
                JsonNode a = actual != null && actual.isArray() && i < actual.size() ? actual.get(i) : null;
                if (a == null) {
                    lost.add(path + "/" + i);
                } else {
                    missingIn(expected.get(i), a, path + "/" + i, lost);
                }
            }
        } else if (!expected.asText().equals(actual.asText())) {
            lost.add(path + " (" + expected.asText() + " became " + actual.asText() + ")");
        }
    }
}
