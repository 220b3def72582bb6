package io.jiesu.dispatch.review;

import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.ExtensionDecided;
import io.jiesu.contract.event.InboxNotice;
import io.jiesu.contract.event.ReturnDecided;
import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.dispatch.deadline.Deadlines;
import io.jiesu.dispatch.workorder.DispatchSettings;
import io.jiesu.dispatch.workorder.Dispatcher;
import io.jiesu.dispatch.workorder.History;
import io.jiesu.dispatch.workorder.WorkOrder;
import io.jiesu.dispatch.workorder.WorkOrderQueries;
import io.jiesu.dispatch.workorder.QueueReason;
import io.jiesu.dispatch.workorder.WorkOrderStatus;
import io.jiesu.platform.outbox.Outbox;
import io.jiesu.platform.web.ProblemException;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hotline reviewers' decisions: returns (approve → re-dispatch to the unit the reviewer names, or to the
 * manual-dispatch queue once the order has been returned {@code max_returns} times; reject → the order stays),
 * extensions (grant → the completion deadline and its timers move; deny) and manual dispatch of queued orders.
 */
@ApplicationScoped
public class ReviewService {
    /** Body of a return decision. {@code newUnitCode}: where an approved return goes (else the manual queue). */
    public record ReturnDecision(Enums.Decision decision, String newUnitCode, String comment) {
    }

    /** Body of an extension decision. {@code completionDeadline}: granted deadline, default the requested one. */
    public record ExtensionDecision(Enums.Decision decision, Instant completionDeadline, String comment) {
    }

    /** Body of a manual dispatch. */
    public record ManualDispatch(String unitCode, String comment) {
    }

    @Inject
    Outbox outbox;
    @Inject
    History history;
    @Inject
    Dispatcher dispatcher;
    @Inject
    Deadlines deadlines;
    @Inject
    DispatchSettings settings;

    @Transactional(value = Transactional.TxType.REQUIRED, dontRollbackOn = ProblemException.class)
    public WorkOrder decideReturn(String caseId, String reviewer, ReturnDecision body) {
        WorkOrder o = lock(caseId);
        if (o.state() != WorkOrderStatus.RETURN_REQUESTED) {
            throw conflict(o, "no return request of case " + caseId + " waits for a decision");
        }
        if (body == null || body.decision() == null) {
            throw ProblemException.unprocessable("decision: required, APPROVED or REJECTED").with("field", "decision");
        }
        ReturnRequest request = ReturnRequest.pending(caseId).orElseThrow(
                () -> conflict(o, "no return request of case " + caseId + " waits for a decision"));
        String comment = body.comment() == null || body.comment().isBlank() ? null : body.comment().strip();
        String unit = o.unitCode;
        boolean approved = body.decision() == Enums.Decision.APPROVED;
        boolean toManual = approved && (o.returnCount + 1 >= settings.maxReturns() || blank(body.newUnitCode()));
        if (approved && !toManual) {
            if (ReferenceData.get().unit(body.newUnitCode()).isEmpty()) {
                throw ProblemException.unprocessable("newUnitCode: no unit " + body.newUnitCode()
                        + " in the reference data").with("field", "newUnitCode");
            }
            if (body.newUnitCode().equals(unit)) {
                throw ProblemException.unprocessable("newUnitCode: " + unit + " is the unit that returned the order")
                        .with("field", "newUnitCode");
            }
        }
        Instant now = Instant.now();
        request.status = body.decision().name();
        request.decidedAt = now;
        request.reviewer = reviewer;
        request.comment = comment;
        String newUnit = approved && !toManual ? body.newUnitCode() : null;
        request.newUnitCode = newUnit;
        history.record(caseId, now, "RETURN_" + body.decision().name(), unit, reviewer,
                comment == null ? null : comment);
        outbox.publish(EventCatalog.CASE_RETURN_DECIDED, caseId, now,
                new ReturnDecided(caseId, unit, body.decision(), now, reviewer, newUnit, comment));
        Map<String, String> details = new LinkedHashMap<>();
        details.put("decision", body.decision().name());
        if (newUnit != null) {
            details.put("newUnitCode", newUnit);
        }
        outbox.publishToUnit(EventCatalog.INBOX_NOTICE, unit, caseId, now, new InboxNotice(caseId, unit,
                Enums.NoticeKind.RETURN_DECIDED, now, approved
                        ? "退单 approved: case " + caseId + " is no longer yours"
                        : "退单 rejected: case " + caseId + " stays with you" + (comment == null ? "" : " (" + comment + ")"),
                details));
        if (!approved) {
            o.status = WorkOrderStatus.DISPATCHED.name();
            o.updatedAt = now;
            return o;
        }
        o.returnCount++;
        if (toManual) {
            dispatcher.toManualQueue(o, now, QueueReason.RETURNED, "returned " + o.returnCount + " times (limit " + settings.maxReturns()
                    + ") or no new unit named");
        } else {
            dispatcher.assign(o, newUnit, Enums.DispatchMode.MANUAL, null, null,
                    "re-dispatched by reviewer after a return", "退单 approved" + (comment == null ? "" : ": " + comment),
                    reviewer, now, null);
        }
        return o;
    }

