package io.jiesu.evaluation.scoring;

import io.jiesu.contract.event.ScoresPublished;
import io.jiesu.platform.persistence.Rows;
import io.jiesu.platform.security.Roles;
import io.jiesu.platform.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
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
    public record ScoreRow(String period, int revision, String peerGroup, String unitCode, int cases,
            double responseRate, double resolutionRate, double satisfactionRate, Double attendanceRate,
            double composite, Integer rank) {
    }

    public record GovernanceList(String period, int revision, String schemeVersion, Instant computedAt, String rule,
            List<String> unitCodes) {
    }

    @Inject
    ScoreCalculator calculator;
    @Inject
    EntityManager em;

    @POST
    @Path("periods/{period}/calculations")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.REVIEWER})
    @Operation(summary = "Compute and publish a new revision of a month's scores (after objections or a new scheme)")
    public Response calculate(@PathParam("period") String period, @QueryParam("reason") @Size(max = 500) String reason) {
        ScoresPublished published = calculator.calculate(month(period), reason);
        return Response.status(201).entity(published).build();
    }

    @GET
    @Path("scores")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @RolesAllowed({Roles.ADMIN, Roles.REVIEWER, Roles.ANALYST, Roles.UNIT})
    @Transactional
    @Operation(summary = "Scores and ranks of a month (latest revision unless one is named); ?format=csv or Accept: text/csv")
    @SuppressWarnings("unchecked")
    public Response scores(@QueryParam("period") String period, @QueryParam("group") String group,
            @QueryParam("revision") Integer revision, @QueryParam("format") String format,
            @jakarta.ws.rs.core.Context HttpHeaders headers) {
        String p = month(period);
        if (group != null && Arrays.stream(PeerGroup.values()).noneMatch(g -> g.name().equals(group))) {
            throw ProblemException.badRequest("group must be one of " + Arrays.toString(PeerGroup.values()));
        }
        int rev = revisionOf(p, revision);
        List<Object[]> rows = em.createNativeQuery("""
                SELECT peer_group, unit_code, cases, response_rate, resolution_rate, satisfaction_rate,
                       attendance_rate, composite, rank FROM score
                WHERE period = ?1 AND revision = ?2 AND (CAST(?3 AS varchar) IS NULL OR peer_group = ?3)
                ORDER BY peer_group, rank NULLS LAST, composite DESC, unit_code""")
                .setParameter(1, p).setParameter(2, rev).setParameter(3, group).getResultList();
        List<ScoreRow> scores = rows.stream().map(r -> new ScoreRow(p, rev, (String) r[0], (String) r[1],
                ((Number) r[2]).intValue(), ((Number) r[3]).doubleValue(), ((Number) r[4]).doubleValue(),
                ((Number) r[5]).doubleValue(), r[6] == null ? null : ((Number) r[6]).doubleValue(),
                ((Number) r[7]).doubleValue(), r[8] == null ? null : ((Number) r[8]).intValue())).toList();
        boolean csv = "csv".equals(format) || headers.getAcceptableMediaTypes().stream()
                .anyMatch(m -> "text".equals(m.getType()) && "csv".equals(m.getSubtype()));
        if (!csv) {
            return Response.ok(scores, MediaType.APPLICATION_JSON).build();
        }
        StringBuilder out = new StringBuilder("period,revision,peer_group,unit_code,cases,response_rate,"
                + "resolution_rate,satisfaction_rate,attendance_rate,composite,rank\n");
        for (ScoreRow s : scores) {
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
    @RolesAllowed({Roles.ADMIN, Roles.REVIEWER, Roles.ANALYST, Roles.UNIT})
    @Transactional
    @SuppressWarnings("unchecked")
    public GovernanceList governanceList(@QueryParam("period") String period,
            @QueryParam("revision") Integer revision) {
        String p = month(period);
        int rev = revisionOf(p, revision);
        Object[] r = (Object[]) em.createNativeQuery("""
                SELECT scheme_version, computed_at, governance_rule, governance_units FROM score_revision
                WHERE period = ?1 AND revision = ?2""").setParameter(1, p).setParameter(2, rev).getSingleResult();
        String units = (String) r[3];
        return new GovernanceList(p, rev, (String) r[0], Rows.instant(r[1]), (String) r[2], units.isEmpty() ? List.of() : List.of(units.split(",")));
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

    private static String month(String period) {
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
