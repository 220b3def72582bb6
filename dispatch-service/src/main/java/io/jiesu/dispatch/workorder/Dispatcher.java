package io.jiesu.dispatch.workorder;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.Json;
import io.jiesu.contract.event.CaseDispatched;
import io.jiesu.contract.event.CaseReceived;
import io.jiesu.contract.event.CaseRedispatched;
import io.jiesu.contract.event.Citizen;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.InboxWorkOrder;
import io.jiesu.contract.event.Location;
import io.jiesu.contract.event.ProactiveWorkOrderRequested;
import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.dispatch.deadline.Deadlines;
import io.jiesu.dispatch.routing.Router;
import io.jiesu.dispatch.timelimit.TimeLimitPolicy;
import io.jiesu.dispatch.timelimit.TimeLimits;
import io.jiesu.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Direct dispatch (直派): turns a received case into exactly one unit's work order, with the rule that placed it
 * and deadlines from the time-limit policy, and tells the unit through its inbox — all in one transaction. Also
 * places orders by hand (manual dispatch), moves them after an approved return, and turns proactive requests
 * (未诉先办) into orders.
 */
@ApplicationScoped
public class Dispatcher {
    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    @Inject
    Router router;
    @Inject
    Outbox outbox;
    @Inject
    Deadlines deadlines;
    @Inject
    History history;
    @Inject
    TimeLimits timeLimits;
    @Inject
    PollLookups lookups;

    @Transactional(Transactional.TxType.MANDATORY)
    public void dispatch(CaseReceived received) {
        if (lookups.find(received.caseId()) != null) {
            LOG.infof("case %s already has a work order; not dispatched again", received.caseId());
            return;
        }
        lookups.created(received.caseId()); // persisted below, in this transaction
        var location = received.location();
        WorkOrder order = new WorkOrder();
        order.caseId = received.caseId();
        order.channel = received.channel() == null ? Enums.Channel.OTHER.name() : received.channel().name();
        order.receivedAt = received.receivedAt();
        order.urgency = received.urgency().name();
        order.appealType = received.type().name();
        order.categoryCode = received.categoryCode();
        order.districtCode = location.districtCode();
        order.streetCode = location.streetCode();
        order.content = received.content();
        order.citizenJson = json(received.citizen());
        order.locationJson = json(location);
        Instant now = Instant.now();
        order.updatedAt = now;

        if (received.locationNeedsConfirming()) {
            // 地点待确认: no street/town to route by — a reviewer confirms the place, nothing is guessed
            toManualQueue(order, now, QueueReason.LOCATION_TO_CONFIRM, "地点待确认: intake could not resolve the "
                    + "street/town from the citizen's location" + (location.districtCode() == null ? ""
                            : " (district " + location.districtCode() + ")"));
            return;
        }
        Optional<Router.Route> route = router.route(received.categoryCode(), location.districtCode(),
                location.streetCode());
        if (route.isEmpty()) {
            toManualQueue(order, now, QueueReason.NO_ROUTE, "no routing rule places category "
                    + received.categoryCode() + " at " + location.streetCode());
            return;
        }
        Router.Route r = route.get();
        assign(order, r.unitCode(), Enums.DispatchMode.DIRECT, r.ruleId(), r.ruleVersion(), r.ruleDescription(),
                null, "routing", now, null);
    }

