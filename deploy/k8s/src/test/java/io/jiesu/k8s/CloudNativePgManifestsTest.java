package io.jiesu.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CloudNativePG kinds against JSON schemas of the fields used, written from its API reference (src/test/resources/cnpg). */
class CloudNativePgManifestsTest {
    static final String API = "postgresql.cnpg.io/v1";
    private static final Map<String, JsonSchema> SCHEMAS = new HashMap<>();

    static JsonSchema schema(String kind) {
        return SCHEMAS.computeIfAbsent(kind, k -> {
            String resource = "/cnpg/" + k.toLowerCase() + ".schema.json";
            try (InputStream in = CloudNativePgManifestsTest.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalArgumentException("no schema for CloudNativePG kind " + k);
                }
                return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    static boolean isCnpg(Manifests.Doc d) {
        return d.apiVersion().startsWith("postgresql.cnpg.io/");
    }

    static List<String> validate(Manifests.Doc d) {
        List<String> errors = new ArrayList<>();
        if (!API.equals(d.apiVersion())) {
            errors.add(d + ": apiVersion must be " + API);
            return errors;
        }
        Set<ValidationMessage> messages = schema(d.kind()).validate(d.node());
        messages.forEach(m -> errors.add(d + ": " + m.getMessage()));
        return errors;
    }

    @Test
    void everyCloudNativePgDocumentMatchesItsSchema() {
        List<String> errors = new ArrayList<>();
        int count = 0;
        for (Manifests.Doc d : Manifests.all()) {
            if (isCnpg(d)) {
                count++;
                errors.addAll(validate(d));
            }
        }
        assertEquals(List.of(), errors);
        assertEquals(7, count, "one Cluster and six Databases (five services and the console)");
    }

    @Test
    void oneDatabaseAndRolePerApplicationWithTheSecretItReads() {
        List<Manifests.Doc> docs = Manifests.read(Manifests.K8S.resolve("postgres/cluster.yaml"));
        JsonNode cluster = docs.stream().filter(d -> d.kind().equals("Cluster")).findFirst().orElseThrow().node();
        Map<String, String> roleSecrets = new HashMap<>();
        cluster.path("spec").path("managed").path("roles").forEach(r ->
                roleSecrets.put(r.path("name").asText(), r.path("passwordSecret").path("name").asText()));
        Map<String, String> dbOwners = new HashMap<>();
        docs.stream().filter(d -> d.kind().equals("Database")).forEach(d -> {
            assertEquals(ManifestGenerator.DB_CLUSTER, d.node().path("spec").path("cluster").path("name").asText());
            dbOwners.put(d.node().path("spec").path("name").asText(), d.node().path("spec").path("owner").asText());
        });
        assertEquals(ManifestGenerator.DB_CLUSTER, cluster.path("metadata").path("name").asText());
        Set<String> databases = new TreeSet<>();
        for (ServiceSpec s : ServiceSpec.all(Manifests.REPO)) {
            databases.add(s.database());
            assertEquals(s.database(), dbOwners.get(s.database()), s.name() + ": its database, owned by its role");
            assertEquals(ManifestGenerator.dbSecret(s), roleSecrets.get(s.database()),
                    s.name() + ": the role's password secret is the one the Deployment reads");
        }
        assertEquals(databases, new TreeSet<>(dbOwners.keySet()));
        assertEquals(databases, new TreeSet<>(roleSecrets.keySet()));
        assertEquals(Set.of("jiesu_intake", "jiesu_dispatch", "jiesu_whistle", "jiesu_evaluation", "jiesu_analytics",
                "jiesu_console"), databases);
    }

    // ---- the check itself fails on broken documents -------------------------------------------------------------

    private static Manifests.Doc broken(String kind, Consumer<ObjectNode> breakIt) {
        Manifests.Doc original = Manifests.read(Manifests.K8S.resolve("postgres/cluster.yaml")).stream()
                .filter(d -> d.kind().equals(kind)).findFirst().orElseThrow();
        ObjectNode copy = original.node().deepCopy();
        breakIt.accept(copy);
        return new Manifests.Doc(Path.of("broken.yaml"), 0, copy);
    }

    @Test
    void brokenDocumentsAreRefused() {
        Map<String, Manifests.Doc> cases = Map.of(
                "misspelt field", broken("Cluster", n -> ((ObjectNode) n.get("spec")).set("instance",
                        ((ObjectNode) n.get("spec")).remove("instances"))),
                "instances as a string", broken("Cluster", n -> ((ObjectNode) n.get("spec")).put("instances", "3")),
                "unknown update strategy", broken("Cluster", n -> ((ObjectNode) n.get("spec"))
                        .put("primaryUpdateStrategy", "whenever")),
                "role without name", broken("Cluster", n -> ((ObjectNode) n.at("/spec/managed/roles/0")).remove("name")),
                "parameter not a string", broken("Cluster", n -> ((ObjectNode) n.at("/spec/postgresql/parameters"))
                        .put("max_connections", 700)),
                "database without owner", broken("Database", n -> ((ObjectNode) n.get("spec")).remove("owner")),
                "database for no cluster", broken("Database", n -> ((ObjectNode) n.get("spec")).remove("cluster")),
                "unknown reclaim policy", broken("Database", n -> ((ObjectNode) n.get("spec"))
                        .put("databaseReclaimPolicy", "keep")));
        cases.forEach((what, doc) -> {
            List<String> errors = validate(doc);
            assertFalse(errors.isEmpty(), what + " must be refused");
            System.out.println(what + " -> " + errors);
        });
        assertTrue(validate(broken("Cluster", n -> { })).isEmpty(), "the unbroken copy is valid");
    }
}
