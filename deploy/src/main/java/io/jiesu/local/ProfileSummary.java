package io.jiesu.local;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a process's CPU went, from a Java Flight Recorder file (issue 19: "the closing note shows with a profile where
 * the remaining CPU goes"): its {@code jdk.ExecutionSample} events — a thread running Java code, sampled every 10 ms
 * with the {@code profile} settings — counted by the area of the sampled (top) frame and by method. Samples of a thread
 * waiting in a system call (socket reads, fsync) are not execution samples: the summary says what Java code costs.
 * <p>
 * {@code java -cp … io.jiesu.local.ProfileSummary [--top N] NAME=FILE.jfr ...} (deploy/local/profile).
 */
public final class ProfileSummary {
    /**
     * Areas by package prefix, the first match wins: ordered most specific first. What is not listed is "other"; a
     * method of the platform itself is "jiesu".
     */
    static final List<Map.Entry<String, String>> AREAS = List.of(
            Map.entry("io.jiesu.", "jiesu (own code)"),
            Map.entry("org.postgresql.", "JDBC driver"),
            Map.entry("io.agroal.", "connection pool"),
            Map.entry("org.hibernate.", "Hibernate"),
            Map.entry("io.quarkus.narayana.", "transactions"),
            Map.entry("com.arjuna.", "transactions"),
            Map.entry("org.apache.kafka.", "Kafka"),
            Map.entry("kafka.", "Kafka"),
            Map.entry("io.smallrye.reactive.messaging.", "reactive messaging"),
            Map.entry("io.smallrye.mutiny.", "Mutiny"),
            Map.entry("io.netty.", "Netty/Vert.x"),
            Map.entry("io.vertx.", "Netty/Vert.x"),
            Map.entry("org.jboss.resteasy.", "REST"),
            Map.entry("io.quarkus.resteasy.", "REST"),
            Map.entry("io.quarkus.security.", "security"),
            Map.entry("io.smallrye.jwt.", "security"),
            Map.entry("org.jose4j.", "security"),
            Map.entry("com.fasterxml.jackson.", "JSON"),
            Map.entry("io.opentelemetry.", "tracing"),
            Map.entry("io.micrometer.", "metrics"),
            Map.entry("io.quarkus.arc.", "CDI"),
            Map.entry("org.jboss.logging.", "logging"),
            Map.entry("org.jboss.logmanager.", "logging"),
            Map.entry("io.quarkus.", "Quarkus other"),
            Map.entry("io.smallrye.", "SmallRye other"),
            Map.entry("java.util.regex.", "JDK regex"),
            Map.entry("java.util.zip.", "JDK zip/CRC"),
            Map.entry("sun.nio.", "JDK I/O"),
            Map.entry("java.nio.", "JDK I/O"),
            Map.entry("java.net.", "JDK I/O"),
            Map.entry("java.", "JDK other"),
            Map.entry("jdk.", "JDK other"),
            Map.entry("sun.", "JDK other"));

    private ProfileSummary() {
    }

    /** The area of a fully qualified type name. */
    static String areaOf(String typeName) {
        for (Map.Entry<String, String> area : AREAS) {
            if (typeName.startsWith(area.getKey())) {
                return area.getValue();
            }
        }
        return "other";
    }

    /** One process's samples: by area of the top frame, by top-frame method, and by the first own-code frame below. */
    record Profile(long samples, Map<String, Long> byArea, Map<String, Long> byMethod, Map<String, Long> byOwnCaller) {
    }

    static Profile read(Path jfr) throws IOException {
        long samples = 0;
        Map<String, Long> byArea = new HashMap<>();
        Map<String, Long> byMethod = new HashMap<>();
        Map<String, Long> byOwnCaller = new HashMap<>();
        try (RecordingFile file = new RecordingFile(jfr)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                RecordedMethod top = stack.getFrames().get(0).getMethod();
                String type = top.getType().getName();
                byArea.merge(areaOf(type), 1L, Long::sum);
                byMethod.merge(type + "." + top.getName(), 1L, Long::sum);
                // which of our methods the time was spent for: the closest io.jiesu frame (none: a framework thread)
                String own = "(no io.jiesu frame: framework/background thread)";
                for (RecordedFrame frame : stack.getFrames()) {
                    String t = frame.getMethod().getType().getName();
                    if (t.startsWith("io.jiesu.")) {
                        own = t.substring(t.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
                        break;
                    }
                }
                byOwnCaller.merge(own, 1L, Long::sum);
            }
        }
        return new Profile(samples, byArea, byMethod, byOwnCaller);
    }

    static void print(String name, Profile p, int top, PrintStream out) {
        out.printf("== %s: %d execution samples%n", name, p.samples());
        if (p.samples() == 0) {
            return;
        }
        out.println("   by area of the running code:");
        table(p.byArea(), p.samples(), top, out);
        out.println("   by method running (self):");
        table(p.byMethod(), p.samples(), top, out);
        out.println("   by the closest io.jiesu method on the stack (what the time was spent for):");
        table(p.byOwnCaller(), p.samples(), top, out);
    }

    private static void table(Map<String, Long> counts, long total, int top, PrintStream out) {
        List<Map.Entry<String, Long>> rows = new ArrayList<>(counts.entrySet());
        rows.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry::getKey));
        for (Map.Entry<String, Long> row : rows.subList(0, Math.min(top, rows.size()))) {
            out.printf("     %5.1f %%  %s%n", 100.0 * row.getValue() / total, row.getKey());
        }
    }

    public static void main(String[] args) throws IOException {
        int top = 12;
        Map<String, Path> files = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--top") && i + 1 < args.length) {
                top = Integer.parseInt(args[++i]);
            } else if (args[i].contains("=")) {
                files.put(args[i].substring(0, args[i].indexOf('=')), Path.of(args[i].substring(args[i].indexOf('=') + 1)));
            } else {
                System.err.println("usage: ProfileSummary [--top N] NAME=FILE.jfr ...");
                System.exit(2);
            }
        }
        for (Map.Entry<String, Path> f : files.entrySet()) {
            print(f.getKey(), read(f.getValue()), top, System.out);
        }
    }
}
