package io.jiesu.console;

import io.restassured.RestAssured;
import io.restassured.response.Response;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/** A person at the console over plain HTTP: signs in, keeps the cookies, reads the CSRF token off a page. */
final class Browserless {
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    final Map<String, String> cookies = new HashMap<>();

    static Browserless signIn(String username, String password) {
        Browserless b = new Browserless();
        Response r = b.signInResponse(username, password);
        b.cookies.putAll(r.getCookies());
        return b;
    }

    Response signInResponse(String username, String password) {
        return given().redirects().follow(false).cookies(cookies).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", username).formParam("j_password", password).post("/j_security_check");
    }

    Response get(String path) {
        Response r = given().redirects().follow(false).cookies(cookies).get(path);
        cookies.putAll(r.getCookies());
        return r;
    }

    /** The CSRF token the page at {@code path} puts in its forms. */
    String csrfFrom(String path) {
        Response page = get(path);
        Matcher m = CSRF_FIELD.matcher(page.asString());
        if (!m.find()) {
            throw new AssertionError("no CSRF field on " + path + ":\n" + page.asString());
        }
        return m.group(1);
    }

    /** A partial as htmx asks for it: with the page's token in the header (layout.html's {@code hx-headers}). */
    Response htmx(String path, String csrfToken) {
        Response r = given().redirects().follow(false).cookies(cookies).header("HX-Request", "true")
                .header("X-CSRF-TOKEN", csrfToken).get(path);
        cookies.putAll(r.getCookies());
        return r;
    }

    /**
     * Opens a server-sent event stream as the browser's EventSource does (it cannot send the CSRF header), keeps any
     * cookie its answer sets, and closes it; the status.
     */
    int openStream(String path) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                + path)).header("Accept", "text/event-stream").timeout(Duration.ofSeconds(10)).GET();
        if (!cookies.isEmpty()) {
            request.header("Cookie", String.join("; ", cookies.entrySet().stream()
                    .map(c -> c.getKey() + "=" + c.getValue()).toList()));
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(); // as a browser on http
        HttpResponse<InputStream> r = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        for (String set : r.headers().allValues("Set-Cookie")) {
            String pair = set.split(";", 2)[0];
            int eq = pair.indexOf('=');
            cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        r.body().close();
        return r.statusCode();
    }

    Response post(String path, Map<String, String> form) {
        Response r = given().redirects().follow(false).cookies(cookies).contentType("application/x-www-form-urlencoded")
                .formParams(form).post(path);
        cookies.putAll(r.getCookies());
        return r;
    }
}
