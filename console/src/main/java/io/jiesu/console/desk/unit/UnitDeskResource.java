package io.jiesu.console.desk.unit;

import io.jiesu.console.live.LiveResource;
import io.jiesu.console.security.SignedInPerson;
import io.jiesu.console.services.ServiceRefusal;
import io.jiesu.console.web.Labels;
import io.jiesu.console.web.Page;
import io.jiesu.console.web.UnitChoices;
import io.jiesu.console.web.Ui;
import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.contract.reference.Unit;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.net.URI;
import java.time.Duration;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The handling unit's desk (承办单位): its work orders (overdue first, with the time left for the step running now),
 * live inbox notices, each order's actions as dispatch allows them, the whistle (吹哨报到) and the unit's scores and
 * objections. Every answer comes from the services with the person's own token; the console decides nothing.
 */
@Path("/desk/unit")
@RolesAllowed("unit")
@Produces(MediaType.TEXT_HTML)
public class UnitDeskResource {
    static final int PAGE_SIZE = 25;
    /** Overdue orders are listed first, all of them up to this many. */
    static final int OVERDUE_MAX = 100;
    /** Open whistles the unit leads or is summoned by, shown above the orders. */
    static final int WHISTLES_MAX = 50;
    /** dispatch's completion outcomes (有一办一) and evaluation's objection reasons, in the order the forms offer them. */
    static final List<String> OUTCOMES = List.of("RESOLVED", "PARTLY_RESOLVED", "CONDITIONS_BEING_CREATED",
            "EXPLAINED");
    static final List<String> OBJECTION_REASONS = List.of("UNREASONABLE_DEMAND", "OUTSIDE_DUTY",
            "CITIZEN_UNREACHABLE", "OTHER");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(Ui.BEIJING);

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance orders();

        static native TemplateInstance list(List<UnitViews.Order> overdue, List<UnitViews.Order> orders, int page,
                boolean hasNext, List<UnitViews.WhistleSummary> whistles, String unitCode);

        static native TemplateInstance order(UnitViews.OrderDetail detail, String unitCode, boolean streetOrTown,
                Map<String, List<Unit>> choices, String failedAction, List<String> errors, String done);

        static native TemplateInstance whistle(UnitViews.Whistle w, String unitCode, List<String> errors,
                String done);

