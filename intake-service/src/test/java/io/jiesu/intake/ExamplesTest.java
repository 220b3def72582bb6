package io.jiesu.intake;

import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

/** The integrators' examples in docs/examples stay valid requests for this service. */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "intake"))
class ExamplesTest {
    @Test
    void appealJsonIsAccepted() throws Exception {
        String body = Files.readString(Path.of(System.getProperty("jiesu.docs.dir", "../docs"), "examples",
                "appeal.json"));
        given().header("Authorization", TestTokens.bearer("telephony")).contentType(ContentType.JSON).body(body)
                .post("/api/v1/appeals").then().statusCode(anyOf(is(201), is(200)));
    }
}
