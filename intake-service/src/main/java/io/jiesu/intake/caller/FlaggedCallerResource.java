package io.jiesu.intake.caller;

import io.jiesu.platform.persistence.Rows;
import io.jiesu.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** {@code GET /api/v1/flagged-callers}: callers over the abusive-calling limits, for operators. */
@Path("/api/v1/flagged-callers")
@Produces(MediaType.APPLICATION_JSON)
public class FlaggedCallerResource {
    public record FlaggedCaller(String callerHash, LocalDate day, Instant flaggedAt, int appealCount, String rule,
            List<String> caseIds) {
    }

    @Inject
    EntityManager em;

    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.REVIEWER, Roles.ADMIN})
    @SuppressWarnings("unchecked")
    public List<FlaggedCaller> list(@QueryParam("day") LocalDate day) {
        LocalDate d = day != null ? day : LocalDate.now(ZoneId.of("Asia/Shanghai"));
        List<Object[]> rows = em.createNativeQuery("""
                SELECT f.caller_hash, f.day, f.flagged_at, f.appeal_count, f.rule,
                       (SELECT string_agg(c.case_id, ',' ORDER BY c.accepted_at) FROM intake_case c
                        WHERE c.caller_hash = f.caller_hash AND c.flagged)
                FROM caller_flag f WHERE f.day = ?1 ORDER BY f.flagged_at""").setParameter(1, d).getResultList();
        return rows.stream().map(r -> new FlaggedCaller((String) r[0], Rows.date(r[1]),
                Rows.instant(r[2]), ((Number) r[3]).intValue(), (String) r[4],
                r[5] == null ? List.of() : List.of(((String) r[5]).split(",")))).toList();
    }

}
