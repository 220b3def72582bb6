package io.jiesu.dispatch.workorder;

import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.event.CaseDispatched;
import io.jiesu.contract.event.CaseReceived;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.InboxWorkOrder;
import io.jiesu.dispatch.routing.Router;
import io.jiesu.dispatch.timelimit.TimeLimitPolicy;
import io.jiesu.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Optional;

/**
 * Direct dispatch (直派): turns a received case into exactly one unit's work order, with the rule that placed it
 * and deadlines from the time-limit policy, and tells the unit through its inbox — all in one transaction.
 */
@ApplicationScoped
public class Dispatcher {
    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    @Inject
    Router router;
    @Inject
    Outbox outbox;

    @Transactional(Transactional.TxType.MANDATORY)
    public void dispatch(CaseReceived received) {
        if (WorkOrder.findById(received.caseId()) != null) {
            LOG.infof("case %s already has a work order; not dispatched again", received.caseId());
            return;
        }
        var location = received.location();
        WorkOrder order = new WorkOrder();
        order.caseId = received.caseId();
        order.receivedAt = received.receivedAt();
        order.urgency = received.urgency().name();
        order.appealType = received.type().name();
        order.categoryCode = received.categoryCode();
        order.districtCode = location.districtCode();
        order.streetCode = location.streetCode();
        order.content = received.content();
        Instant now = Instant.now();
        order.updatedAt = now;

        Optional<Router.Route> route = router.route(received.categoryCode(), location.districtCode(),
                location.streetCode());
        if (route.isEmpty()) {
            order.status = WorkOrderStatus.AWAITING_MANUAL_DISPATCH.name();
            order.persist();
            LOG.warnf("case %s: no routing rule places it; waiting for manual dispatch", received.caseId());
            return;
        }
        Router.Route r = route.get();
        TimeLimitPolicy.Deadlines deadlines = TimeLimitPolicy.applicable(received.urgency(), received.type())
                .deadlinesFrom(now);
        order.unitCode = r.unitCode();
        order.status = WorkOrderStatus.DISPATCHED.name();
        order.mode = Enums.DispatchMode.DIRECT.name();
        order.ruleId = r.ruleId();
        order.ruleDescription = r.ruleDescription();
        order.dispatchedAt = now;
        order.signForDeadline = deadlines.signFor();
        order.contactDeadline = deadlines.contact();
        order.completionDeadline = deadlines.completion();
        order.persist();

        outbox.publish(EventCatalog.CASE_DISPATCHED, order.caseId, now, new CaseDispatched(order.caseId,
                order.unitCode, Enums.DispatchMode.DIRECT, r.ruleId(), r.ruleDescription(), now,
                deadlines.signFor(), deadlines.contact(), deadlines.completion(), received.urgency(), received.type(),
                received.categoryCode(), location.districtCode(), location.streetCode()));
        outbox.publishToUnit(EventCatalog.INBOX_WORK_ORDER, order.unitCode, order.caseId, now, new InboxWorkOrder(
                order.caseId, order.unitCode, Enums.HandlingRole.LEAD, now, deadlines.signFor(), deadlines.contact(),
                deadlines.completion(), received.urgency(), received.type(), received.categoryCode(), location,
                received.content(), received.citizen(), r.ruleId()));
        LOG.infof("case %s dispatched to %s by rule %s", order.caseId, order.unitCode, r.ruleId());
    }
}
