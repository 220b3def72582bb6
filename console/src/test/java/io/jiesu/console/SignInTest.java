package io.jiesu.console;

import io.jiesu.console.account.AccountService;
import io.jiesu.console.account.Role;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sign-in, lockout, sessions, roles, CSRF and account administration against the console's real database. */
@QuarkusTest
@QuarkusTestResource(value = ConsoleTestResource.class, initArgs = @ResourceArg(name = "service", value = "console"))
class SignInTest {
    @Inject
    AccountService accounts;

    String newAccount(String username, Role role, String unit) {
        return accounts.createOrReset(username, role, unit, "测试 " + username, "test").password();
    }

    @Test
    void healthMetricsAndOpenApiAreOpenLikeEveryService() {
        given().get("/q/health/ready").then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.hasItem(containsString("Kafka")))
                .body("checks.name", org.hamcrest.Matchers.hasItem(containsString("Database")));
        given().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"));
        given().get("/q/openapi").then().statusCode(200);
        given().get("/webjars/htmx.org/2.0.8/dist/htmx.min.js").then().statusCode(200);
    }

    @Test
    void theSignInPageIsInChineseByDefaultAndSwitchesToEnglish() {
        given().get("/login").then().statusCode(200).body(containsString("登录")).body(containsString("用户名"));
        Response en = given().redirects().follow(false).get("/lang?to=en&back=/login");
        assertEquals(303, en.statusCode());
        given().cookies(en.getCookies()).get("/login").then().statusCode(200).body(containsString("Sign in"));
    }

    @Test
    void aCallTakerLandsOnTheCallDeskAndAUnitAccountCannotOpenIt() {
        String password = newAccount("op-land", Role.OPERATOR, null);
        Browserless operator = Browserless.signIn("op-land", password);
        assertTrue(operator.cookies.containsKey("jiesu-session"), "a session cookie after signing in");
        Response home = operator.get("/");
        assertEquals(303, home.statusCode());
        assertTrue(home.header("Location").endsWith("/desk/call"), home.header("Location"));
        operator.get("/desk/call").then().statusCode(200).body(containsString("接线受理"))
                .body(containsString("name=\"externalId\""));
        given().redirects().follow(false).get("/desk/call").then().statusCode(302)
                .header("Location", endsWith("/login"));

        Browserless unit = Browserless.signIn("unit-land", newAccount("unit-land", Role.UNIT, "110101001"));
        unit.get("/desk/call").then().statusCode(403);
    }

    @Test
    void repeatedWrongPasswordsLockTheAccountEvenAgainstTheRightOne() {
        String password = newAccount("op-lock", Role.OPERATOR, null);
        Browserless b = new Browserless();
        for (int i = 0; i < 5; i++) {
            Response wrong = b.signInResponse("op-lock", "wrong-" + i);
            assertEquals(302, wrong.statusCode());
            assertTrue(wrong.header("Location").contains("/login?error"), wrong.header("Location"));
        }
        Response locked = b.signInResponse("op-lock", password);
        assertTrue(locked.header("Location").contains("/login?error"), "locked: even the right password fails");
        assertTrue(locked.getCookie("jiesu-session") == null || locked.getCookie("jiesu-session").isEmpty());
        accounts.unlock("op-lock", "test");
        Response ok = b.signInResponse("op-lock", password);
        assertTrue(ok.getCookies().containsKey("jiesu-session"), "unlocked: signs in");
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefused() {
        Browserless op = Browserless.signIn("op-csrf", newAccount("op-csrf", Role.OPERATOR, null));
        assertEquals(400, op.post("/logout", Map.of()).statusCode());
        String token = op.csrfFrom("/desk/call");
        assertEquals(400, op.post("/logout", Map.of("csrf-token", token + "x")).statusCode());
        Response out = op.post("/logout", Map.of("csrf-token", token));
        assertEquals(303, out.statusCode());
        assertTrue(out.header("Location").endsWith("/login?out=1"));
        assertEquals("", out.getCookie("jiesu-session"), "the session cookie is dropped");
    }

    @Test
    void aPagesFormsKeepTheirTokenWhileOtherPagesPartialsAndTheLiveStreamLoad() throws Exception {
        // the call desk in a first tab; its live stream opens (EventSource: no CSRF header), then a second tab
        Browserless op = Browserless.signIn("op-live", newAccount("op-live", Role.OPERATOR, null));
        String first = op.csrfFrom("/desk/call");
        Map<String, String> sentWithTheFirstPage = new HashMap<>(op.cookies);
        assertEquals(200, op.openStream("/live/hotline"));
        String second = op.csrfFrom("/desk/call");
        assertEquals(200, op.post("/desk/call/assist", Map.of("csrf-token", first, "content", "")).statusCode(),
                "the first tab's form still posts after a second tab opened");
        // a partial the first tab asked for (htmx: the token in X-CSRF-TOKEN) answers only after the second tab
        Browserless late = new Browserless();
        late.cookies.putAll(sentWithTheFirstPage);
        Response partial = late.htmx("/desk/call/streets?districtCode=110101", first);
        partial.then().statusCode(200).body(containsString("110101001"));
        op.cookies.putAll(partial.getCookies());
        assertEquals(200, op.post("/desk/call/assist", Map.of("csrf-token", second, "content", "")).statusCode(),
                "the second tab's form still posts after the first tab's late partial");

        // the unit desk: its sign-out form after its live stream opened and reconnected
        Browserless unit = Browserless.signIn("unit-live", newAccount("unit-live", Role.UNIT, "110101001"));
        String token = unit.csrfFrom("/desk/unit");
        assertEquals(200, unit.openStream("/desk/unit/live"));
        assertEquals(200, unit.openStream("/desk/unit/live"));
        assertEquals(303, unit.post("/logout", Map.of("csrf-token", token)).statusCode(),
                "signing out from the unit desk after its live stream opened");

        // still refused: no token, a wrong one, a token without its cookie; the streams stay behind sign-in and roles
        assertEquals(400, op.post("/desk/call/assist", Map.of("content", "")).statusCode());
        assertEquals(400, op.post("/desk/call/assist", Map.of("csrf-token", first + "x", "content", "")).statusCode());
        Browserless noCookie = Browserless.signIn("op-live2", newAccount("op-live2", Role.OPERATOR, null));
        assertEquals(400, noCookie.post("/desk/call/assist", Map.of("csrf-token", first, "content", "")).statusCode());
        assertEquals(302, new Browserless().openStream("/live/hotline"));
        assertEquals(302, new Browserless().openStream("/desk/unit/live"));
        assertEquals(403, op.openStream("/desk/unit/live"));
        Browserless otherUnit = Browserless.signIn("unit-live2", newAccount("unit-live2", Role.UNIT, "110101001"));
        assertEquals(403, otherUnit.openStream("/live/hotline"));
    }

    @Test
    void anAdministratorCreatesAnAccountWhoseOneTimePasswordSignsIn() {
        Browserless admin = Browserless.signIn("admin-acc", newAccount("admin-acc", Role.ADMIN, null));
        String token = admin.csrfFrom("/admin/accounts");
        Response bad = admin.post("/admin/accounts", Map.of("csrf-token", token, "username", "unit-x",
                "role", "unit", "unitCode", "NO_SUCH_UNIT"));
        assertEquals(422, bad.statusCode());
        assertTrue(bad.asString().contains("unknown unit code NO_SUCH_UNIT"));
        Response created = admin.post("/admin/accounts", Map.of("csrf-token", token, "username", "street-lead",
                "role", "unit", "unitCode", "110101001", "displayName", "东华门街道 张三"));
        assertEquals(200, created.statusCode());
        Matcher m = Pattern.compile("id=\"issued-password\">([^<]+)<").matcher(created.asString());
        assertTrue(m.find(), created.asString());
        Browserless street = Browserless.signIn("street-lead", m.group(1));
        Response home = street.get("/");
        assertTrue(home.header("Location").endsWith("/desk/unit"), home.header("Location"));
        admin.get("/admin/accounts/street-lead").then().statusCode(200).body(containsString("CREATED"));
    }

    @Test
    void aDistrictAccountCarriesItsDistrictAndLandsOnTheDistrictDesk() {
        Browserless admin = Browserless.signIn("admin-dist", newAccount("admin-dist", Role.ADMIN, null));
        String token = admin.csrfFrom("/admin/accounts");
        Response missing = admin.post("/admin/accounts", Map.of("csrf-token", token, "username", "chy-x",
                "role", "district"));
        assertEquals(422, missing.statusCode());
        assertTrue(missing.asString().contains("a district account needs the code of its district"));
        Response unknown = admin.post("/admin/accounts", Map.of("csrf-token", token, "username", "chy-x",
                "role", "district", "unitCode", "999999"));
        assertEquals(422, unknown.statusCode());
        Response leaderWithCode = admin.post("/admin/accounts", Map.of("csrf-token", token, "username", "lead-x",
                "role", "leader", "unitCode", "110105"));
        assertEquals(422, leaderWithCode.statusCode());
        Response created = admin.post("/admin/accounts", Map.of("csrf-token", token, "username", "chy-coord",
                "role", "district", "unitCode", "110105"));
        assertEquals(200, created.statusCode());
        assertTrue(created.asString().contains("朝阳区"), "the district is shown by its name");
        assertEquals("110105", accounts.page("chy-coord", 0, 1).get(0).districtCode);
        Matcher m = Pattern.compile("id=\"issued-password\">([^<]+)<").matcher(created.asString());
        assertTrue(m.find(), created.asString());
        Response home = Browserless.signIn("chy-coord", m.group(1)).get("/");
        assertTrue(home.header("Location").endsWith("/desk/district"), home.header("Location"));
    }
}
