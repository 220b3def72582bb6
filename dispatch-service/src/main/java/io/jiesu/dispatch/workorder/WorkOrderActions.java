package io.jiesu.dispatch.workorder;

import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.event.CaseCompletedV2;
import io.jiesu.contract.event.CitizenContacted;
import io.jiesu.contract.event.CoHandlingUnitAdded;
import io.jiesu.contract.event.CompleteCommand;
import io.jiesu.contract.event.CompleteCommandV2;
import io.jiesu.contract.event.ContactCommand;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.ExtensionCommand;
import io.jiesu.contract.event.ExtensionRequested;
import io.jiesu.contract.event.ProgressCommand;
import io.jiesu.contract.event.ProgressReported;
import io.jiesu.contract.event.ReturnCommand;
import io.jiesu.contract.event.ReturnRequested;
import io.jiesu.contract.event.SignCommand;
import io.jiesu.contract.event.WorkOrderSignedFor;
import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.dispatch.completion.CompleteRequest;
import io.jiesu.dispatch.completion.CompletionRules;
import io.jiesu.dispatch.completion.FollowUps;
import io.jiesu.dispatch.deadline.Deadlines;
import io.jiesu.dispatch.review.ExtensionRequest;
import io.jiesu.dispatch.review.ReturnRequest;
import io.jiesu.platform.outbox.Outbox;
import io.jiesu.platform.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The unit actions on a work order — the same for REST and for the Kafka command topics. Each locks the order,
 * checks that the caller's unit holds it (403 that reveals nothing otherwise) and that the state machine allows the
 * action (409 with {@code currentState} and {@code allowedActions}), then changes the order, records history,
 * moves the deadline timers and publishes on {@code case.dispatch} — in one transaction. Every check comes before
 * the first write, so a refused action changes nothing ({@code dontRollbackOn}: a command consumer answers the
 * refusal in the same transaction).
 */
@ApplicationScoped
public class WorkOrderActions {
    @Inject
    Outbox outbox;
    @Inject
    History history;
    @Inject
    Deadlines deadlines;
    @Inject
    Dispatcher dispatcher;
    @Inject
    DispatchSettings settings;
    @Inject
    FollowUps followUps;

    @Transactional(value = Transactional.TxType.REQUIRED, dontRollbackOn = ProblemException.class)
    public WorkOrder sign(String caseId, Actor actor, SignCommand body) {
        WorkOrder o = lockAsLead(caseId, actor, Action.SIGN);
        String signedBy = optional(body == null ? null : body.signedBy(), "signedBy", 200);
        Instant now = Instant.now();
        boolean late = now.isAfter(o.signForDeadline);
        o.status = WorkOrderStatus.SIGNED_FOR.name();
        o.signedAt = now;
        o.signedBy = signedBy != null ? signedBy : actor.name();
        o.updatedAt = now;
        deadlines.cancel(caseId, Enums.DeadlineKind.SIGN_FOR);
        history.record(caseId, now, "SIGNED_FOR", o.unitCode, actor.name(), late ? "late" : null);
        outbox.publish(EventCatalog.CASE_SIGNED_FOR, caseId, now,
                new WorkOrderSignedFor(caseId, o.unitCode, now, o.signedBy, late));
        return o;
    }

    @Transactional(value = Transactional.TxType.REQUIRED, dontRollbackOn = ProblemException.class)
    public WorkOrder contact(String caseId, Actor actor, ContactCommand body) {
        WorkOrder o = lockAsLead(caseId, actor, Action.CONTACT);
        String method = required(body == null ? null : body.method(), "method", 40);
        String note = optional(body.note(), "note", 4000);
        Instant now = Instant.now();
        boolean late = now.isAfter(o.contactDeadline);
        o.status = WorkOrderStatus.CONTACTED.name();
        o.contactedAt = now;
        o.contactMethod = method;
        o.updatedAt = now;
        deadlines.cancel(caseId, Enums.DeadlineKind.CONTACT);
        history.record(caseId, now, "CONTACTED", o.unitCode, actor.name(), method + (note == null ? "" : ": " + note));
        outbox.publish(EventCatalog.CASE_CONTACTED, caseId, now,
                new CitizenContacted(caseId, o.unitCode, now, method, note, late));
        return o;
    }

