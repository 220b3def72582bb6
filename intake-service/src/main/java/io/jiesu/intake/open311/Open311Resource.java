package io.jiesu.intake.open311;

import io.jiesu.contract.event.Enums;
import io.jiesu.contract.reference.Category;
import io.jiesu.contract.reference.District;
import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.contract.reference.Unit;
import io.jiesu.intake.admission.Admission;
import io.jiesu.intake.admission.Admitted;
import io.jiesu.intake.appeal.AppealCommitter;
import io.jiesu.intake.appeal.AppealRequest;
import io.jiesu.intake.cases.CaseEntity;
import io.jiesu.platform.security.CallerIdentity;
import io.jiesu.platform.security.Roles;
import io.jiesu.platform.web.ProblemException;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Open311 GeoReport v2 facade (http://wiki.open311.org/GeoReport_v2): the world's 311 apps can discover the
 * catalogue and submit and follow appeals. Services are the categories of the catalogue; a request gives its place
 * as lat/long or an address_string, and may name the {@code district_code} and {@code street_code} attributes
 * (Beijing's area codes): a street/town not named is resolved from the address or left to confirm (地点待确认). A
 * request becomes an appeal with channel OPEN311 and runs the normal lifecycle; its status is open or closed as the
 * case is. Listing shows only requests that came in through Open311.
 * <p>
 * Reads are public (no token, as stock clients expect) and show nothing personal: no name or phone, and no
 * address or position of a confidential appeal. {@code POST requests} needs a partner's {@code api_key} (form
 * field; issued by an admin, {@link ApiKeyAdminResource}; rate-limited per key) or the hotline's own bearer token
 * (role {@code telephony} or {@code operator}). An {@code Idempotency-Key} header makes a submission safe to retry.
 * Datetimes are W3C without fractions in Beijing time ({@link Open311Time}); every error is in the spec's format
 * ({@link Open311ErrorMappers}: the facade's own refusals, and every other error rewritten on the way out).
 */
@Path("/open311/v2")
@Tag(name = "Open311 GeoReport v2")
public class Open311Resource {
    private static final Set<String> CLOSED = Set.of("COMPLETED", "ANSWERED_DIRECTLY", "VISITED");
    private static final String SPEC = "http://wiki.open311.org/GeoReport_v2";
    /** When the facade's contract last changed (discovery's changeset). */
    private static final Instant CHANGESET = Instant.parse("2026-12-07T00:00:00Z");

    @Inject
    Validator validator;
    @Inject
    CallerIdentity caller;
    @Inject
    Admission admission;
    @Inject
    Open311Requests requests;
    @Inject
    ApiKeys apiKeys;
    @Inject
    Open311Config config;
    @Inject
    KeyRateLimit rateLimit;

    private final ReferenceData reference = ReferenceData.get();

    @GET
    @Path("discovery.{format}")
    @Operation(summary = "Service discovery (public)")
    public Response discovery(@PathParam("format") String format, @Context UriInfo uri) {
        Open311Format f = formatOr404(format);
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("specification", SPEC);
        endpoint.put("url", uri.getBaseUri().resolve("open311/v2").toString());
        endpoint.put("changeset", Open311Time.format(CHANGESET));
        endpoint.put("type", "production");
        endpoint.put("formats", List.of("application/json", "text/xml"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("changeset", Open311Time.format(CHANGESET));
        body.put("contact", "Beijing 12345 citizen service hotline (北京12345市民服务热线)");
        body.put("key_service", "api keys for partner apps are issued by the hotline's administrators "
                + "(合作应用的 api_key 由12345热线管理员发放); reads need no key");
        body.put("endpoints", List.of(endpoint));
        return f.render(200, "discovery", "endpoint", body);
    }

    @GET
    @Path("services.{format}")
    @Operation(summary = "The service list: the appeal category catalogue (public)")
    public Response services(@PathParam("format") String format,
            @QueryParam("jurisdiction_id") String jurisdiction) {
        Open311Format f = formatOr404(format);
        checkJurisdiction(jurisdiction);
        List<Map<String, Object>> services = reference.categories().stream().map(c -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("service_code", c.code());
            s.put("service_name", c.name());
            s.put("description", c.nameEn() + " (" + c.name() + ")");
            s.put("metadata", true);
            s.put("type", "realtime");
            s.put("keywords", c.nameEn());
            s.put("group", c.groupName());
            return s;
        }).toList();
        return f.render(200, "services", "service", services);
    }

    @GET
    @Path("services/{serviceCode}.{format}")
    @Operation(summary = "A service definition: the attributes a request must carry (public)")
    public Response definition(@PathParam("serviceCode") String serviceCode, @PathParam("format") String format,
            @QueryParam("jurisdiction_id") String jurisdiction) {
        Open311Format f = formatOr404(format);
        checkJurisdiction(jurisdiction);
        if (reference.category(serviceCode).isEmpty()) {
            throw new Open311Exception(404, "no service " + serviceCode + "; see services." + format);
        }
        List<Map<String, Object>> attributes = List.of(
                attribute("district_code", "District (区)", 1, false, reference.districts().stream()
                        .map(d -> value(d.code(), d.name() + " " + d.nameEn())).toList()),
                attribute("street_code", "Street or town (街道/乡镇) of the district", 2, false,
                        reference.units().stream().filter(u -> u.kind().isStreetOrTown())
                                .map(u -> value(u.code(), u.name() + " (" + districtName(u) + ")")).toList()),
                attribute("appeal_type", "Kind of appeal (default COMPLAINT)", 3, false,
                        Arrays.stream(Enums.AppealType.values()).map(t -> value(t.name(), t.name())).toList()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service_code", serviceCode);
        body.put("attributes", attributes);
        return f.render(200, "service_definition", "attribute", body);
    }

    @POST
    @Path("requests.{format}")
    @Admitted // a bearer token's request takes its place before the body is read; a partner's below, by its api_key
    @Operation(summary = "Submit a service request (becomes an appeal, channel OPEN311): form body, by its charset; "
            + "api_key or a telephony/operator bearer token")
    public Response submit(@PathParam("format") String format,
            // the raw bytes, decoded by the declared charset (FormBody); any other type is the spec's 415
            @RequestBody(content = @Content(mediaType = "application/x-www-form-urlencoded")) byte[] body,
            @HeaderParam("Content-Type") String contentType,
            @HeaderParam("Idempotency-Key") String idempotencyKey, @Context RoutingContext exchange) {
        Open311Format f = formatOr404(format);
        if (!FormBody.isForm(contentType)) {
            throw new Open311Exception(415, "the body must be application/x-www-form-urlencoded (with its charset, "
                    + "e.g. charset=UTF-8 or charset=GBK), not " + contentType);
        }
        FormBody form;
        try {
            form = FormBody.parse(body, contentType);
        } catch (IllegalArgumentException e) {
            throw new Open311Exception(400, "the form body cannot be read: " + e.getMessage());
        }
        checkJurisdiction(form.getFirst("jurisdiction_id"));
        ApiKeys.Partner partner = authorise(form.getFirst("api_key"));
        List<String> problems = new ArrayList<>();
        String serviceCode = form.getFirst("service_code");
        if (serviceCode == null || serviceCode.isBlank()) {
            problems.add("service_code: required, one of services." + format);
        } else if (reference.category(serviceCode).isEmpty()) {
            throw new Open311Exception(404, "service_code: no service " + serviceCode + "; see services." + format);
        }
        AppealRequest.LocationPart location = location(form, problems);
        Enums.AppealType type = Enums.AppealType.COMPLAINT;
        String typeValue = form.getFirst("attribute[appeal_type]");
        if (typeValue != null) {
            try {
                type = Enums.AppealType.valueOf(typeValue);
            } catch (IllegalArgumentException e) {
                problems.add("attribute[appeal_type]: one of " + Arrays.toString(Enums.AppealType.values()));
            }
        }
        if (!problems.isEmpty()) {
            throw new Open311Exception(400, String.join("; ", problems));
        }
        String phone = form.getFirst("phone");
        String name = String.join("", nonNull(form.getFirst("last_name")), nonNull(form.getFirst("first_name")));
        boolean anonymous = phone == null || phone.isBlank();
        String media = form.getFirst("media_url");
        // a partner's idempotency keys are its own: two apps choosing the same key get two cases
        String externalId = "OPEN311-" + (partner == null ? "" : "P" + partner.keyId() + "-")
                + (idempotencyKey != null && !idempotencyKey.isBlank()
                ? idempotencyKey.replaceAll("[^A-Za-z0-9._:/-]", "") : UUID.randomUUID().toString());
        AppealRequest appeal = new AppealRequest(externalId, Enums.Channel.OPEN311, Instant.now(),
                new AppealRequest.CitizenPart(name.isBlank() ? null : name, anonymous ? null : phone, anonymous, false),
                type, serviceCode, null, location,
                form.getFirst("description"), media == null ? null
                        : List.of(new AppealRequest.AttachmentPart("media", media)), null);
        Set<ConstraintViolation<AppealRequest>> violations = validator.validate(appeal);
        if (!violations.isEmpty()) {
            throw new Open311Exception(400, violations.stream()
                    .map(v -> open311Field(v.getPropertyPath().toString()) + ": " + v.getMessage()).sorted()
                    .collect(Collectors.joining("; ")));
        }
        if (!admission.holds(exchange)) {
            // no token, so no place was taken at the door (AdmissionFilter): a partner is known only from the form's
            // api_key, the client whose share counts; its place is held the same way, until the answer is sent. A
            // refusal (Admission.Overloaded: 503/429 with Retry-After) is put in the spec's error list by
            // Open311ErrorMappers like every other error
            admission.hold(exchange, partner != null ? "open311-key-" + partner.keyId() : caller.subject());
        }
        AppealCommitter.Answer accepted;
        try {
            accepted = requests.accept(appeal, partner);
        } catch (ProblemException e) {
            throw new Open311Exception(e.status() == 422 ? 400 : e.status(), e.getMessage()
                    .replace("location.districtCode", "attribute[district_code]")
                    .replace("location.streetCode", "attribute[street_code]"));
        }
        Map<String, Object> created = new LinkedHashMap<>();
        created.put("service_request_id", accepted.view().caseId());
        created.put("service_notice", "接诉即办: 您的诉求已受理 (your request is being handled)");
        created.put("account_id", null);
        return f.render(accepted.created() ? 201 : 200, "service_requests", "request", List.of(created));
    }

    /**
     * The street/town and position of a request as the form gives them: district and street attributes (Beijing's
     * area codes), lat/long, address_string. Problems are added to {@code problems}.
     */
    private static AppealRequest.LocationPart location(FormBody form, List<String> problems) {
        // both optional: a street/town the citizen cannot name is resolved from the address or left to confirm
        String district = blankToNull(form.getFirst("attribute[district_code]"));
        String street = blankToNull(form.getFirst("attribute[street_code]"));
        Double lat = number(form.getFirst("lat"), "lat", problems);
        Double lon = number(form.getFirst("long"), "long", problems);
        String address = form.getFirst("address_string");
        if ((lat == null || lon == null) && (address == null || address.isBlank())) {
            problems.add("a location is required: lat and long, or address_string");
        }
        return new AppealRequest.LocationPart(district, street, null, address, lat, lon);
    }

    /**
     * Who submits: a partner's api key (403 when unknown or revoked, 429 over its rate), else the hotline's own
     * bearer token (telephony or operator; 403 for other roles); neither: 400, api_key not provided (the spec's
     * wording: 400 for a missing key, 403 for an invalid one).
     */
    private ApiKeys.Partner authorise(String apiKey) {
        if (apiKey != null && !apiKey.isBlank()) {
            ApiKeys.Partner partner = apiKeys.verify(apiKey.trim())
                    .orElseThrow(() -> new Open311Exception(403, "api_key is invalid or revoked"));
            rateLimit.acquire(partner.keyId(), Instant.now()).ifPresent(wait -> {
                throw new Open311Exception(429, "too many requests with this api_key; retry later",
                        Map.of("Retry-After", Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000))));
            });
            return partner;
        }
        if (caller.subject() == null) {
            throw new Open311Exception(400, "api_key was not provided (form field api_key; keys are issued to "
                    + "partner apps by the hotline's administrators)");
        }
        if (!caller.hasRole(Roles.TELEPHONY) && !caller.hasRole(Roles.OPERATOR)) {
            throw new Open311Exception(403, "submitting needs an api_key, or a telephony or operator token");
        }
        return null;
    }

    @GET
    @Path("requests.{format}")
    @Operation(summary = "Service requests submitted through Open311 (public; default: the last 90 days, at most "
            + "1000)")
    public Response list(@PathParam("format") String format, @QueryParam("service_request_id") String ids,
            @QueryParam("service_code") String serviceCodes, @QueryParam("start_date") String startDate,
            @QueryParam("end_date") String endDate, @QueryParam("status") String status,
            @QueryParam("jurisdiction_id") String jurisdiction) {
        Open311Format f = formatOr404(format);
        checkJurisdiction(jurisdiction);
        Open311Requests.Filter filter;
        try {
            Instant end = endDate == null ? Instant.now() : OffsetDateTime.parse(endDate).toInstant();
            Instant start = startDate == null ? end.minus(Duration.ofDays(90))
                    : OffsetDateTime.parse(startDate).toInstant();
            filter = new Open311Requests.Filter(ids == null ? null : List.of(ids.split(",")),
                    serviceCodes == null ? null : List.of(serviceCodes.split(",")), start, end);
        } catch (DateTimeParseException e) {
            throw new Open311Exception(400,
                    "start_date and end_date must be W3C date-times, e.g. 2026-11-25T00:00:00+08:00");
        }
        if (status != null && !Set.of("open", "closed").containsAll(List.of(status.split(",")))) {
            throw new Open311Exception(400, "status must be open, closed or open,closed");
        }
        List<Map<String, Object>> found = requests.find(filter).stream()
                .filter(k -> status == null || List.of(status.split(",")).contains(statusOf(k)))
                .map(this::request).toList();
        return f.render(200, "service_requests", "request", found);
    }

    @GET
    @Path("requests/{id}.{format}")
    @Operation(summary = "One service request (public)")
    public Response one(@PathParam("id") String id, @PathParam("format") String format,
            @QueryParam("jurisdiction_id") String jurisdiction) {
        Open311Format f = formatOr404(format);
        checkJurisdiction(jurisdiction);
        CaseEntity kase = requests.one(id).orElseThrow(() -> new Open311Exception(404, "no service request " + id));
        return f.render(200, "service_requests", "request", List.of(request(kase)));
    }

    @GET
    @Path("tokens/{token}.{format}")
    @Operation(summary = "A request's id from its token: always 404, requests are created synchronously")
    public Response token(@PathParam("token") String token, @PathParam("format") String format,
            @QueryParam("jurisdiction_id") String jurisdiction) {
        formatOr404(format);
        checkJurisdiction(jurisdiction);
        // No token is ever issued: POST requests answers with the service_request_id itself.
        throw new Open311Exception(404, "no token " + token + "; this endpoint creates requests at once, the "
                + "service_request_id is in the answer to POST requests");
    }

    /** A request as the public may see it: no name or phone ever; no address or position if confidential. */
    private Map<String, Object> request(CaseEntity k) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("service_request_id", k.caseId);
        r.put("status", statusOf(k));
        r.put("status_notes", k.status);
        r.put("service_name", reference.category(k.categoryCode).map(Category::name).orElse(k.categoryCode));
        r.put("service_code", k.categoryCode);
        r.put("description", k.content);
        r.put("agency_responsible", k.unitCode == null ? null
                : reference.unit(k.unitCode).map(Unit::name).orElse(k.unitCode));
        r.put("service_notice", null);
        r.put("requested_datetime", Open311Time.format(k.receivedAt));
        r.put("updated_datetime", Open311Time.format(k.updatedAt));
        r.put("expected_datetime", null);
        r.put("address", k.confidential ? null : k.address);
        r.put("address_id", null);
        r.put("zipcode", null);
        r.put("lat", k.confidential ? null : k.latitude);
        r.put("long", k.confidential ? null : k.longitude);
        r.put("media_url", null);
        return r;
    }

    private static String statusOf(CaseEntity k) {
        return CLOSED.contains(k.status) ? "closed" : "open";
    }

    private static Open311Format formatOr404(String extension) {
        Open311Format f = Open311Format.of(extension);
        if (f == null) {
            throw new Open311Exception(404, "format must be json or xml");
        }
        return f;
    }

    /** {@code jurisdiction_id} is optional; when a jurisdiction is configured, another one is the spec's 404. */
    private void checkJurisdiction(String jurisdiction) {
        if (jurisdiction != null && !jurisdiction.isBlank() && config.jurisdictionId().isPresent()
                && !config.jurisdictionId().get().equals(jurisdiction.trim())) {
            throw new Open311Exception(404, "jurisdiction_id " + jurisdiction + " is not served here; this endpoint "
                    + "serves " + config.jurisdictionId().get());
        }
    }

    private String districtName(Unit u) {
        return reference.district(u.districtCode()).map(District::name).orElse(u.districtCode());
    }

    private static Map<String, Object> attribute(String code, String description, int order, boolean required,
            List<Map<String, Object>> values) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("variable", true);
        a.put("code", code);
        a.put("datatype", "singlevaluelist");
        a.put("required", required);
        a.put("datatype_description", null);
        a.put("order", order);
        a.put("description", description);
        a.put("values", values);
        return a;
    }

    private static Map<String, Object> value(String key, String name) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("key", key);
        v.put("name", name);
        return v;
    }

    private static Double number(String value, String field, List<String> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Double.valueOf(value);
        } catch (NumberFormatException e) {
            problems.add(field + ": not a number");
            return null;
        }
    }

    private static String open311Field(String path) {
        return switch (path) {
            case "content" -> "description";
            case "citizen.phone" -> "phone";
            case "location.latitude" -> "lat";
            case "location.longitude" -> "long";
            case "location.address" -> "address_string";
            default -> path;
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
