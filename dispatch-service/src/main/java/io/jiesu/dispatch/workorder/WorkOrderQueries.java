package io.jiesu.dispatch.workorder;

import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.contract.reference.Unit;
import io.jiesu.contract.reference.UnitKind;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Work-order queries of the REST lists: always one page (LIMIT/OFFSET) and one count, each restricted by an indexed
 * predicate — the open-overdue partial index, the next-deadline index, the unit index — never a whole table.
 */
@ApplicationScoped
public class WorkOrderQueries {
    /** One page of a list and how many there are in all. */
    public record Paged<T>(List<T> items, int page, int size, long total) {
    }

    /**
     * The across-units list's filters; exactly one of {@code overdue} / {@code dueWithin} is set. {@code district} is
     * the appeal's location; {@code heldBy} (null: any) the bounded list of unit codes an order's lead unit must be
     * one of — a district's own units for 各区统筹.
     */
    public record Filter(boolean overdue, Duration dueWithin, String district, UnitKind unitKind, String category,
            WorkOrderStatus status, String unitCode, List<String> heldBy) {
    }

    /** The sort keys a caller may name ({@code -key} for descending). */
    public static final List<String> SORT_KEYS = List.of("nextDeadline", "completionDeadline", "dispatchedAt",
            "receivedAt");

    /** Orders overdue, or whose running deadline falls within the next hours, across all units. */
    public Paged<WorkOrder> search(Filter f, String sort, int page, int size) {
        StringBuilder q = new StringBuilder();
        Parameters p = new Parameters();
        if (f.overdue()) {
            // the partial index work_order_open_overdue
            q.append("overdue = true and status <> 'COMPLETED'");
        } else {
            Instant now = Instant.now();
            q.append("nextDeadline >= :from and nextDeadline < :to");
            p.and("from", now).and("to", now.plus(f.dueWithin()));
        }
        if (f.district() != null) {
            q.append(" and districtCode = :district");
            p.and("district", f.district());
        }
        if (f.category() != null) {
            q.append(" and categoryCode = :category");
            p.and("category", f.category());
        }
        if (f.status() != null) {
            q.append(" and status = :status");
            p.and("status", f.status().name());
        }
        if (f.unitCode() != null) {
            q.append(" and unitCode = :unit");
            p.and("unit", f.unitCode());
        }
        if (f.unitKind() != null) {
            // a bounded list from the reference data (a few hundred codes at most)
            q.append(" and unitCode in :units");
            p.and("units", ReferenceData.get().units().stream().filter(u -> u.kind() == f.unitKind())
                    .map(Unit::code).toList());
        }
        if (f.heldBy() != null) {
            // the units of one district from the reference data (its streets/towns, government and branches)
            q.append(" and unitCode in :heldBy");
            p.and("heldBy", f.heldBy());
        }
        PanacheQuery<WorkOrder> query = WorkOrder.find(q.toString(), sortOf(sort, f.overdue()), p);
        return new Paged<>(query.page(Page.of(page, size)).list(), page, size, query.count());
    }

    /** The orders a unit leads or co-handles, newest first. */
    public Paged<WorkOrder> ofUnit(String unitCode, WorkOrderStatus status, Boolean overdue, int page, int size) {
        StringBuilder query = new StringBuilder("(unitCode = :unit or caseId in "
                + "(select c.caseId from CoHandler c where c.unitCode = :unit))");
        Parameters params = Parameters.with("unit", unitCode);
        if (status != null) {
            query.append(" and status = :status");
            params.and("status", status.name());
        }
        if (overdue != null) {
            query.append(" and overdue = :overdue");
            params.and("overdue", overdue);
        }
        PanacheQuery<WorkOrder> q = WorkOrder.find(query.toString(), Sort.descending("dispatchedAt")
                .and("caseId"), params);
        return new Paged<>(q.page(Page.of(page, size)).list(), page, size, q.count());
    }

    /** The manual-dispatch queue, oldest first (partial index work_order_manual_queue). */
    public Paged<WorkOrder> manualQueue(int page, int size) {
        PanacheQuery<WorkOrder> q = WorkOrder.find("status", Sort.ascending("receivedAt").and("caseId"),
                WorkOrderStatus.AWAITING_MANUAL_DISPATCH.name());
        return new Paged<>(q.page(Page.of(page, size)).list(), page, size, q.count());
    }

    /** {@code sort} is checked by the resource against {@link #SORT_KEYS}. */
    static Sort sortOf(String sort, boolean overdue) {
        String s = sort != null ? sort : overdue ? "completionDeadline" : "nextDeadline";
        boolean desc = s.startsWith("-");
        String key = desc ? s.substring(1) : s;
        return (desc ? Sort.descending(key) : Sort.ascending(key)).and("caseId");
    }
}