    /** The lead or a co-handling unit reports progress. */
    @Transactional(value = Transactional.TxType.REQUIRED, dontRollbackOn = ProblemException.class)
    public WorkOrder progress(String caseId, Actor actor, ProgressCommand body) {
        WorkOrder o = lock(caseId, actor);
        boolean lead = actor.unitCode().equals(o.unitCode);
        if (!lead && !CoHandler.isCoHandler(caseId, actor.unitCode())) {
            throw notYours(caseId, actor);
        }
        requireAllowed(o, Action.PROGRESS, allowed(o));
        String note = required(body == null ? null : body.note(), "note", 4000);
        Instant now = Instant.now();
        Enums.HandlingRole role = lead ? Enums.HandlingRole.LEAD : Enums.HandlingRole.CO_HANDLER;
        o.updatedAt = now;
        history.record(caseId, now, "PROGRESS", actor.unitCode(), actor.name(), role + ": " + note);
        outbox.publish(EventCatalog.CASE_PROGRESS, caseId, now,
                new ProgressReported(caseId, actor.unitCode(), role, now, note));
        return o;
    }

    /** 退单: before sign-for and within the return window; a reviewer decides. */
    @Transactional(value = Transactional.TxType.REQUIRED, dontRollbackOn = ProblemException.class)
    public WorkOrder requestReturn(String caseId, Actor actor, ReturnCommand body) {
        WorkOrder o = lockAsLead(caseId, actor, Action.RETURN);
        String reason = required(body == null ? null : body.reason(), "reason", 2000);
        Instant now = Instant.now();
        ReturnRequest request = new ReturnRequest();
        request.caseId = caseId;
        request.unitCode = o.unitCode;
        request.requestedAt = now;
        request.reason = reason;
        request.status = "PENDING";
        request.persist();
        o.status = WorkOrderStatus.RETURN_REQUESTED.name();
        o.updatedAt = now;
        history.record(caseId, now, "RETURN_REQUESTED", o.unitCode, actor.name(), reason);
        outbox.publish(EventCatalog.CASE_RETURN_REQUESTED, caseId, now,
                new ReturnRequested(caseId, o.unitCode, now, reason));
        return o;
    }

    /** 延期: a reason and a new completion deadline; a reviewer grants or denies. */
    @Transactional(value = Transactional.TxType.REQUIRED, dontRollbackOn = ProblemException.class)
    public WorkOrder requestExtension(String caseId, Actor actor, ExtensionCommand body) {
        WorkOrder o = lockAsLead(caseId, actor, Action.EXTENSION);
        String reason = required(body == null ? null : body.reason(), "reason", 2000);
        Instant requested = body.requestedDeadline();
        if (requested == null) {
            throw ProblemException.unprocessable("requestedDeadline: required, an RFC 3339 time after the current "
                    + "completion deadline " + o.completionDeadline).with("field", "requestedDeadline");
        }
        if (!requested.isAfter(o.completionDeadline)) {
            throw ProblemException.unprocessable("requestedDeadline: must be after the current completion deadline "
                    + o.completionDeadline).with("field", "requestedDeadline");
        }
        Instant now = Instant.now();
        ExtensionRequest request = new ExtensionRequest();
        request.caseId = caseId;
        request.unitCode = o.unitCode;
        request.requestedAt = now;
        request.reason = reason;
        request.requestedDeadline = requested;
        request.status = "PENDING";
        request.persist();
        o.extensionPending = true;
        o.updatedAt = now;
        history.record(caseId, now, "EXTENSION_REQUESTED", o.unitCode, actor.name(), requested + ": " + reason);
        outbox.publish(EventCatalog.CASE_EXTENSION_REQUESTED, caseId, now,
                new ExtensionRequested(caseId, o.unitCode, now, reason, requested));
        return o;
    }

