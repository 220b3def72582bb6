package io.jiesu.console;

import io.restassured.response.Response;

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

    Response post(String path, Map<String, String> form) {
        Response r = given().redirects().follow(false).cookies(cookies).contentType("application/x-www-form-urlencoded")
                .formParams(form).post(path);
        cookies.putAll(r.getCookies());
        return r;
    }
}
