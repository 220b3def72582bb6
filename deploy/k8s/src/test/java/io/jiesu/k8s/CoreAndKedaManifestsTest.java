package io.jiesu.k8s;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Core kinds and KEDA against their schemas with the npm packages kubernetes-models 5.1.0 and @kubernetes-models/keda
 * 2.0.0 (deploy/k8s/validate: package.json, package-lock.json, validate.mjs; `npm ci` installs them). Those schemas
 * check types, required fields and formats but let unknown fields through: validate.mjs refuses KEDA fields the
 * package's type declarations do not have, and core kinds are parsed strictly into fabric8's models here. And no
 * document may be of a kind no check covers.
 */
class CoreAndKedaManifestsTest {
    static final Path VALIDATE = Manifests.K8S.resolve("validate");
    static final Map<String, Class<?>> CORE = Map.of(
            "v1/Namespace", Namespace.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "networking.k8s.io/v1/Ingress", Ingress.class);
    static final Set<String> KEDA = Set.of("keda.sh/v1alpha1/ScaledObject", "keda.sh/v1alpha1/TriggerAuthentication");

    record Run(int exit, String output) {
    }

    static Run run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(VALIDATE.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void installSchemas() throws Exception {
        // The exact versions of package-lock.json; node_modules stays out of git (.gitignore).
        Run npm = run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"));
        assertEquals(0, npm.exit(), "npm ci failed:\n" + npm.output());
    }

    static Run node(List<Path> files) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", "validate.mjs"));
        files.forEach(f -> command.add(f.toString()));
        return run(command);
    }

    @Test
    void everyCoreAndKedaDocumentMatchesItsSchema() throws Exception {
        List<Path> files = new ArrayList<>(Manifests.files());
        files.addAll(Manifests.examples());
        Run r = node(files);
        System.out.println(r.output());
        assertEquals(0, r.exit(), r.output());
        long coreAndKeda = Manifests.allWithExamples().stream().filter(d -> !StrimziManifestsTest.isStrimzi(d)
                && !CloudNativePgManifestsTest.isCnpg(d)).count();
        assertTrue(r.output().contains("validated " + coreAndKeda + " documents: " + coreAndKeda + " valid"),
                r.output());
    }

    @Test
    void everyCoreDocumentParsesStrictlyIntoFabric8Models() {
        ObjectMapper strict = Manifests.strictMapper();
        List<String> errors = new ArrayList<>();
        for (Manifests.Doc d : Manifests.allWithExamples()) {
            Class<?> type = CORE.get(d.apiVersion() + "/" + d.kind());
            if (type == null) {
                continue;
            }
            try {
                Object model = strict.treeToValue(d.node(), type);
                List<String> lost = new ArrayList<>();
                Manifests.missingIn(d.node(), Manifests.writeAll().valueToTree(model), "", lost);
                if (!lost.isEmpty()) {
                    errors.add(d + ": not understood: " + lost);
                }
            } catch (Exception e) {
                errors.add(d + ": " + e.getMessage());
            }
        }
        assertEquals(List.of(), errors);
    }

    @Test
    void everyDocumentIsOfAKindSomeCheckCovers() {
        List<String> uncovered = new ArrayList<>();
        for (Manifests.Doc d : Manifests.allWithExamples()) {
            String key = d.apiVersion() + "/" + d.kind();
            boolean covered = CORE.containsKey(key) || KEDA.contains(key)
                    || StrimziManifestsTest.isStrimzi(d) && StrimziManifestsTest.KINDS.containsKey(d.kind())
                    || CloudNativePgManifestsTest.isCnpg(d);
            if (!covered) {
                uncovered.add(d.toString());
            }
        }
        assertEquals(List.of(), uncovered, "add a check for these kinds");
    }

    // ---- the checks themselves fail on broken documents ---------------------------------------------------------

    static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: x}
            spec:
              selector: {matchLabels: {app: x}}
              template:
                metadata: {labels: {app: x}}
                spec:
                  containers:
                    - name: x
                      image: jiesu/x:1
            """;
    static final String SCALED_OBJECT = """
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: x}
            spec:
              scaleTargetRef: {name: x}
              triggers:
                - type: kafka
                  metadata: {bootstrapServers: "k:9093", consumerGroup: g, lagThreshold: "50"}
            """;

    @Test
    void theSchemaCheckFailsOnBrokenDocuments(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.yaml");
        Files.writeString(good, DEPLOYMENT + "---\n" + SCALED_OBJECT);
        Run ok = node(List.of(good));
        assertEquals(0, ok.exit(), ok.output());

        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, String.join("---\n",
                DEPLOYMENT.replace("spec:\n  selector", "spec:\n  replicas: two\n  selector"),
                DEPLOYMENT.replace("    - name: x\n", "    - imagePullPolicy: Always\n"),
                SCALED_OBJECT.replace("  scaleTargetRef: {name: x}\n", ""),
                SCALED_OBJECT.replace("- type: kafka", "- type: 42"),
                SCALED_OBJECT.replace("  triggers:", "  maxReplicas: 3\n  triggers:"),
                "apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: x}\n"));
        Run r = node(List.of(bad));
        System.out.println(r.output());
        assertNotEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("0 valid, 6 invalid"), r.output());
        assertTrue(r.output().contains("replicas must be integer"), r.output());
        assertTrue(r.output().contains("must have required property name"), r.output());
        assertTrue(r.output().contains("scaleTargetRef"), r.output());
        assertTrue(r.output().contains("no schema for example.com/v1 Gadget"), r.output());
        assertTrue(r.output().contains("data/spec/maxReplicas is not a field of ScaledObjectSpec"), r.output());
    }

    @Test
    void theStrictParseFailsOnUnknownFields() {
        ObjectMapper strict = Manifests.strictMapper();
        Manifests.Doc misspelt = Manifests.parse(Path.of("bad.yaml"),
                DEPLOYMENT.replace("spec:\n  selector", "spec:\n  replicaz: 2\n  selector")).get(0);
        Exception e = assertThrows(Exception.class, () -> strict.treeToValue(misspelt.node(), Deployment.class));
        assertTrue(e.getMessage().contains("replicaz"), e.getMessage());
        Manifests.Doc nested = Manifests.parse(Path.of("bad.yaml"),
                DEPLOYMENT.replace("image: jiesu/x:1", "image: jiesu/x:1\n          livenesProbe: {}")).get(0);
        assertThrows(Exception.class, () -> strict.treeToValue(nested.node(), Deployment.class));
    }
}