    /** 办结 over REST: the v2 outcomes, or v1's (CANNOT_SOLVE → EXPLAINED). Rules: {@link CompletionRules}. */
    @Transactional(value = Transactional.TxType.REQUIRED, dontRollbackOn = ProblemException.class)
    public WorkOrder complete(String caseId, Actor actor, CompleteRequest body) {
        return complete(caseId, actor, today -> CompletionRules.check(body, today));
    }

    /** 办结 by {@code jiesu.command.complete.v2}. */
    @Transactional(value = Transactional.TxType.REQUIRED, dontRollbackOn = ProblemException.class)
    public WorkOrder complete(String caseId, Actor actor, CompleteCommandV2 body) {
        return complete(caseId, actor, today -> CompletionRules.check(body, today));
    }

    /** 办结 by {@code jiesu.command.complete.v1} (older department systems). */
    @Transactional(value = Transactional.TxType.REQUIRED, dontRollbackOn = ProblemException.class)
    public WorkOrder complete(String caseId, Actor actor, CompleteCommand body) {
        return complete(caseId, actor, today -> CompletionRules.checkV1(body, today));
    }

    /**
     * State and ownership first (403/409), then the outcome's rules (422). Publishes {@code jiesu.case.completed.v2}
     * with the order's round; CONDITIONS_BEING_CREATED schedules the follow-up reminder.
     */
    private WorkOrder complete(String caseId, Actor actor, Function<LocalDate, CompletionRules.Completion> rules) {
        WorkOrder o = lockAsLead(caseId, actor, Action.COMPLETE);
        CompletionRules.Completion c = rules.apply(Dispatcher.today());
        Instant now = Instant.now();
        boolean late = now.isAfter(o.completionDeadline);
        o.status = WorkOrderStatus.COMPLETED.name();
        o.completedAt = now;
        o.outcome = c.outcome().name();
        o.completionSummary = c.summary();
        o.completionReason = c.reason();
        o.completionPlan = c.plan();
        o.followUpOn = c.followUpOn();
        if (o.extensionPending) {
            ExtensionRequest.pending(caseId).ifPresent(r -> r.status = "WITHDRAWN");
            o.extensionPending = false;
        }
        o.updatedAt = now;
        deadlines.cancelAll(caseId);
        if (c.followUpOn() != null) {
            followUps.schedule(o);
        }
        history.record(caseId, now, "COMPLETED", o.unitCode, actor.name(), c.outcome() + ": " + c.summary()
                + (c.followUpOn() == null ? "" : " (follow-up " + c.followUpOn() + ")")
                + (o.round > 1 ? " [round " + o.round + "]" : ""));
        outbox.publish(EventCatalog.CASE_COMPLETED_V2, caseId, now, new CaseCompletedV2(caseId, o.unitCode, now,
                c.outcome(), c.summary(), c.reason(), c.plan(), c.followUpOn(), late, o.round));
        return o;
    }