    /**
     * 未诉先办: a proactive work-order request from analytics becomes an order for the named unit, channel PROACTIVE;
     * its due date (end of that day, Beijing time) is the completion deadline when given.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void dispatchProactive(ProactiveWorkOrderRequested request) {
        if (request.caseId() == null || request.caseId().isBlank()) {
            throw new io.jiesu.platform.consumer.PoisonMessageException("proactive request without caseId");
        }
        if (WorkOrder.findById(request.caseId()) != null) {
            LOG.infof("case %s already has a work order; proactive request %s ignored", request.caseId(),
                    request.requestId());
            return;
        }
        Location location = request.location();
        WorkOrder order = new WorkOrder();
        order.caseId = request.caseId();
        order.channel = Enums.Channel.PROACTIVE.name();
        order.sourceRequestId = request.requestId();
        order.receivedAt = request.requestedAt() != null ? request.requestedAt() : Instant.now();
        order.urgency = Enums.Urgency.NORMAL.name();
        order.appealType = Enums.AppealType.SUGGESTION.name();
        order.categoryCode = request.categoryCode() == null ? "OTHER" : request.categoryCode();
        order.districtCode = location == null || location.districtCode() == null ? "" : location.districtCode();
        order.streetCode = location == null || location.streetCode() == null ? "" : location.streetCode();
        order.content = request.content() == null ? "" : request.content();
        order.locationJson = location == null ? null : json(location);
        Instant now = Instant.now();
        order.updatedAt = now;
        if (request.unitCode() == null || ReferenceData.get().unit(request.unitCode()).isEmpty()) {
            toManualQueue(order, now, QueueReason.UNKNOWN_UNIT, "proactive request " + request.requestId()
                    + " names unknown unit " + request.unitCode());
            return;
        }
        Instant due = request.dueDate() == null ? null
                : request.dueDate().plusDays(1).atStartOfDay(BEIJING).toInstant();
        assign(order, request.unitCode(), Enums.DispatchMode.DIRECT, "proactive", null,
                "未诉先办: requested by analytics" + (request.topicId() == null ? "" : " (topic " + request.topicId() + ")"),
                null, "analytics:" + request.requestId(), now, due);
    }

    /** Puts an order into the manual-dispatch queue (no unit holds it; hotline reviewers place it), saying why. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void toManualQueue(WorkOrder order, Instant now, QueueReason reason, String why) {
        boolean isNew = order.status == null;
        if (order.unitCode != null) {
            order.previousUnitCode = order.unitCode;
        }
        order.unitCode = null;
        order.status = WorkOrderStatus.AWAITING_MANUAL_DISPATCH.name();
        order.queueReason = reason.name();
        order.updatedAt = now;
        if (isNew) {
            order.persist();
        }
        deadlines.cancelAll(order.caseId);
        history.record(order.caseId, now, "AWAITING_MANUAL_DISPATCH", null, "dispatch", why);
        LOG.warnf("case %s waits for manual dispatch: %s", order.caseId, why);
    }

    /**
     * Gives the order to {@code unitCode} with fresh deadlines from the time-limit policy and tells the unit. The
     * first placement publishes {@code case.dispatched}; a later one (approved return, manual re-dispatch)
     * {@code case.redispatched} from the previous unit.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void assign(WorkOrder order, String unitCode, Enums.DispatchMode mode, String ruleId, Integer ruleVersion,
            String ruleDescription, String reason, String actor, Instant now, Instant completionOverride) {
        now = now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        boolean first = order.dispatchedAt == null;
        String from = order.unitCode != null ? order.unitCode : order.previousUnitCode;
        TimeLimitPolicy.Deadlines limits = timeLimits.applicable(Enums.Urgency.valueOf(order.urgency),
                Enums.AppealType.valueOf(order.appealType)).deadlinesFrom(now);
        Instant completion = completionOverride != null && completionOverride.isAfter(limits.contact())
                ? completionOverride : limits.completion();
        boolean isNew = order.status == null;
        order.previousUnitCode = from;
        order.unitCode = unitCode;
        order.status = WorkOrderStatus.DISPATCHED.name();
        order.queueReason = null;
        order.mode = mode.name();
        order.ruleId = ruleId;
        order.ruleVersion = ruleVersion;
        order.ruleDescription = ruleDescription;
        order.dispatchedAt = now;
        order.signForDeadline = limits.signFor();
        order.contactDeadline = limits.contact();
        order.completionDeadline = completion;
        order.extensionPending = false;
        order.updatedAt = now;
        if (isNew) {
            order.persist();
        }
        if (first) {
            outbox.publish(EventCatalog.CASE_DISPATCHED, order.caseId, now, new CaseDispatched(order.caseId,
                    unitCode, mode, ruleId, ruleDescription, now, order.signForDeadline, order.contactDeadline,
                    order.completionDeadline, Enums.Urgency.valueOf(order.urgency),
                    Enums.AppealType.valueOf(order.appealType), order.categoryCode, order.districtCode,
                    order.streetCode));
        } else {
            outbox.publish(EventCatalog.CASE_REDISPATCHED, order.caseId, now, new CaseRedispatched(order.caseId,
                    from, unitCode, now, reason, order.signForDeadline, order.contactDeadline,
                    order.completionDeadline));
        }
        outbox.publishToUnit(EventCatalog.INBOX_WORK_ORDER, unitCode, order.caseId, now,
                inboxOrder(order, unitCode, Enums.HandlingRole.LEAD, now));
        deadlines.scheduleAll(order);
        history.record(order.caseId, now, first ? "DISPATCHED" : "REDISPATCHED", unitCode, actor,
                (ruleId == null ? "" : "rule " + ruleId + (ruleVersion == null ? "" : " v" + ruleVersion) + "; ")
                        + (reason == null ? mode.name() : reason));
        LOG.infof("case %s %s to %s (%s %s)", order.caseId, first ? "dispatched" : "re-dispatched", unitCode, mode,
                ruleId);
    }

    /** The inbox message that hands the order (as lead or co-handler) to a unit's own system. */
    public InboxWorkOrder inboxOrder(WorkOrder o, String unitCode, Enums.HandlingRole role, Instant now) {
        return new InboxWorkOrder(o.caseId, unitCode, role, now, o.signForDeadline, o.contactDeadline,
                o.completionDeadline, Enums.Urgency.valueOf(o.urgency), Enums.AppealType.valueOf(o.appealType),
                o.categoryCode, read(o.locationJson, Location.class), o.content, read(o.citizenJson, Citizen.class),
                o.ruleId);
    }

    static String json(Object value) {
        try {
            return value == null ? null : Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return json == null ? null : Json.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static LocalDate today() {
        return LocalDate.now(BEIJING);
    }
}