    @Transactional(value = Transactional.TxType.REQUIRED, dontRollbackOn = ProblemException.class)
    public WorkOrder decideExtension(String caseId, String reviewer, ExtensionDecision body) {
        WorkOrder o = lock(caseId);
        ExtensionRequest request = o.extensionPending ? ExtensionRequest.pending(caseId).orElse(null) : null;
        if (request == null || !o.state().isOpen()) {
            throw conflict(o, "no extension request of case " + caseId + " waits for a decision");
        }
        if (body == null || body.decision() == null) {
            throw ProblemException.unprocessable("decision: required, APPROVED or REJECTED").with("field", "decision");
        }
        boolean granted = body.decision() == Enums.Decision.APPROVED;
        Instant deadline = body.completionDeadline() != null ? body.completionDeadline() : request.requestedDeadline;
        if (granted && !deadline.isAfter(o.completionDeadline)) {
            throw ProblemException.unprocessable("completionDeadline: must be after the current completion deadline "
                    + o.completionDeadline).with("field", "completionDeadline");
        }
        String comment = body.comment() == null || body.comment().isBlank() ? null : body.comment().strip();
        Instant now = Instant.now();
        request.status = body.decision().name();
        request.decidedAt = now;
        request.reviewer = reviewer;
        request.comment = comment;
        o.extensionPending = false;
        o.updatedAt = now;
        if (granted) {
            request.grantedDeadline = deadline;
            o.completionDeadline = deadline;
            deadlines.schedule(o, Enums.DeadlineKind.COMPLETION, deadline);
        }
        history.record(caseId, now, "EXTENSION_" + body.decision().name(), o.unitCode, reviewer,
                granted ? "completion deadline " + deadline : comment);
        outbox.publish(EventCatalog.CASE_EXTENSION_DECIDED, caseId, now, new ExtensionDecided(caseId, o.unitCode,
                body.decision(), now, reviewer, o.completionDeadline, comment));
        outbox.publishToUnit(EventCatalog.INBOX_NOTICE, o.unitCode, caseId, now, new InboxNotice(caseId, o.unitCode,
                Enums.NoticeKind.EXTENSION_DECIDED, now, granted
                        ? "延期 granted: case " + caseId + " is due " + deadline
                        : "延期 denied: case " + caseId + " stays due " + o.completionDeadline,
                Map.of("decision", body.decision().name(), "completionDeadline", o.completionDeadline.toString())));
        return o;
    }

    /** Places an order of the manual-dispatch queue with a unit the reviewer names. */
    @Transactional(value = Transactional.TxType.REQUIRED, dontRollbackOn = ProblemException.class)
    public WorkOrder manualDispatch(String caseId, String reviewer, ManualDispatch body) {
        WorkOrder o = lock(caseId);
        if (o.state() != WorkOrderStatus.AWAITING_MANUAL_DISPATCH) {
            throw conflict(o, "case " + caseId + " is not waiting for manual dispatch");
        }
        if (body == null || blank(body.unitCode()) || ReferenceData.get().unit(body.unitCode()).isEmpty()) {
            throw ProblemException.unprocessable("unitCode: required, a unit of the reference data")
                    .with("field", "unitCode");
        }
        String comment = blank(body.comment()) ? null : body.comment().strip();
        dispatcher.assign(o, body.unitCode(), Enums.DispatchMode.MANUAL, null, null,
                "manual dispatch by a hotline reviewer", comment == null ? "manual dispatch" : comment, reviewer,
                Instant.now(), null);
        return o;
    }

    /** Return requests, oldest first, one page and the total (indexes return_request_status / _unit). */
    public WorkOrderQueries.Paged<ReturnRequest> returns(String status, String unitCode, int page, int size) {
        StringBuilder q = new StringBuilder("1 = 1");
        io.quarkus.panache.common.Parameters p = new io.quarkus.panache.common.Parameters();
        if (status != null) {
            q.append(" and status = :status");
            p.and("status", status);
        }
        if (unitCode != null) {
            q.append(" and unitCode = :unit");
            p.and("unit", unitCode);
        }
        PanacheQuery<ReturnRequest> query = ReturnRequest.find(q.toString(),
                Sort.ascending("requestedAt").and("id"), p);
        return new WorkOrderQueries.Paged<>(query.page(Page.of(page, size)).list(), page, size, query.count());
    }

    /** Extension requests, oldest first, one page and the total (index extension_request_status). */
    public WorkOrderQueries.Paged<ExtensionRequest> extensions(String status, int page, int size) {
        PanacheQuery<ExtensionRequest> query = status == null
                ? ExtensionRequest.findAll(Sort.ascending("requestedAt").and("id"))
                : ExtensionRequest.find("status", Sort.ascending("requestedAt").and("id"), status);
        return new WorkOrderQueries.Paged<>(query.page(Page.of(page, size)).list(), page, size, query.count());
    }

    private static WorkOrder lock(String caseId) {
        WorkOrder o = WorkOrder.findById(caseId, LockModeType.PESSIMISTIC_WRITE);
        if (o == null) {
            throw ProblemException.notFound("no work order for case " + caseId);
        }
        return o;
    }

    private static ProblemException conflict(WorkOrder o, String detail) {
        return ProblemException.conflict(detail + " (state " + o.status + ")").with("currentState", o.status);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
