package io.jiesu.whistle.whistle;

import io.jiesu.contract.event.Enums;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whistle lists: one page (LIMIT/OFFSET, newest first) and one count, each on an index (V2:
 * {@code whistle_district}, {@code whistle_district_escalated}, {@code whistle_blown}), and the page's missing
 * reports in one more query — never the whole table.
 */
@ApplicationScoped
public class WhistleQueries {
    /** One page and how many there are in all. */
    public record Paged<T>(List<T> items, int page, int size, long total) {
    }

    /** Filters; null means any. {@code escalated}: true = escalated to the district or the city, false = not. */
    public record Filter(String districtCode, Boolean escalated, Enums.EscalationLevel level, Whistle.Status status,
            String leadUnitCode) {
    }

    public Paged<Whistle> search(Filter f, int page, int size) {
        StringBuilder q = new StringBuilder("1 = 1");
        Parameters p = new Parameters();
        if (f.districtCode() != null) {
            q.append(" and districtCode = :district");
            p.and("district", f.districtCode());
        }
        if (f.level() != null) {
            q.append(" and escalationLevel = :level");
            p.and("level", f.level().name());
        } else if (Boolean.TRUE.equals(f.escalated())) {
            q.append(" and escalationLevel is not null");
        } else if (Boolean.FALSE.equals(f.escalated())) {
            q.append(" and escalationLevel is null");
        }
        if (f.status() != null) {
            q.append(" and status = :status");
            p.and("status", f.status().name());
        }
        if (f.leadUnitCode() != null) {
            q.append(" and leadUnitCode = :lead");
            p.and("lead", f.leadUnitCode());
        }
        PanacheQuery<Whistle> query = Whistle.find(q.toString(), Sort.descending("blownAt").and("whistleId"), p);
        return new Paged<>(query.page(Page.of(page, size)).list(), page, size, query.count());
    }

    /** The whistles a unit leads or is summoned by, newest first (a unit's own list; {@code status} null = any). */
    public Paged<Whistle> involving(String unitCode, Whistle.Status status, int page, int size) {
        StringBuilder q = new StringBuilder("(leadUnitCode = :unit or whistleId in "
                + "(select s.whistleId from Summons s where s.unitCode = :unit))");
        Parameters p = Parameters.with("unit", unitCode);
        if (status != null) {
            q.append(" and status = :status");
            p.and("status", status.name());
        }
        PanacheQuery<Whistle> query = Whistle.find(q.toString(), Sort.descending("blownAt").and("whistleId"), p);
        return new Paged<>(query.page(Page.of(page, size)).list(), page, size, query.count());
    }

    /** whistle id → the summoned units that have not reported in, for one page of whistles. */
    public Map<String, List<String>> notReportedIn(List<String> whistleIds) {
        Map<String, List<String>> missing = new LinkedHashMap<>();
        if (whistleIds.isEmpty()) {
            return missing;
        }
        List<Summons> open = Summons.find("whistleId in ?1 and reportedAt is null", Sort.ascending("unitCode"),
                whistleIds).list();
        for (Summons s : open) {
            missing.computeIfAbsent(s.whistleId, k -> new java.util.ArrayList<>()).add(s.unitCode);
        }
        return missing;
    }
}
