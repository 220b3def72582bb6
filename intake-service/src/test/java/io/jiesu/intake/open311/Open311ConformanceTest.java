package io.jiesu.intake.open311;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiesu.contract.event.Enums;
import io.jiesu.intake.appeal.AppealRequest;
import io.jiesu.intake.appeal.AppealService;
import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GeoReport v2 as a generic client walks it (issue 20): discover, list services, read a definition, post with an
 * api_key issued through the admin API, read back by id and by filters — in JSON and XML, with the JDK's HTTP client
 * and strict parsers (Jackson, the JDK's DOM), every field of the spec's lists checked for presence, type and
 * datetime form. Reads carry no Authorization header at all.
 */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "intake"))
class Open311ConformanceTest {
    /** W3C datetime without fractions, with an offset (the spec's form). */
    static final Pattern W3C = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d$");
    static final List<String> DISCOVERY = List.of("changeset", "contact", "key_service", "endpoints");
    static final List<String> ENDPOINT = List.of("specification", "url", "changeset", "type", "formats");
    static final List<String> SERVICE = List.of("service_code", "service_name", "description", "metadata", "type",
            "keywords", "group");
    static final List<String> ATTRIBUTE = List.of("variable", "code", "datatype", "required",
            "datatype_description", "order", "description", "values");
    static final List<String> REQUEST = List.of("service_request_id", "status", "status_notes", "service_name",
            "service_code", "description", "agency_responsible", "service_notice", "requested_datetime",
            "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url");
    static final List<String> CREATED = List.of("service_request_id", "service_notice", "account_id");
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URI base;
    @Inject
    Open311Requests requests;
    @Inject
    AppealService appeals;

    record Answer(int status, String contentType, String body, HttpResponse<String> raw) {
        JsonNode json() throws Exception {
            assertTrue(contentType.startsWith("application/json"), contentType);
            return JSON.readTree(body);
        }

        Element xml() throws Exception {
            assertTrue(contentType.startsWith("text/xml"), contentType);
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
            return doc.getDocumentElement();
        }
    }

    Answer get(String path) throws Exception {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
    }

