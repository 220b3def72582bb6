package io.jiesu.evaluation.scoring;

import io.jiesu.contract.event.ScoresPublished;
import io.jiesu.platform.security.Roles;
import io.jiesu.platform.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Scores, rankings and the governance-type list of a month, every revision readable; CSV export. */
@Path("/api/v1")
public class ScoreResource {
    public record GovernanceList(String period, int revision, String schemeVersion, Instant computedAt, String rule,
            List<String> unitCodes) {
    }

    private final ScoreCalculator calculator;
    private final ScoreRepository repository;

    public ScoreResource(ScoreCalculator calculator, ScoreRepository repository) {
        this.calculator = calculator;
        this.repository = repository;
    }

    @POST
    @Path("periods/{period}/calculations")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.REVIEWER, Roles.LEADER})
    @Operation(summary = "Compute and publish a new revision of a month's scores (after objections or a new scheme); "
            + "leaders publish a month's results from their desk")
    public Response calculate(@PathParam("period") String period, @QueryParam("reason") @Size(max = 500) String reason) {
        ScoresPublished published = calculator.calculate(month(period), reason);
        return Response.status(201).entity(published).build();
    }

    @GET
    @Path("scores")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @RolesAllowed({Roles.ADMIN, Roles.REVIEWER, Roles.ANALYST, Roles.LEADER, Roles.UNIT})
    @Transactional
    @Operation(summary = "Scores and ranks of a month (latest revision unless one is named); ?format=csv or Accept: text/csv")
    public Response scores(@QueryParam("period") String period, @QueryParam("group") String group,
            @QueryParam("revision") Integer revision, @QueryParam("format") String format,
            @jakarta.ws.rs.core.Context HttpHeaders headers) {
        String p = month(period);
        if (group != null && Arrays.stream(PeerGroup.values()).noneMatch(g -> g.name().equals(group))) {
            throw ProblemException.badRequest("group must be one of " + Arrays.toString(PeerGroup.values()));
        }
        int rev = revisionOf(p, revision);
        List<ScoreRepository.ScoreRow> scores = repository.scores(p, rev, group == null ? null : PeerGroup.valueOf(group));
        boolean csv = "csv".equals(format) || headers.getAcceptableMediaTypes().stream()
                .anyMatch(m -> "text".equals(m.getType()) && "csv".equals(m.getSubtype()));
        if (!csv) {
            return Response.ok(scores, MediaType.APPLICATION_JSON).build();
        }
        StringBuilder out = new StringBuilder("period,revision,peer_group,unit_code,cases,response_rate,"
                + "resolution_rate,satisfaction_rate,attendance_rate,composite,rank\n");
        for (ScoreRepository.ScoreRow s : scores) {
            out.append(String.format(Locale.ROOT, "%s,%d,%s,%s,%d,%.4f,%.4f,%.4f,%s,%.4f,%s%n", s.period(),
                    s.revision(), s.peerGroup(), s.unitCode(), s.cases(), s.responseRate(), s.resolutionRate(),
                    s.satisfactionRate(), s.attendanceRate() == null ? "" : String.format(Locale.ROOT, "%.4f",
                            s.attendanceRate()), s.composite(), s.rank() == null ? "" : s.rank()));
        }
        return Response.ok(out.toString(), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"scores-" + p + "-r" + rev + ".csv\"").build();
    }

    @GET
    @Path("governance-list")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.REVIEWER, Roles.ANALYST, Roles.LEADER, Roles.UNIT})
    @Transactional
    public GovernanceList governanceList(@QueryParam("period") String period,
            @QueryParam("revision") Integer revision) {
        String p = month(period);
        int rev = revisionOf(p, revision);
        ScoreRepository.RevisionRow r = repository.revision(p, rev);
        return new GovernanceList(p, rev, r.schemeVersion(), r.computedAt(), r.rule(), r.unitCodes());
    }

    private int revisionOf(String period, Integer revision) {
        Integer latest = calculator.latestRevision(period).orElseThrow(() ->
                ProblemException.notFound("no scores for " + period + " yet; POST /api/v1/periods/" + period
                        + "/calculations"));
        if (revision == null) {
            return latest;
        }
        if (revision < 1 || revision > latest) {
            throw ProblemException.notFound("revision " + revision + " of " + period + " does not exist (latest "
                    + latest + ")");
        }
        return revision;
    }

    public static String month(String period) {
        if (period == null) {
            throw ProblemException.badRequest("period=YYYY-MM is required");
        }
        try {
            if (!period.matches("\\d{4}-\\d{2}")) { // YearMonth also reads +300000-01 and -0001-01
                throw new DateTimeParseException("not YYYY-MM", period, 0);
            }
            return YearMonth.parse(period).toString();
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("period must be YYYY-MM, e.g. 2026-10");
        }
    }
}