        static native TemplateInstance scores(String period, Optional<UnitViews.Score> own, int ranked,
                List<UnitViews.Objection> objections, List<String> errors);
    }

    private final UnitDispatchApi dispatch;
    private final UnitWhistleApi whistles;
    private final UnitEvaluationApi evaluation;
    private final UnitInbox inbox;
    private final Page page;

    UnitDeskResource(@RestClient UnitDispatchApi dispatch, @RestClient UnitWhistleApi whistles,
            @RestClient UnitEvaluationApi evaluation, UnitInbox inbox, Page page) {
        this.dispatch = dispatch;
        this.whistles = whistles;
        this.evaluation = evaluation;
        this.inbox = inbox;
        this.page = page;
    }

    @GET
    public TemplateInstance orders() {
        return page.render(Templates.orders().data("nav", "unit"));
    }

    /** The lists (htmx fragment, reloaded on every inbox notice): overdue orders first, then the rest, paginated. */
    @GET
    @Path("list")
    public TemplateInstance list(@QueryParam("page") @DefaultValue("0") int pageNumber) {
        int p = Math.max(0, pageNumber);
        String unit = page.requirePerson().unitCode();
        List<UnitViews.Order> overdue = p == 0 ? dispatch.orders(unit, "true", 0, OVERDUE_MAX) : List.of();
        List<UnitViews.Order> rest = dispatch.orders(unit, "false", p, PAGE_SIZE + 1);
        boolean hasNext = rest.size() > PAGE_SIZE;
        List<UnitViews.WhistleSummary> open = p == 0 ? whistles.mine(unit, "OPEN", 0, WHISTLES_MAX).items()
                : List.of();
        return page.render(Templates.list(overdue, hasNext ? rest.subList(0, PAGE_SIZE) : rest, p, hasNext, open,
                unit));
    }

    /** Server-sent events: one {@code notice} per message on the person's own unit's inbox, never another's. */
    @GET
    @Path("live")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> live(@Context Sse sse) {
        SignedInPerson me = page.requirePerson();
        Locale locale = page.locale();
        Multi<OutboundSseEvent> notices = inbox.stream(me.unitCode()).map(n -> sse.newEventBuilder()
                .name("notice").data(String.class, noticeHtml(n, locale)).build());
        Multi<OutboundSseEvent> keepAlive = Multi.createFrom().ticks().every(Duration.ofSeconds(20))
                .map(t -> sse.newEventBuilder().comment("keep-alive").build());
        return Multi.createBy().merging().streams(notices, keepAlive);
    }

    @GET
    @Path("orders/{caseId}")
    public TemplateInstance order(@PathParam("caseId") String caseId, @QueryParam("done") String done) {
        return orderPage(caseId, null, List.of(), done);
    }

    @POST
    @Path("orders/{caseId}/{action}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response act(@PathParam("caseId") String caseId, @PathParam("action") String action,
            MultivaluedMap<String, String> form) {
        try {
            if ("whistle".equals(action)) {
                UnitViews.Whistle w = whistles.blow(whistleBody(caseId, form));
                return Response.seeOther(URI.create("/desk/unit/whistles/" + w.whistleId() + "?done=blown")).build();
            }
            if ("objection".equals(action)) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("caseId", caseId);
                UnitActionForm.copy(form, body, "reason", "statement");
                evaluation.fileObjection(body);
            } else if (UnitActionForm.ACTIONS.contains(action)) {
                dispatch.act(caseId, action, UnitActionForm.body(caseId, action, form,
                        page.requirePerson().displayName()));
            } else {
                return Response.status(404).entity(orderPage(caseId, action, List.of("?"), null)).build();
            }
            return Response.seeOther(URI.create("/desk/unit/orders/" + caseId + "?done=" + action)).build();
        } catch (ServiceRefusal refusal) {
            if (!refusal.isClientError() || refusal.status() == 403) {
                throw refusal;
            }
            return Response.status(refusal.status()).entity(orderPage(caseId, action, refusal.messages(), null))
                    .build();
        }
    }

    @GET
    @Path("whistles/{id}")
    public TemplateInstance whistle(@PathParam("id") String id, @QueryParam("done") String done) {
        return whistlePage(id, List.of(), done);
    }

    @POST
    @Path("whistles/{id}/{step}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response whistleStep(@PathParam("id") String id, @PathParam("step") String step,
            MultivaluedMap<String, String> form) {
        Map<String, Object> body = new LinkedHashMap<>();
        try {
            if ("report".equals(step)) {
                UnitActionForm.copy(form, body, "responsiblePerson", "commitment");
                whistles.reportIn(id, body);
            } else if ("close".equals(step)) {
                UnitActionForm.copy(form, body, "outcome");
                whistles.close(id, body);
            } else {
                return Response.status(404).entity(whistlePage(id, List.of("?"), null)).build();
            }
            return Response.seeOther(URI.create("/desk/unit/whistles/" + id + "?done=" + step)).build();
        } catch (ServiceRefusal refusal) {
            if (!refusal.isClientError() || refusal.status() == 403) {
                throw refusal;
            }
            return Response.status(refusal.status()).entity(whistlePage(id, refusal.messages(), null)).build();
        }
    }

    /** The unit's own score and rank in its peer group for a month (last month unless named), and its objections. */
    @GET
    @Path("scores")
    public TemplateInstance scores(@QueryParam("period") String period) {
        String unit = page.requirePerson().unitCode();
        String p = period == null || !period.matches("\\d{4}-\\d{2}")
                ? YearMonth.now(Ui.BEIJING).minusMonths(1).toString() : period;
        List<String> errors = new ArrayList<>();
        List<UnitViews.Score> scores = List.of();
        try {
            scores = evaluation.scores(p, peerGroup(unit));
        } catch (ServiceRefusal refusal) {
            if (!refusal.isClientError()) {
                throw refusal;
            }
            errors.addAll(refusal.messages());
        }
        Optional<UnitViews.Score> own = scores.stream().filter(s -> unit.equals(s.unitCode())).findFirst();
        int ranked = (int) scores.stream().filter(s -> s.rank() != null).count();
        return page.render(Templates.scores(p, own, ranked, evaluation.objections(unit), errors)
                .data("nav", "unit-scores"));
    }

    private TemplateInstance orderPage(String caseId, String failedAction, List<String> errors, String done) {
        SignedInPerson me = page.requirePerson();
        UnitViews.OrderDetail detail = dispatch.order(caseId);
        boolean streetOrTown = ReferenceData.get().unit(me.unitCode()).map(u -> u.kind().isStreetOrTown())
                .orElse(false);
        return page.render(Templates.order(detail, me.unitCode(), streetOrTown,
                UnitChoices.forDistrict(detail.order().districtCode()), failedAction, errors, done)
                .data("outcomes", OUTCOMES).data("objectionReasons", OBJECTION_REASONS)
                .data("summonable", List.of("DEPARTMENT", "ENTERPRISE")).data("nav", "unit"));
    }

    private TemplateInstance whistlePage(String id, List<String> errors, String done) {
        return page.render(Templates.whistle(whistles.whistle(id), page.requirePerson().unitCode(), errors, done)
                .data("nav", "unit"));
    }

    /** The whistle on one of the unit's cases: the place is the order's, the departments those ticked. */
    private Map<String, Object> whistleBody(String caseId, MultivaluedMap<String, String> form) {
        UnitViews.Order o = dispatch.order(caseId).order();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("caseId", caseId);
        List<String> summoned = form.get("summonedUnitCodes");
        body.put("summonedUnitCodes", summoned == null ? List.of() : summoned);
        UnitActionForm.copy(form, body, "matter", "reason", "urgency");
        Map<String, Object> place = new LinkedHashMap<>();
        place.put("districtCode", o.districtCode());
        place.put("streetCode", o.streetCode());
        UnitActionForm.copy(form, place, "address");
        body.put("location", place);
        return body;
    }

    /** evaluation's peer group of a unit (streets and towns are ranked together). */
    static String peerGroup(String unitCode) {
        return ReferenceData.get().unit(unitCode).map(u -> switch (u.kind()) {
            case STREET, TOWN -> "STREET_TOWN";
            default -> u.kind().name();
        }).orElse(null);
    }

    /** One line for the live list: time, what it is, the case (or the whistle) and the message, HTML-escaped. */
    static String noticeHtml(UnitInbox.Notice n, Locale locale) {
        String id = esc(n.caseId() == null ? n.whistleId() : n.caseId());
        String href = n.whistleId() != null ? "/desk/unit/whistles/" + esc(n.whistleId())
                : "/desk/unit/orders/" + esc(n.caseId());
        String message = n.message() == null || n.message().isBlank() ? "" : " · " + esc(n.message());
        return "<div class=\"live-item notice-item\" data-case=\"" + esc(n.caseId()) + "\" data-kind=\""
                + esc(n.kind()) + "\">" + TIME.format(n.at()) + " · <strong>" + esc(Labels.of(n.kind(), locale))
                + "</strong> · <a href=\"" + href + "\">" + id + "</a>" + message + "</div>";
    }

    private static String esc(String s) {
        return LiveResource.escape(s);
    }
}