    Answer post(String path, Map<String, String> form, Charset charset, String auth) throws Exception {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), charset) + "="
                + URLEncoder.encode(e.getValue(), charset)).collect(Collectors.joining("&"));
        HttpRequest.Builder r = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=" + charset.name())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.ISO_8859_1));
        if (auth != null) {
            r.header("Authorization", auth);
        }
        return send(r.build());
    }

    static Answer send(HttpRequest request) throws Exception {
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r);
    }

    Answer admin(String method, String path, String json) throws Exception {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", TestTokens.bearer("admin"))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json)).build());
    }

    static void fields(JsonNode node, List<String> names) {
        List<String> actual = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            actual.add(it.next());
        }
        assertTrue(actual.containsAll(names), "missing " + names + " in " + actual);
    }

    static void fields(Element element, List<String> names) {
        List<String> actual = new ArrayList<>();
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                actual.add(e.getTagName());
            }
        }
        assertTrue(actual.containsAll(names), "missing " + names + " in <" + element.getTagName() + "> " + actual);
    }

    static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    static String text(Element parent, String name) {
        return children(parent, name).get(0).getTextContent();
    }

    static void datetime(String value) {
        assertTrue(W3C.matcher(value).matches(), "not a W3C datetime without fractions: " + value);
    }

    static void spec404(Answer a) throws Exception {
        assertEquals(404, a.status(), a.body());
        JsonNode e = a.json();
        assertTrue(e.isArray() && e.get(0).get("code").isInt() && e.get(0).get("description").isTextual(), a.body());
        assertEquals(404, e.get(0).get("code").asInt());
    }

    static void requestJson(JsonNode r) {
        fields(r, REQUEST);
        for (String s : List.of("service_request_id", "status", "service_name", "service_code", "description",
                "requested_datetime", "updated_datetime")) {
            assertTrue(r.get(s).isTextual(), s + " is a string: " + r);
        }
        assertTrue(Pattern.matches("open|closed", r.get("status").asText()));
        datetime(r.get("requested_datetime").asText());
        datetime(r.get("updated_datetime").asText());
        assertTrue(r.get("expected_datetime").isNull() || W3C.matcher(r.get("expected_datetime").asText()).matches());
        assertTrue(r.get("lat").isNull() || r.get("lat").isNumber());
        assertTrue(r.get("long").isNull() || r.get("long").isNumber());
    }

    @Test
    void aGenericClientWalksGeoReportV2InJsonAndXml() throws Exception {
        // discovery
        JsonNode discovery = get("open311/v2/discovery.json").json();
        fields(discovery, DISCOVERY);
        datetime(discovery.get("changeset").asText());
        fields(discovery.get("endpoints").get(0), ENDPOINT);
        datetime(discovery.get("endpoints").get(0).get("changeset").asText());
        assertTrue(discovery.get("endpoints").get(0).get("formats").isArray());
        Element discoveryXml = get("open311/v2/discovery.xml").xml();
        assertEquals("discovery", discoveryXml.getTagName());
        fields(discoveryXml, DISCOVERY);
        Element endpoint = children(children(discoveryXml, "endpoints").get(0), "endpoint").get(0);
        fields(endpoint, ENDPOINT);
        datetime(text(endpoint, "changeset"));
        assertFalse(children(children(endpoint, "formats").get(0), "format").isEmpty());

        // services
        Answer services = get("open311/v2/services.json?jurisdiction_id=12345.beijing.gov.cn");
        assertEquals(200, services.status());
        for (JsonNode s : services.json()) {
            fields(s, SERVICE);
            assertTrue(s.get("metadata").isBoolean() && s.get("service_code").isTextual());
            assertTrue(Pattern.matches("realtime|batch|blackbox", s.get("type").asText()));
        }
        Element servicesXml = get("open311/v2/services.xml").xml();
        assertEquals("services", servicesXml.getTagName());
        children(servicesXml, "service").forEach(s -> fields(s, SERVICE));
        assertTrue(children(servicesXml, "service").size() > 10);

        // a definition
        JsonNode definition = get("open311/v2/services/GARBAGE_CLEARANCE.json").json();
        fields(definition, List.of("service_code", "attributes"));
        for (JsonNode a : definition.get("attributes")) {
            fields(a, ATTRIBUTE);
            assertTrue(a.get("variable").isBoolean() && a.get("required").isBoolean() && a.get("order").isInt());
            a.get("values").forEach(v -> fields(v, List.of("key", "name")));
        }
        Element definitionXml = get("open311/v2/services/GARBAGE_CLEARANCE.xml").xml();
        assertEquals("service_definition", definitionXml.getTagName());
        for (Element a : children(children(definitionXml, "attributes").get(0), "attribute")) {
            fields(a, ATTRIBUTE);
            children(children(a, "values").get(0), "value").forEach(v -> fields(v, List.of("key", "name")));
        }

        // an api key from the admin API (the key is shown once; the list never shows it)
        String partner = "城市App " + UUID.randomUUID();
        Answer issued = admin("POST", "api/v1/admin/open311-keys", JSON.writeValueAsString(Map.of("partner", partner)));
        assertEquals(201, issued.status(), issued.body());
        String apiKey = JSON.readTree(issued.body()).get("apiKey").asText();
        assertTrue(admin("GET", "api/v1/admin/open311-keys", null).body().contains(partner));
        assertFalse(admin("GET", "api/v1/admin/open311-keys", null).body().contains(apiKey));

        // post with the key, the body in GBK
        String phone = "1391" + String.format("%07d", (int) (Math.random() * 10_000_000));
        String description = "小区门口的垃圾三天没有清运了，臭气熏天";
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_key", apiKey);
        form.put("jurisdiction_id", "12345.beijing.gov.cn");
        form.put("service_code", "GARBAGE_CLEARANCE");
        form.put("attribute[district_code]", "110108");
        form.put("attribute[street_code]", "110108001");
        form.put("lat", "39.9887");
        form.put("long", "116.3096");
        form.put("address_string", "海淀区万寿路某小区东门");
        form.put("description", description);
        form.put("first_name", "明");
        form.put("last_name", "李");
        form.put("phone", phone);
        Answer created = post("open311/v2/requests.json", form, Charset.forName("GBK"), null);
        assertEquals(201, created.status(), created.body());
        fields(created.json().get(0), CREATED);
        String id = created.json().get(0).get("service_request_id").asText();
        assertEquals(partner, requests.partnerOf(id).orElseThrow(), "the partner is recorded on the case");

        // read back by id (JSON) and by filters (XML), no Authorization header, nothing personal
        Answer one = get("open311/v2/requests/" + id + ".json");
        assertEquals(200, one.status(), one.body());
        JsonNode r = one.json().get(0);
        requestJson(r);
        assertEquals(description, r.get("description").asText(), "GBK form body decoded by its charset");
        assertEquals("海淀区万寿路某小区东门", r.get("address").asText());
        assertFalse(one.body().contains(phone) || one.body().contains("李明"), one.body());

        String start = java.net.URLEncoder.encode(Open311Time.format(Instant.now().minusSeconds(600)),
                StandardCharsets.UTF_8);
        Answer filtered = get("open311/v2/requests.xml?service_code=GARBAGE_CLEARANCE&status=open&start_date="
                + start);
        Element list = filtered.xml();
        assertEquals("service_requests", list.getTagName());
        List<Element> found = children(list, "request");
        Element mine = found.stream().filter(e -> text(e, "service_request_id").equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("not listed: " + filtered.body()));
        fields(mine, REQUEST);
        datetime(text(mine, "requested_datetime"));
        datetime(text(mine, "updated_datetime"));
        Double.parseDouble(text(mine, "lat"));
        assertFalse(filtered.body().contains(phone));
        Element byId = get("open311/v2/requests.xml?service_request_id=" + id).xml();
        assertEquals(1, children(byId, "request").size());
        assertEquals(0, children(get("open311/v2/requests.xml?status=closed&service_request_id=" + id).xml(),
                "request").size());
    }

    @Test
    void aConfidentialAppealShowsNoPlaceInPublic() throws Exception {
        String externalId = "OPEN311-" + UUID.randomUUID();
        String caseId = appeals.accept(new AppealRequest(externalId, Enums.Channel.OPEN311, Instant.now(),
                new AppealRequest.CitizenPart("王芳", "13900001111", false, true), Enums.AppealType.COMPLAINT,
                "NOISE", null, new AppealRequest.LocationPart("110108", "110108001", null, "某小区3号楼", 39.98, 116.31),
                "楼上夜间施工噪音", null, null)).kase().caseId;
        Answer a = get("open311/v2/requests/" + caseId + ".json");
        JsonNode r = a.json().get(0);
        requestJson(r);
        assertTrue(r.get("address").isNull() && r.get("lat").isNull() && r.get("long").isNull(), a.body());
        assertFalse(a.body().contains("王芳") || a.body().contains("13900001111"));
    }

    @Test
    void refusalsInTheSpecsErrorFormat() throws Exception {
        Map<String, String> form = Map.of("service_code", "NOISE", "description", "噪音");
        // no api_key and no token: the spec's 400 "api_key was not provided"
        Answer none = post("open311/v2/requests.json", form, StandardCharsets.UTF_8, null);
        assertEquals(400, none.status(), none.body());
        assertTrue(none.json().get(0).get("description").asText().contains("api_key"));
        // an unknown key: 403, in XML when XML was asked for
        Answer invalid = post("open311/v2/requests.xml", Map.of("api_key", "o311_nope"), StandardCharsets.UTF_8,
                null);
        assertEquals(403, invalid.status());
        Element errors = invalid.xml();
        assertEquals("errors", errors.getTagName());
        assertEquals("403", text(children(errors, "error").get(0), "code"));
        // an invalid bearer token on a public read: 401 in the spec's format
        Answer badToken = send(HttpRequest.newBuilder(base.resolve("open311/v2/services.json"))
                .header("Authorization", "Bearer not-a-token").GET().build());
        assertEquals(401, badToken.status());
        assertEquals(401, badToken.json().get(0).get("code").asInt());
        // a JSON body: 415
        Answer json = send(HttpRequest.newBuilder(base.resolve("open311/v2/requests.json"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertEquals(415, json.status());
        assertEquals(415, json.json().get(0).get("code").asInt());
        // unknown format, path, token, jurisdiction
        spec404(get("open311/v2/services.csv"));
        spec404(get("open311/v2/nothing-here.json"));
        spec404(get("open311/v2/tokens/12345.json"));
        spec404(get("open311/v2/services.json?jurisdiction_id=elsewhere"));
        Element unknownToken = get("open311/v2/tokens/12345.xml").xml();
        assertEquals("404", text(children(unknownToken, "error").get(0), "code"));
        // the admin API stays the platform's: problem+json, admin only
        Answer anonymousAdmin = send(HttpRequest.newBuilder(base.resolve("api/v1/admin/open311-keys")).GET().build());
        assertEquals(401, anonymousAdmin.status());
    }

    @Test
    void aRevokedKeyIsRefusedAndAKeyOverItsRateWaits() throws Exception {
        JsonNode revoked = JSON.readTree(admin("POST", "api/v1/admin/open311-keys", "{\"partner\": \"revoked app\"}")
                .body());
        Answer revoke = admin("POST", "api/v1/admin/open311-keys/" + revoked.get("id").asLong() + "/revoke", null);
        assertEquals(200, revoke.status(), revoke.body());
        assertNotNull(JSON.readTree(revoke.body()).get("revokedAt").asText(null));
        assertEquals(409, admin("POST", "api/v1/admin/open311-keys/" + revoked.get("id").asLong() + "/revoke",
                null).status());
        Answer refused = post("open311/v2/requests.json", Map.of("api_key", revoked.get("apiKey").asText(),
                "service_code", "NOISE"), StandardCharsets.UTF_8, null);
        assertEquals(403, refused.status(), refused.body());

        // %test: 4 submissions per key and minute; refused ones count too (they cost the same to look at)
        String busy = JSON.readTree(admin("POST", "api/v1/admin/open311-keys", "{\"partner\": \"busy app\"}").body())
                .get("apiKey").asText();
        for (int i = 0; i < 4; i++) {
            assertEquals(400, post("open311/v2/requests.json", Map.of("api_key", busy, "description", "x"),
                    StandardCharsets.UTF_8, null).status());
        }
        Answer limited = post("open311/v2/requests.json", Map.of("api_key", busy, "description", "x"),
                StandardCharsets.UTF_8, null);
        assertEquals(429, limited.status(), limited.body());
        assertEquals(429, limited.json().get(0).get("code").asInt());
        long retryAfter = Long.parseLong(limited.raw().headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
    }
}
