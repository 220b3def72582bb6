package io.jiesu.evaluation.governance;

import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.event.CommendationListPublished.CommendedUnit;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.GovernanceListPublishedV2.GovernanceEntry;
import io.jiesu.contract.event.GovernanceMeasureAssigned;
import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.contract.reference.Unit;
import io.jiesu.evaluation.scoring.ScoreResource;
import io.jiesu.platform.outbox.Outbox;
import io.jiesu.platform.security.CallerIdentity;
import io.jiesu.platform.security.Roles;
import io.jiesu.platform.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The governance-type streets/towns (治理类街乡镇) of a month with why each is listed and the measures taken
 * (督办 supervision, 帮扶 support tasks, 约谈 interviews), and the month's commendation list (激励). Leaders, reviewers
 * and administrators assign measures; a district token (各区统筹) sees and updates only its own district's
 * streets/towns.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GovernanceResource {
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    public record MeasureRequest(@NotNull Enums.MeasureKind kind, @NotBlank @Size(max = 2000) String description,
            @NotBlank @Size(max = 64) String responsibleUnit, @NotNull LocalDate dueDate) {
    }

    public record ProgressRequest(@NotBlank @Size(max = 2000) String note) {
    }

    public record MeasureView(String measureId, String month, String unitCode, String districtCode,
            Enums.MeasureKind kind, String description, String responsibleUnit, LocalDate dueDate,
            Enums.MeasureStatus status, boolean overdue, String assignedBy, Instant assignedAt, Instant completedAt,
            List<GovernanceRepository.Progress> progress) {
    }

    public record EntryView(String unitCode, String unitName, String districtCode, Integer rank,
            List<String> bottomMonths, int ofLastMonths, Double appealsPer10k, List<String> reasons,
            List<MeasureView> measures) {
    }

    public record GovernanceView(String month, int revision, String schemeVersion, Instant computedAt, String rule,
            List<EntryView> entries) {
    }

    public record CommendationView(String month, int revision, String schemeVersion, Instant computedAt, String rule,
            List<CommendedUnit> units) {
    }

    private final GovernanceRepository repository;
    private final Outbox outbox;
    private final CallerIdentity caller;
    private final ReferenceData reference = ReferenceData.get();

    public GovernanceResource(GovernanceRepository repository, Outbox outbox, CallerIdentity caller) {
        this.repository = repository;
        this.outbox = outbox;
        this.caller = caller;
    }

    @GET
    @Path("governance")
    @RolesAllowed({Roles.ADMIN, Roles.REVIEWER, Roles.ANALYST, Roles.LEADER, Roles.DISTRICT})
    @Transactional
    @Operation(summary = "The governance-type streets/towns of a month (latest revision) with reasons and measures",
            description = "A district token sees its own district's streets/towns only. A measure past its due date "
                    + "and not done is marked overdue.")
    public GovernanceView governance(@QueryParam("month") String month) {
        GovernanceRepository.ListHeader header = header(month);
        List<GovernanceEntry> entries = repository.entries(header, this::districtOf);
        if (caller.isDistrictScoped()) {
            String own = caller.requireOwnDistrict();
            entries = entries.stream().filter(e -> own.equals(e.districtCode())).toList();
        }
        Map<String, List<MeasureView>> measures = repository.measuresOf(header.period(),
                        entries.stream().map(GovernanceEntry::unitCode).toList()).stream().map(GovernanceResource::view)
                .collect(Collectors.groupingBy(MeasureView::unitCode));
        List<EntryView> views = entries.stream().map(e -> new EntryView(e.unitCode(),
                reference.unit(e.unitCode()).map(Unit::name).orElse(null), e.districtCode(), e.rank(),
                e.bottomMonths(), e.ofLastMonths(), e.appealsPer10k(), e.reasons(),
                measures.getOrDefault(e.unitCode(), List.of()))).toList();
        return new GovernanceView(header.period(), header.revision(), header.schemeVersion(), header.computedAt(),
                header.governanceRule(), views);
    }

    @GET
    @Path("commendations")
    @RolesAllowed({Roles.ADMIN, Roles.REVIEWER, Roles.ANALYST, Roles.LEADER, Roles.DISTRICT, Roles.UNIT})
    @Transactional
    @Operation(summary = "The commendation list (激励) of a month (latest revision)",
            description = "Empty, with no rule, when the month's scheme has no commendation rule.")
    public CommendationView commendations(@QueryParam("month") String month) {
        GovernanceRepository.ListHeader header = header(month);
        return new CommendationView(header.period(), header.revision(), header.schemeVersion(), header.computedAt(),
                header.commendationRule(), repository.commendations(header.period(), header.revision()));
    }

    @POST
    @Path("governance/{month}/{unitCode}/measures")
    @RolesAllowed({Roles.LEADER, Roles.ADMIN, Roles.REVIEWER})
    @Transactional
    @Operation(summary = "Assign a supervision measure, support task or interview to a governance-type street/town",
            description = "The street/town must be on the month's governance list (latest revision); the responsible "
                    + "unit is a unit of the reference data (e.g. the district government D<code> or a department). "
                    + "Publishes jiesu.results.governance-measure-assigned.v1.")
    public Response assign(@PathParam("month") String month, @PathParam("unitCode") String unitCode,
            @Valid @NotNull MeasureRequest request) {
        GovernanceRepository.ListHeader header = header(month);
        if (!header.governanceUnits().contains(unitCode)) {
            throw ProblemException.unprocessable(unitCode + " is not on the governance list of " + header.period()
                    + " (revision " + header.revision() + ")");
        }
        if (reference.unit(request.responsibleUnit()).isEmpty()) {
            throw ProblemException.unprocessable("responsibleUnit " + request.responsibleUnit()
                    + " is not a unit of the reference data (e.g. D<district code>, a department code, CITY)");
        }
        Instant now = Instant.now(); // a due date already past is accepted (a measure recorded late) and shows overdue
        String id = "GM-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        String district = districtOf(unitCode);
        repository.insertMeasure(new GovernanceRepository.Measure(id, header.period(), unitCode, district,
                request.kind(), request.description(), request.responsibleUnit(), request.dueDate(),
                Enums.MeasureStatus.OPEN, caller.subject(), now, null, List.of()));
        outbox.publish(EventCatalog.GOVERNANCE_MEASURE_ASSIGNED, unitCode, now, new GovernanceMeasureAssigned(id,
                header.period(), unitCode, district, request.kind(), request.description(), request.responsibleUnit(),
                request.dueDate(), caller.subject(), now));
        return Response.status(201).entity(view(measure(id))).build();
    }

    @POST
    @Path("governance/measures/{id}/progress")
    @RolesAllowed({Roles.LEADER, Roles.ADMIN, Roles.REVIEWER, Roles.DISTRICT})
    @Transactional
    @Operation(summary = "A progress note on a measure (OPEN → IN_PROGRESS); a district only on its own streets/towns")
    public MeasureView progress(@PathParam("id") String id, @Valid @NotNull ProgressRequest request) {
        return note(id, request.note(), false);
    }

    @POST
    @Path("governance/measures/{id}/complete")
    @RolesAllowed({Roles.LEADER, Roles.ADMIN, Roles.REVIEWER, Roles.DISTRICT})
    @Transactional
    @Operation(summary = "Complete a measure with a closing note (→ DONE); a district only on its own streets/towns")
    public MeasureView complete(@PathParam("id") String id, @Valid @NotNull ProgressRequest request) {
        return note(id, request.note(), true);
    }

    private MeasureView note(String id, String note, boolean complete) {
        GovernanceRepository.Measure m = repository.lockMeasure(id).orElseThrow(() ->
                ProblemException.notFound("no measure " + id));
        caller.requireAccessToDistrict(m.districtCode());
        Enums.MeasureStatus next = MeasureRules.after(m.status(), complete);
        if (next == null) {
            throw ProblemException.conflict("measure " + id + " is done already").with("currentState", m.status());
        }
        repository.addProgress(id, Instant.now(), caller.subject(), note, next);
        return view(measure(id));
    }

    private GovernanceRepository.Measure measure(String id) {
        return repository.lockMeasure(id).orElseThrow(() -> ProblemException.notFound("no measure " + id));
    }

    private GovernanceRepository.ListHeader header(String month) {
        if (month == null) {
            throw ProblemException.badRequest("month=YYYY-MM is required");
        }
        String period = ScoreResource.month(month);
        return repository.latest(period).orElseThrow(() -> ProblemException.notFound("no results for " + period
                + " yet; POST /api/v1/periods/" + period + "/calculations"));
    }

    private String districtOf(String unitCode) {
        return reference.unit(unitCode).map(Unit::districtCode).orElse(null);
    }

    static MeasureView view(GovernanceRepository.Measure m) {
        return new MeasureView(m.measureId(), m.period(), m.unitCode(), m.districtCode(), m.kind(), m.description(),
                m.responsibleUnit(), m.dueDate(), m.status(), MeasureRules.overdue(m.dueDate(), m.status(),
                        LocalDate.now(BEIJING)), m.assignedBy(), m.assignedAt(), m.completedAt(), m.progress());
    }
}
