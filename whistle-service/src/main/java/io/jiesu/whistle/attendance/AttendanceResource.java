package io.jiesu.whistle.attendance;

import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.event.WhistleAttendance;
import io.jiesu.platform.outbox.Outbox;
import io.jiesu.platform.persistence.NativeSql;
import io.jiesu.platform.security.CallerIdentity;
import io.jiesu.platform.security.Roles;
import io.jiesu.platform.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Whistle attendance per department per month (Beijing time): summons received, reported in time, late, missed
 * (no report and the deadline passed). Served over REST and published as {@code jiesu.whistle.attendance.v1} so
 * evaluation can count it.
 */
@Path("/api/v1/attendance")
@Produces(MediaType.APPLICATION_JSON)
public class AttendanceResource {
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    @Inject
    EntityManager em;
    @Inject
    Outbox outbox;
    @Inject
    CallerIdentity caller;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.REVIEWER, Roles.ANALYST, Roles.UNIT})
    @Transactional
    public List<WhistleAttendance> get(@QueryParam("period") String period, @QueryParam("unitCode") String unitCode) {
        if (caller.isUnitScoped()) {
            if (unitCode == null) {
                throw ProblemException.forbidden("a unit token asks for its own unitCode");
            }
            caller.requireAccessToUnit(unitCode);
        }
        return compute(month(period), unitCode);
    }

    @POST
    @Path("{period}/publish")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public List<WhistleAttendance> publish(@PathParam("period") String period) {
        List<WhistleAttendance> figures = compute(month(period), null);
        for (WhistleAttendance a : figures) {
            outbox.publish(EventCatalog.WHISTLE_ATTENDANCE, a.unitCode(), a.computedAt(), a);
        }
        return figures;
    }

    @SuppressWarnings("unchecked")
    List<WhistleAttendance> compute(YearMonth month, String unitCode) {
        Instant from = month.atDay(1).atStartOfDay(BEIJING).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(BEIJING).toInstant();
        Instant now = Instant.now();
        List<Object[]> rows = NativeSql.on(em, "summons").query("""
                SELECT unit_code, count(*),
                       count(*) FILTER (WHERE reported_at IS NOT NULL AND NOT late),
                       count(*) FILTER (WHERE reported_at IS NOT NULL AND late),
                       count(*) FILTER (WHERE reported_at IS NULL AND report_deadline < ?3)
                FROM summons WHERE summoned_at >= ?1 AND summoned_at < ?2 AND (CAST(?4 AS varchar) IS NULL OR unit_code = ?4)
                GROUP BY unit_code ORDER BY unit_code""")
                .setParameter(1, from).setParameter(2, to).setParameter(3, now).setParameter(4, unitCode)
                .getResultList();
        return rows.stream().map(r -> new WhistleAttendance(month.toString(), (String) r[0],
                ((Number) r[1]).intValue(), ((Number) r[2]).intValue(), ((Number) r[3]).intValue(),
                ((Number) r[4]).intValue(), now)).toList();
    }

    private static YearMonth month(String period) {
        if (period == null) {
            return YearMonth.now(BEIJING);
        }
        try {
            if (!period.matches("\\d{4}-\\d{2}")) { // YearMonth also reads +300000-01 and -0001-01
                throw new DateTimeParseException("not YYYY-MM", period, 0);
            }
            return YearMonth.parse(period);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("period must be YYYY-MM, e.g. 2026-11");
        }
    }
}
