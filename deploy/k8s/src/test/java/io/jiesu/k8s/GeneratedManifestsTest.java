package io.jiesu.k8s;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generated manifests on disk are what the generator makes of today's contract, reference data and services. */
class GeneratedManifestsTest {

    @Test
    void generatedFilesAreCurrent() throws IOException {
        ManifestGenerator generator = new ManifestGenerator(Manifests.REPO);
        Map<String, String> rendered = generator.render();
        if (Boolean.getBoolean("jiesu.k8s.write")) {
            generator.write(Manifests.K8S);
        }
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, String> e : rendered.entrySet()) {
            Path file = Manifests.K8S.resolve(e.getKey());
            if (!Files.exists(file) || !Files.readString(file).equals(e.getValue())) {
                stale.add(e.getKey());
            }
        }
        assertEquals(List.of(), stale, "generated manifests are out of date; regenerate them with "
                + "./mvnw -pl deploy/k8s -am verify -Djiesu.k8s.write=true -Dtest=GeneratedManifestsTest "
                + "-Dsurefire.failIfNoSpecifiedTests=false");
        List<Path> listed = Manifests.files();
        rendered.keySet().forEach(f -> assertTrue(listed.contains(Manifests.K8S.resolve(f)),
                f + " is generated but not listed in kustomization.yaml"));
    }

    @Test
    void kustomizationListsEveryManifestFile() throws IOException {
        List<Path> listed = Manifests.files();
        listed.forEach(f -> assertTrue(Files.isRegularFile(f), "kustomization.yaml lists a missing file " + f));
        try (Stream<Path> files = Files.walk(Manifests.K8S)) {
            List<Path> orphans = files.filter(f -> f.toString().endsWith(".yaml"))
                    .filter(f -> !f.getFileName().toString().equals("kustomization.yaml"))
                    // examples/ is validated but applied only by choice (CoreAndKedaManifestsTest)
                    .filter(f -> !Manifests.K8S.relativize(f).toString().matches("(validate|src|target|examples)/.*"))
                    .filter(f -> !listed.contains(f)).toList();
            assertEquals(List.of(), orphans, "manifests not applied by kustomization.yaml");
        }
    }
}
