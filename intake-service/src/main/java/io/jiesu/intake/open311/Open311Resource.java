package io.jiesu.intake.open311;

import io.jiesu.contract.event.Enums;
import io.jiesu.contract.reference.Category;
import io.jiesu.contract.reference.District;
import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.contract.reference.Unit;
import io.jiesu.intake.admission.Admission;
import io.jiesu.intake.admission.ArrivalStamp;
import io.jiesu.intake.appeal.AppealRequest;
import io.jiesu.intake.appeal.AppealService;
import io.jiesu.intake.cases.CaseEntity;
import io.jiesu.platform.security.CallerIdentity;
import io.jiesu.platform.security.Roles;
import io.jiesu.platform.web.ProblemException;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Open311 GeoReport v2 facade (http://wiki.open311.org/GeoReport_v2): the world's 311 apps can discover the
 * catalogue and submit and follow appeals. Services are the categories of the catalogue; a request needs the
 * {@code district_code} and {@code street_code} attributes (Beijing's area codes) besides the description. A
 * request becomes an appeal with channel OPEN311 and runs the normal lifecycle; its status is open or closed as the
 * case is. Listing shows only requests that came in through Open311. Authentication: a bearer token (role
 * {@code telephony} or {@code operator}); the spec's {@code api_key} is not used. An {@code Idempotency-Key}
 * header makes a submission safe to retry.
 */
@Path("/open311/v2")
@Tag(name = "Open311 GeoReport v2")
public class Open311Resource {
    private static final Set<String> CLOSED = Set.of("COMPLETED", "ANSWERED_DIRECTLY", "VISITED");
    private static final String SPEC = "http://wiki.open311.org/GeoReport_v2";

    @Inject
    AppealService appeals;
    @Inject
    Validator validator;
    @Inject
    CallerIdentity caller;
    @Inject
    Admission admission;
    @Inject
    ArrivalStamp arrival;

    private final ReferenceData reference = ReferenceData.get();

    @GET
    @Path("discovery.{format}")
    @Operation(summary = "Service discovery")
    public Response discovery(@PathParam("format") String format, @Context UriInfo uri) {
        Open311Format f = formatOr404(format);
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("specification", SPEC);
        endpoint.put("url", uri.getBaseUri().resolve("open311/v2").toString());
        endpoint.put("changeset", "2026-11-25T00:00:00Z");
        endpoint.put("type", "production");
        endpoint.put("formats", List.of("application/json", "text/xml"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("changeset", "2026-11-25T00:00:00Z");
        body.put("contact", "Beijing 12345 citizen service hotline (北京12345市民服务热线)");
        body.put("key_service", "Bearer tokens from the hotline's identity provider");
        body.put("endpoints", List.of(endpoint));
        return f.render(200, "discovery", "endpoint", body);
    }

    @GET
    @Path("services.{format}")
    @Operation(summary = "The service list: the appeal category catalogue")
    public Response services(@PathParam("format") String format) {
        Open311Format f = formatOr404(format);
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
    @Operation(summary = "A service definition: the attributes a request must carry")
    public Response definition(@PathParam("serviceCode") String serviceCode, @PathParam("format") String format) {
        Open311Format f = formatOr404(format);
        if (reference.category(serviceCode).isEmpty()) {
            return f.errors(404, "no service " + serviceCode + "; see services." + format);
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
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Submit a service request (becomes an appeal, channel OPEN311)")
    public Response submit(@PathParam("format") String format, MultivaluedMap<String, String> form,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        Open311Format f = formatOr404(format);
        if (!caller.hasRole(Roles.TELEPHONY) && !caller.hasRole(Roles.OPERATOR)) {
            return f.errors(403, "submitting needs a telephony or operator token");
        }
        List<String> problems = new ArrayList<>();
        String serviceCode = form.getFirst("service_code");
        if (serviceCode == null || reference.category(serviceCode).isEmpty()) {
            problems.add("service_code: required, one of services." + format);
        }
        Double lat = number(form.getFirst("lat"), "lat", problems);
        Double lon = number(form.getFirst("long"), "long", problems);
        String address = form.getFirst("address_string");
        if ((lat == null || lon == null) && (address == null || address.isBlank())) {
            problems.add("a location is required: lat and long, or address_string");
        }
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
            return f.errors(400, String.join("; ", problems));
        }
        String phone = form.getFirst("phone");
        String name = String.join("", nonNull(form.getFirst("last_name")), nonNull(form.getFirst("first_name")));
        boolean anonymous = phone == null || phone.isBlank();
        String media = form.getFirst("media_url");
        String externalId = "OPEN311-" + (idempotencyKey != null && !idempotencyKey.isBlank()
                ? idempotencyKey.replaceAll("[^A-Za-z0-9._:/-]", "") : UUID.randomUUID().toString());
        AppealRequest appeal = new AppealRequest(externalId, Enums.Channel.OPEN311, Instant.now(),
                new AppealRequest.CitizenPart(name.isBlank() ? null : name, anonymous ? null : phone, anonymous, false),
                type, serviceCode, null, location(form, address, lat, lon),
                form.getFirst("description"), media == null ? null
                        : List.of(new AppealRequest.AttachmentPart("media", media)), null);
        Set<ConstraintViolation<AppealRequest>> violations = validator.validate(appeal);
        if (!violations.isEmpty()) {
            return f.errors(400, violations.stream()
                    .map(v -> open311Field(v.getPropertyPath().toString()) + ": " + v.getMessage()).sorted()
                    .collect(Collectors.joining("; ")));
        }
        AppealService.Accepted accepted;
        try (Admission.Ticket admitted = admission.enter(caller.subject(), arrival.arrivedNanos())) {
            accepted = appeals.accept(appeal);
        } catch (Admission.Overloaded e) {
            // the shared admission budget: nothing recorded, Open311's error list with Retry-After
            return Response.fromResponse(f.errors(e.status(), e.getMessage()))
                    .header("Retry-After", Long.toString(e.retryAfterSeconds())).build();
        } catch (ProblemException e) {
            return f.errors(e.status() == 422 ? 400 : e.status(), e.getMessage()
                    .replace("location.districtCode", "attribute[district_code]")
                    .replace("location.streetCode", "attribute[street_code]"));
        }
        Map<String, Object> created = new LinkedHashMap<>();
        created.put("service_request_id", accepted.kase().caseId);
        created.put("service_notice", "接诉即办: 您的诉求已受理 (your request is being handled)");
        created.put("account_id", null);
        return f.render(accepted.created() ? 201 : 200, "service_requests", "request", List.of(created));
    }

    @GET
    @Path("requests.{format}")
    @Transactional
    @Operation(summary = "Service requests submitted through Open311 (default: the last 90 days, at most 1000)")
    public Response list(@PathParam("format") String format, @QueryParam("service_request_id") String ids,
            @QueryParam("service_code") String serviceCodes, @QueryParam("start_date") String startDate,
            @QueryParam("end_date") String endDate, @QueryParam("status") String status) {
        Open311Format f = formatOr404(format);
        StringBuilder where = new StringBuilder("channel = 'OPEN311'");
        Map<String, Object> params = new HashMap<>();
        try {
            if (ids != null) {
                where.append(" and caseId in :ids");
                params.put("ids", List.of(ids.split(",")));
            } else {
                Instant end = endDate == null ? Instant.now() : OffsetDateTime.parse(endDate).toInstant();
                Instant start = startDate == null ? end.minus(Duration.ofDays(90))
                        : OffsetDateTime.parse(startDate).toInstant();
                where.append(" and receivedAt >= :start and receivedAt <= :end");
                params.put("start", start);
                params.put("end", end);
                if (serviceCodes != null) {
                    where.append(" and categoryCode in :codes");
                    params.put("codes", List.of(serviceCodes.split(",")));
                }
            }
        } catch (DateTimeParseException e) {
            return f.errors(400, "start_date and end_date must be W3C date-times, e.g. 2026-11-25T00:00:00+08:00");
        }
        if (status != null && !Set.of("open", "closed").containsAll(List.of(status.split(",")))) {
            return f.errors(400, "status must be open, closed or open,closed");
        }
        List<Map<String, Object>> requests = CaseEntity.<CaseEntity>find(where.toString(),
                        Sort.descending("receivedAt"), params).page(Page.ofSize(1000)).list().stream()
                .filter(k -> status == null || List.of(status.split(",")).contains(statusOf(k)))
                .map(this::request).toList();
        return f.render(200, "service_requests", "request", requests);
    }

    @GET
    @Path("requests/{id}.{format}")
    @Transactional
    @Operation(summary = "One service request")
    public Response one(@PathParam("id") String id, @PathParam("format") String format) {
        Open311Format f = formatOr404(format);
        CaseEntity kase = CaseEntity.findById(id);
        if (kase == null || !Enums.Channel.OPEN311.name().equals(kase.channel)) {
            return f.errors(404, "no service request " + id);
        }
        return f.render(200, "service_requests", "request", List.of(request(kase)));
    }

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
        r.put("requested_datetime", k.receivedAt.toString());
        r.put("updated_datetime", k.updatedAt.toString());
        r.put("expected_datetime", null);
        r.put("address", k.address);
        r.put("address_id", null);
        r.put("zipcode", null);
        r.put("lat", k.latitude);
        r.put("long", k.longitude);
        r.put("media_url", null);
        return r;
    }

    private static String statusOf(CaseEntity k) {
        return CLOSED.contains(k.status) ? "closed" : "open";
    }

    private static Open311Format formatOr404(String extension) {
        Open311Format f = Open311Format.of(extension);
        if (f == null) {
            throw ProblemException.notFound("format must be json or xml");
        }
        return f;
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

    /**
     * Where the request is: Beijing's codes when the app sends them (optional attributes), else only its address or
     * lat/long — intake resolves the street/town it can and marks the case 地点待确认 otherwise, never refusing it.
     */
    private static AppealRequest.LocationPart location(MultivaluedMap<String, String> form, String address, Double lat,
            Double lon) {
        String district = form.getFirst("attribute[district_code]");
        String street = form.getFirst("attribute[street_code]");
        return new AppealRequest.LocationPart(district == null || district.isBlank() ? null : district,
                street == null || street.isBlank() ? null : street, null, address, lat, lon);
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

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
