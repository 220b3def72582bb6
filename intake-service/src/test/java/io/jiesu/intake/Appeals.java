package io.jiesu.intake;

import io.jiesu.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;

/** Test appeals built from docs/examples/appeal.json, made unique so that tests never link to each other. */
public final class Appeals {
    private Appeals() {
    }

    public static String example() {
        try {
            return Files.readString(Path.of(System.getProperty("jiesu.docs.dir", "../docs"), "examples",
                    "appeal.json"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String randomPhone() {
        return "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    /**
     * The example with a fresh external id, phone and address, received a minute ago (the example's own date ages
     * out of windows such as the 7-day repeat window).
     */
    public static String unique() {
        return example().replace("CTI-20261125-0930-000173", "CTI-" + UUID.randomUUID())
                .replace("\"2026-11-25T01:30:12Z\"",
                        "\"" + Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS) + "\"")
                .replace("13800138000", randomPhone())
                .replace("2单元401", UUID.randomUUID().toString().substring(0, 8));
    }

    public static Response post(String body) {
        return post(body, "telephony");
    }

    public static Response post(String body, String role) {
        return given().header("Authorization", TestTokens.bearer(role)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/appeals");
    }
}
