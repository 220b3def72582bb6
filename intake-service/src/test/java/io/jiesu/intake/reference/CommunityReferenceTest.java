package io.jiesu.intake.reference;

import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.Json;
import io.jiesu.contract.Topics;
import io.jiesu.contract.event.CaseReceived;
import io.jiesu.intake.Appeals;
import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.KafkaProbe;
import io.jiesu.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The whole city as codes: district → street/town → community pickers, and an appeal's optional communityCode checked
 * against its street (a clear 422 otherwise) and carried to case.received.
 */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "intake"))
class CommunityReferenceTest {
    static KafkaProbe caseIntake;

    @BeforeAll
    static void follow() {
        caseIntake = KafkaProbe.follow(Topics.CASE_INTAKE.replace(".", "\\."));
    }

    @AfterAll
    static void close() {
        caseIntake.close();
    }

    static Response post(String body) {
        return given().header("Authorization", TestTokens.bearer("telephony")).contentType(ContentType.JSON).body(body)
                .post("/api/v1/appeals");
    }

    /** docs/examples/appeal-with-community.json with a fresh externalId. */
    static String withCommunity() throws Exception {
        return Files.readString(Path.of(System.getProperty("jiesu.docs.dir", "../docs"), "examples",
                "appeal-with-community.json")).replace("CTI-20261206-1415-000052", "CTI-" + UUID.randomUUID());
    }

    @Test
    void thePickersGoFromDistrictToStreetToCommunity() {
        var operator = given().header("Authorization", TestTokens.bearer("operator"));
        operator.get("/api/v1/reference/districts/110115/streets").then().statusCode(200)
                .body("code", hasItem("110115403")).body("name", hasItem("瀛海地区"));
        given().header("Authorization", TestTokens.bearer("operator"))
                .get("/api/v1/reference/streets/110101001/communities").then().statusCode(200)
                .body("$", hasSize(10)).body("streetCode", everyItem(equalTo("110101001")))
                .body("find { it.code == '110101001001' }.name", equalTo("多福巷社区居委会"));
        given().header("Authorization", TestTokens.bearer("operator"))
                .get("/api/v1/reference/streets/DEPT_HR/communities").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("/streets"));
    }

    @Test
    void aCommunityCodeOfTheStreetIsAcceptedAndTravelsWithTheCase() throws Exception {
        String caseId = post(withCommunity()).then().statusCode(201).extract().path("caseId");
        CaseReceived received = Json.mapper().readValue(caseIntake.awaitOne(r -> caseId.equals(r.key())
                && EventCatalog.CASE_RECEIVED.type().equals(KafkaProbe.header(r, "ce_type")), Duration.ofSeconds(30))
                .value(), CaseReceived.class);
        assertEquals("110105026034", received.location().communityCode());
        assertEquals("花家地西里社区", received.location().community(), "the free text stays");
        given().header("Authorization", TestTokens.bearer("operator")).get("/api/v1/cases/" + caseId).then()
                .statusCode(200).body("location.communityCode", equalTo("110105026034"));

        // an old client: no code, the free text only
        String old = Appeals.unique();
        String oldCase = post(old).then().statusCode(201).extract().path("caseId");
        given().header("Authorization", TestTokens.bearer("operator")).get("/api/v1/cases/" + oldCase).then()
                .statusCode(200).body("location.community", equalTo("东华门社区"))
                .body("location.communityCode", equalTo(null));
    }

    @Test
    void aCommunityOfAnotherStreetOrNoneAtAllIsA422ThatSaysWhereTheValidOnesAre() throws Exception {
        post(withCommunity().replace("\"110105026034\"", "\"110101001001\"")).then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("location.communityCode"))
                .body("detail", containsString("belongs to street/town 110101001, not 110105026"))
                .body("detail", containsString("GET /api/v1/reference/streets/110105026/communities"));
        post(withCommunity().replace("\"110105026034\"", "\"110105026999\"")).then().statusCode(422)
                .body("errors.field", hasItem("location.communityCode"))
                .body("detail", containsString("is not a community/village code"));
        post(withCommunity().replace("\"110105026034\"", "\"1101050260341101050260341\"")).then().statusCode(400)
                .body("errors.field", hasItem(containsString("communityCode")));
    }
}