    /** The lead adds a co-handling unit (协办): it receives the order on its inbox and may report progress. */
    @Transactional(value = Transactional.TxType.REQUIRED, dontRollbackOn = ProblemException.class)
    public WorkOrder addCoHandler(String caseId, Actor actor, CoHandlerRequest body) {
        WorkOrder o = lockAsLead(caseId, actor, Action.CO_HANDLER);
        String unit = required(body == null ? null : body.unitCode(), "unitCode", 64);
        String note = optional(body.note(), "note", 2000);
        if (ReferenceData.get().unit(unit).isEmpty()) {
            throw ProblemException.unprocessable("unitCode: no unit " + unit + " in the reference data")
                    .with("field", "unitCode");
        }
        if (unit.equals(o.unitCode)) {
            throw ProblemException.unprocessable("unitCode: " + unit + " is the lead unit itself")
                    .with("field", "unitCode");
        }
        if (CoHandler.isCoHandler(caseId, unit)) {
            throw ProblemException.conflict(unit + " already co-handles case " + caseId);
        }
        Instant now = Instant.now();
        CoHandler co = new CoHandler();
        co.caseId = caseId;
        co.unitCode = unit;
        co.addedAt = now;
        co.addedBy = actor.name();
        co.note = note;
        co.persist();
        o.updatedAt = now;
        history.record(caseId, now, "CO_HANDLER_ADDED", unit, actor.name(), note);
        outbox.publish(EventCatalog.CASE_CO_HANDLER_ADDED, caseId, now,
                new CoHandlingUnitAdded(caseId, o.unitCode, unit, now, note));
        outbox.publishToUnit(EventCatalog.INBOX_WORK_ORDER, unit, caseId, now,
                dispatcher.inboxOrder(o, unit, Enums.HandlingRole.CO_HANDLER, now));
        return o;
    }

    /** The actions the holding unit may take now: the state's, narrowed by the return window and pending requests. */
    public Set<Action> allowed(WorkOrder o) {
        Set<Action> actions = o.state().actions();
        if (actions.contains(Action.RETURN) && (o.dispatchedAt == null
                || Instant.now().isAfter(o.dispatchedAt.plus(settings.returnWindow())))) {
            actions.remove(Action.RETURN);
        }
        if (o.extensionPending) {
            actions.remove(Action.EXTENSION);
        }
        return actions;
    }

    public static List<String> paths(Set<Action> actions) {
        return actions.stream().sorted().map(a -> a.path).toList();
    }

    private WorkOrder lock(String caseId, Actor actor) {
        WorkOrder o = caseId == null ? null : WorkOrder.findById(caseId, LockModeType.PESSIMISTIC_WRITE);
        if (o == null) {
            throw notYours(caseId, actor);
        }
        return o;
    }

    private WorkOrder lockAsLead(String caseId, Actor actor, Action action) {
        WorkOrder o = lock(caseId, actor);
        if (!actor.unitCode().equals(o.unitCode)) {
            if (o.unitCode != null && CoHandler.isCoHandler(caseId, actor.unitCode())) {
                throw ProblemException.forbidden("unit " + actor.unitCode() + " co-handles case " + caseId
                        + ": only the lead unit may " + action.path + " (a co-handler reports progress)");
            }
            throw notYours(caseId, actor);
        }
        requireAllowed(o, action, allowed(o));
        return o;
    }

    private void requireAllowed(WorkOrder o, Action action, Set<Action> allowed) {
        if (allowed.contains(action)) {
            return;
        }
        String detail;
        if (action == Action.RETURN && o.state() == WorkOrderStatus.DISPATCHED) {
            detail = "the return window (" + settings.returnWindow().toMinutes() + " min after dispatch) closed at "
                    + o.dispatchedAt.plus(settings.returnWindow());
        } else if (action == Action.EXTENSION && o.extensionPending) {
            detail = "an extension request of this order is waiting for a reviewer's decision";
        } else {
            detail = "cannot " + action.path + " a work order in state " + o.status;
        }
        throw ProblemException.conflict(detail + "; allowed now: " + paths(allowed))
                .with("currentState", o.status).with("allowedActions", paths(allowed));
    }

    /** The same 403 whether the order does not exist or belongs to another unit: the caller learns nothing. */
    static ProblemException notYours(String caseId, Actor actor) {
        return ProblemException.forbidden("work order " + caseId + " is not one of unit " + actor.unitCode()
                + "'s work orders");
    }

    static String required(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw ProblemException.unprocessable(field + ": required, must not be blank").with("field", field);
        }
        return optional(value, field, max);
    }

    static String optional(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > max) {
            throw ProblemException.unprocessable(field + ": at most " + max + " characters").with("field", field);
        }
        return value.strip();
    }
}
