package io.jiesu.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jiesu.contract.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real headless Chromium (Debian's {@code /usr/bin/chromium}) driven over the Chrome DevTools Protocol with the
 * JDK's own WebSocket client: navigate, then evaluate JavaScript in the page. No Playwright/Selenium needed.
 * When Chromium is missing and the test runs as root, it is installed with {@code apt-get install -y chromium}.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private HeadlessChromium(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    static Path executable() throws Exception {
        String configured = System.getenv("JIESU_TEST_CHROMIUM");
        for (String candidate : new String[] {configured, "/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
            if (candidate != null && Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        // Debian's package; needs root and the distribution's package mirror
        Process install = new ProcessBuilder("sh", "-c", "apt-get install -y chromium || "
                + "(apt-get update && apt-get install -y chromium)").redirectErrorStream(true).start();
        install.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        if (!install.waitFor(15, TimeUnit.MINUTES) || !Files.isExecutable(Path.of("/usr/bin/chromium"))) {
            throw new IllegalStateException("no Chromium: install Debian's package (apt-get install -y chromium) "
                    + "or set JIESU_TEST_CHROMIUM to a Chromium/Chrome binary");
        }
        return Path.of("/usr/bin/chromium");
    }

    static HeadlessChromium start() throws Exception {
        Path profile = Files.createTempDirectory("jiesu-chromium");
        Process p = new ProcessBuilder(executable().toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
                // this machine's network is closed: no background connections, no component updates
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                "--remote-debugging-port=0", "--remote-allow-origins=*", "--user-data-dir=" + profile,
                "--window-size=1400,2400", "about:blank").redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> browserWs = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    Matcher m = DEVTOOLS.matcher(line);
                    if (m.find()) {
                        browserWs.complete(m.group(1));
                    }
                }
            } catch (IOException ignored) {
                // the browser went away
            }
            browserWs.completeExceptionally(new IllegalStateException("chromium exited without a DevTools address"));
        }, "chromium-output");
        reader.setDaemon(true);
        reader.start();
        URI browser = URI.create(browserWs.get(60, TimeUnit.SECONDS));
        HttpClient http = HttpClient.newHttpClient();
        String list = http.send(HttpRequest.newBuilder(URI.create("http://" + browser.getAuthority() + "/json/list"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        String pageWs = null;
        for (JsonNode target : Json.mapper().readTree(list)) {
            if ("page".equals(target.path("type").asText())) {
                pageWs = target.get("webSocketDebuggerUrl").asText();
                break;
            }
        }
        if (pageWs == null) {
            throw new IllegalStateException("chromium has no page target: " + list);
        }
        HeadlessChromium[] self = new HeadlessChromium[1];
        StringBuilder buffer = new StringBuilder();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(pageWs), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                buffer.append(data);
                if (last) {
                    String message = buffer.toString();
                    buffer.setLength(0);
                    try {
                        JsonNode node = Json.mapper().readTree(message);
                        if (node.has("id") && self[0] != null) {
                            CompletableFuture<JsonNode> f = self[0].pending.remove(node.get("id").asInt());
                            if (f != null) {
                                f.complete(node);
                            }
                        }
                    } catch (IOException ignored) {
                        // not ours
                    }
                }
                webSocket.request(1);
                return null;
            }
        }).get(30, TimeUnit.SECONDS);
        self[0] = new HeadlessChromium(p, profile, ws);
        return self[0];
    }

    JsonNode call(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        ObjectNode msg = Json.mapper().createObjectNode().put("id", id).put("method", method);
        msg.set("params", Json.mapper().valueToTree(params));
        socket.sendText(msg.toString(), true).get(10, TimeUnit.SECONDS);
        JsonNode answer = f.get(30, TimeUnit.SECONDS);
        if (answer.has("error")) {
            throw new IllegalStateException(method + " failed: " + answer.get("error"));
        }
        return answer.get("result");
    }

    void navigate(String url) throws Exception {
        call("Page.navigate", Map.of("url", url));
    }

    /** Evaluates a JavaScript expression in the page and returns its (JSON) value. */
    JsonNode eval(String expression) throws Exception {
        JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        return result.path("result").path("value");
    }

    /** Polls {@code expression} until it is true, or fails after {@code timeout}. */
    void waitFor(String expression, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (!eval(expression).asBoolean(false)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("the page never satisfied: " + expression);
            }
            Thread.sleep(250);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            socket.abort();
        } finally {
            // Chromium's helpers (network service, renderers) outlive the browser process for a moment and keep
            // writing into the profile: end them too, and never fail a test over deleting temp files.
            List<ProcessHandle> helpers = process.descendants().toList();
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            helpers.forEach(ProcessHandle::destroyForcibly);
            deleteProfile();
        }
    }

    /** Best effort, a few tries: a file may vanish or appear while the tree is walked. */
    private void deleteProfile() throws InterruptedException {
        for (int attempt = 0; attempt < 3 && Files.exists(profile); attempt++) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException | java.io.UncheckedIOException e) {
                Thread.sleep(200); // temp files: try again, then leave them to the OS
            }
        }
    }
}
