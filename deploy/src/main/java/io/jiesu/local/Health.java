package io.jiesu.local;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Health probes over java.net.http: a URL is UP when it answers 200 with "UP" in its body. Public for the system
 * tests, which probe their service processes the same way.
 */
public final class Health {
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private Health() {
    }

    /**
     * The result of one probe: whether it is UP, a short description of what came back, and the answer's body (null
     * when nothing answered).
     */
    public record Probe(boolean up, String detail, String body) {
    }

    /** A probe client: HTTP/1.1 (a connection of its own per probe in flight, as a supervisor's probe has). */
    public static HttpClient client() {
        return HttpClient.newBuilder()
                .connectTimeout(PROBE_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public static Probe probe(HttpClient client, String url, Duration timeout) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            boolean up = response.statusCode() == 200 && response.body().contains("UP");
            return new Probe(up, up ? "UP" : "DOWN (HTTP " + response.statusCode() + ")", response.body());
        } catch (java.net.ConnectException e) {
            return new Probe(false, "DOWN (connection refused)", null);
        } catch (java.net.http.HttpTimeoutException e) {
            return new Probe(false, "DOWN (no answer within " + timeout.toSeconds() + " s)", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Probe(false, "DOWN (interrupted)", null);
        } catch (Exception e) {
            return new Probe(false, "DOWN (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", null);
        }
    }

    /** wait-ready TIMEOUT_SECONDS URL...: "UP url" per URL as it comes up; exit 1 listing those not UP. */
    static int waitReady(List<String> args, PrintStream out, PrintStream err) throws Exception {
        LocalPlatform.requireArgs(args, 2, "wait-ready TIMEOUT_SECONDS URL...");
        long timeoutSeconds;
        try {
            timeoutSeconds = Long.parseLong(args.get(0));
        } catch (NumberFormatException e) {
            throw new LocalPlatform.UsageException("TIMEOUT_SECONDS must be a number: " + args.get(0));
        }
        for (String url : args.subList(1, args.size())) {
            validate(url);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        Map<String, String> pending = new LinkedHashMap<>();
        args.subList(1, args.size()).forEach(url -> pending.put(url, "not probed yet"));
        HttpClient client = client();
        while (true) {
            // one round: probe every pending URL at once, so one slow service does not delay the others
            Map<String, CompletableFuture<Probe>> round = new LinkedHashMap<>();
            for (String url : pending.keySet()) {
                round.put(url, CompletableFuture.supplyAsync(() -> probe(client, url, PROBE_TIMEOUT)));
            }
            for (Map.Entry<String, CompletableFuture<Probe>> e : round.entrySet()) {
                Probe probe = e.getValue().join();
                if (probe.up()) {
                    pending.remove(e.getKey());
                    out.println("UP " + e.getKey());
                    out.flush();
                } else {
                    pending.put(e.getKey(), probe.detail());
                }
            }
            if (pending.isEmpty()) {
                return 0;
            }
            long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMillis <= 0) {
                break;
            }
            Thread.sleep(Math.min(1000, leftMillis));
        }
        pending.forEach((url, detail) -> out.println("NOT UP " + url + " " + detail));
        err.println("wait-ready: " + pending.size() + " of " + (args.size() - 1)
                + " not UP after " + timeoutSeconds + " s");
        return LocalPlatform.EXIT_FAILED;
    }

    /** health URL...: one line per URL, "URL UP" or "URL DOWN (...)"; always exit 0 (for status lines). */
    static int probe(List<String> args, PrintStream out) throws Exception {
        LocalPlatform.requireArgs(args, 1, "health URL...");
        HttpClient client = client();
        for (String url : args) {
            validate(url);
            out.println(url + " " + probe(client, url, PROBE_TIMEOUT).detail());
        }
        return 0;
    }

    private static void validate(String url) throws LocalPlatform.UsageException {
        try {
            URI uri = URI.create(url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new IllegalArgumentException("not http(s)");
            }
        } catch (IllegalArgumentException e) {
            throw new LocalPlatform.UsageException("not an http(s) URL: " + url);
        }
    }
}
