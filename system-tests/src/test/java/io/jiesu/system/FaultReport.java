package io.jiesu.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The per-fault table of {@link FaultInjectionIT}: printed at the end and written to target/fault-report.md. */
final class FaultReport {
    /** What one fault did to the appeals offered around it. */
    record Row(String fault, int offered, int accepted, Map<String, Integer> refused, int inFlight, int lost,
            int duplicated, int redelivered, Duration back, Duration firstNewOrder, Duration allInFlightArrived,
            Duration servicesReady, String notReady) {
    }

    /** Deadlines: one overdue event per (order, deadline kind), however many faults happened meanwhile. */
    record Deadlines(int orders, int firedDuringFaults, int expected, int missing, int duplicated, int redelivered,
            int noticesMissing, int noticesDuplicated) {
    }

    private FaultReport() {
    }

    static String markdown(double rate, int seconds, List<Row> rows, Deadlines deadlines, List<String> deadLetters,
            Duration total) {
        StringBuilder md = new StringBuilder();
        md.append("# Fault-injection report (FaultInjectionIT)\n\n");
        md.append(String.format("Load: %.1f appeals/s offered to intake over REST, %d s before each fault and %d s "
                + "after the faulty part is back; whole run %d s.%n%n", rate, seconds, seconds, total.toSeconds()));
        md.append("| fault | offered | accepted | in flight | lost | duplicated | redelivered | back after "
                + "| first new order | all in-flight arrived | all 5 ready | refused while down |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Row r : rows) {
            md.append(String.format("| %s | %d | %d | %d | %d | %d | %d | %s | %s | %s | %s | %s |%n", r.fault(),
                    r.offered(), r.accepted(), r.inFlight(), r.lost(), r.duplicated(), r.redelivered(),
                    seconds(r.back()), seconds(r.firstNewOrder()), seconds(r.allInFlightArrived()),
                    seconds(r.servicesReady()), r.refused().isEmpty() ? "-" : r.refused().toString()));
        }
        for (Row r : rows) {
            if (r.notReady() != null) {
                md.append(String.format("%nNot ready after %s: %s%n", r.fault(), r.notReady()));
            }
        }
        if (deadlines == null) {
            md.append("\nDeadlines: not checked (the run stopped before).\n");
        } else {
            md.append(String.format("%nDeadlines: %d work orders × 3 kinds = %d overdue events expected; %d fired "
                            + "while the faults went on (the rest were made due at the end); missing %d, duplicated "
                            + "%d, redelivered %d; OVERDUE inbox notices missing %d, duplicated %d.%n",
                    deadlines.orders(), deadlines.expected(), deadlines.firedDuringFaults(), deadlines.missing(),
                    deadlines.duplicated(), deadlines.redelivered(), deadlines.noticesMissing(),
                    deadlines.noticesDuplicated()));
        }
        md.append(String.format("Dead letters (any `*.dlq` topic; every appeal offered is valid): %d%s%n",
                deadLetters.size(), deadLetters.isEmpty() ? "" : " " + deadLetters.subList(0,
                        Math.min(10, deadLetters.size()))));
        md.append("""

                - *in flight*: accepted by intake (201) but not yet on a unit inbox at the moment of the fault.
                - *lost*: accepted, never on an inbox. *duplicated*: two work orders with different `ce_id` for one
                  case. *redelivered*: the same `ce_id` on an inbox again (the outbox relay is at-least-once; a
                  department system de-duplicates by `ce_id`) — reported, not a failure.
                - *back after*: from the fault until the faulty part answers again (service ready, broker answers
                  metadata, database started, frozen process continued). *first new order*: from the fault until
                  the first work order of an appeal accepted after the fault reached an inbox. *all in-flight
                  arrived*: from the fault until the last in-flight appeal reached its inbox. *all 5 ready*: from
                  the fault until every service answered ready again, none restarted by hand.
                """);
        return md.toString();
    }

    static void write(Path file, String markdown) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, markdown);
    }

    private static String seconds(Duration d) {
        return d == null ? "-" : String.format("%.1f s", d.toMillis() / 1000.0);
    }
}
