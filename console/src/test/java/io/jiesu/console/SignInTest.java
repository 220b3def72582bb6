package io.jiesu.console;

import io.jiesu.console.account.AccountService;
import io.jiesu.console.account.Role;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

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
