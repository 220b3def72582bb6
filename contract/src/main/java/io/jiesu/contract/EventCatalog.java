package io.jiesu.contract;

import io.jiesu.contract.event.*;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every event type of the contract. {@code docs/asyncapi.yaml} describes exactly these (a test keeps them equal).
 * A changed shape is a new version added beside the old one, never an edit of a published one.
 */
public final class EventCatalog {
    private EventCatalog() {
    }

    // telephony.calls — written by the 12345 telephony system
    public static final EventType<TelephonyCall> TELEPHONY_CALL = EventType.of("jiesu.telephony.call.v1",
            Topics.TELEPHONY_CALLS, TelephonyCall.class, "A call record that becomes an appeal");

    // case.intake — intake-service
    public static final EventType<CaseReceived> CASE_RECEIVED = EventType.of("jiesu.case.received.v1",
            Topics.CASE_INTAKE, CaseReceived.class, "An appeal was accepted and needs handling");
    public static final EventType<CaseAnsweredDirectly> CASE_ANSWERED_DIRECTLY = EventType.of(
            "jiesu.case.answered-directly.v1", Topics.CASE_INTAKE, CaseAnsweredDirectly.class,
            "A consultation was answered at intake and closed");
    public static final EventType<CaseLinked> CASE_LINKED = EventType.of("jiesu.case.linked.v1",
            Topics.CASE_INTAKE, CaseLinked.class, "A repeat appeal was linked to an open case");
    public static final EventType<CallerFlagged> CALLER_FLAGGED = EventType.of("jiesu.case.caller-flagged.v1",
            Topics.CASE_INTAKE, CallerFlagged.class, "A caller went over the abusive-calling threshold");

    // case.dispatch — dispatch-service
    public static final EventType<CaseDispatched> CASE_DISPATCHED = EventType.of("jiesu.case.dispatched.v1",
            Topics.CASE_DISPATCH, CaseDispatched.class, "The case became one unit's work order");
    public static final EventType<WorkOrderSignedFor> CASE_SIGNED_FOR = EventType.of("jiesu.case.signed-for.v1",
            Topics.CASE_DISPATCH, WorkOrderSignedFor.class, "The unit signed for the work order");
    public static final EventType<CitizenContacted> CASE_CONTACTED = EventType.of("jiesu.case.contacted.v1",
            Topics.CASE_DISPATCH, CitizenContacted.class, "The unit contacted the citizen");
    public static final EventType<ProgressReported> CASE_PROGRESS = EventType.of("jiesu.case.progress.v1",
            Topics.CASE_DISPATCH, ProgressReported.class, "A progress report");
    public static final EventType<CoHandlingUnitAdded> CASE_CO_HANDLER_ADDED = EventType.of(
            "jiesu.case.co-handler-added.v1", Topics.CASE_DISPATCH, CoHandlingUnitAdded.class,
            "The lead unit added a co-handling unit");
    public static final EventType<ReturnRequested> CASE_RETURN_REQUESTED = EventType.of(
            "jiesu.case.return-requested.v1", Topics.CASE_DISPATCH, ReturnRequested.class,
            "The unit asked to return the order");
    public static final EventType<ReturnDecided> CASE_RETURN_DECIDED = EventType.of("jiesu.case.return-decided.v1",
            Topics.CASE_DISPATCH, ReturnDecided.class, "A reviewer decided a return");
    public static final EventType<ExtensionRequested> CASE_EXTENSION_REQUESTED = EventType.of(
            "jiesu.case.extension-requested.v1", Topics.CASE_DISPATCH, ExtensionRequested.class,
            "The unit asked for an extension");
    public static final EventType<ExtensionDecided> CASE_EXTENSION_DECIDED = EventType.of(
            "jiesu.case.extension-decided.v1", Topics.CASE_DISPATCH, ExtensionDecided.class,
            "A reviewer decided an extension");
    public static final EventType<CaseCompleted> CASE_COMPLETED = EventType.of("jiesu.case.completed.v1",
            Topics.CASE_DISPATCH, CaseCompleted.class, "The lead unit completed the case");
    public static final EventType<CaseCompletedV2> CASE_COMPLETED_V2 = EventType.of("jiesu.case.completed.v2",
            Topics.CASE_DISPATCH, CaseCompletedV2.class,
            "The lead unit completed the case with one of four outcomes (round n after n-1 reopenings)");
    public static final EventType<DeadlineReminder> CASE_REMINDER = EventType.of("jiesu.case.reminder.v1",
            Topics.CASE_DISPATCH, DeadlineReminder.class, "A deadline is near");
    public static final EventType<WorkOrderOverdue> CASE_OVERDUE = EventType.of("jiesu.case.overdue.v1",
            Topics.CASE_DISPATCH, WorkOrderOverdue.class, "A deadline passed");
    public static final EventType<CaseRedispatched> CASE_REDISPATCHED = EventType.of("jiesu.case.redispatched.v1",
            Topics.CASE_DISPATCH, CaseRedispatched.class, "The order moved to another unit");
    public static final EventType<CaseReopened> CASE_REOPENED = EventType.of("jiesu.case.reopened.v1",
            Topics.CASE_DISPATCH, CaseReopened.class,
            "A return visit reopened the case (重办) to the same lead unit for another round");
    public static final EventType<CaseEscalated> CASE_ESCALATED = EventType.of("jiesu.case.escalated.v1",
            Topics.CASE_DISPATCH, CaseEscalated.class,
            "Repeated failure: the case went past the reopening limit and the district was told");
    // 催办 by a district coordinator (各区统筹) or a hotline reviewer (issue 17 point 7)
    public static final EventType<WorkOrderUrged> WORK_ORDER_URGED = EventType.of(
            "jiesu.dispatch.work-order-urged.v1", Topics.CASE_DISPATCH, WorkOrderUrged.class,
            "A district coordinator or a hotline reviewer urged the unit on an open work order (催办)");

    // unit.<unitCode>.inbox — dispatch-service and whistle-service
    public static final EventType<InboxWorkOrder> INBOX_WORK_ORDER = EventType.of("jiesu.inbox.work-order.v1",
            Topics.UNIT_INBOX_TEMPLATE, InboxWorkOrder.class, "A work order for the unit");
    public static final EventType<InboxNotice> INBOX_NOTICE = EventType.of("jiesu.inbox.notice.v1",
            Topics.UNIT_INBOX_TEMPLATE, InboxNotice.class, "A notice about one of the unit's cases");
    public static final EventType<WhistleSummons> INBOX_SUMMONS = EventType.of("jiesu.inbox.summons.v1",
            Topics.UNIT_INBOX_TEMPLATE, WhistleSummons.class, "A whistle summons for a department");

    // unit.<unitCode>.commands — each unit's own system (department integration); read by dispatch-service
    public static final EventType<SignCommand> COMMAND_SIGN = EventType.of("jiesu.command.sign.v1",
            Topics.UNIT_COMMANDS_TEMPLATE, SignCommand.class, "The unit signs for a work order");
    public static final EventType<ContactCommand> COMMAND_CONTACT = EventType.of("jiesu.command.contact.v1",
            Topics.UNIT_COMMANDS_TEMPLATE, ContactCommand.class, "The unit reports contacting the citizen");
    public static final EventType<ProgressCommand> COMMAND_PROGRESS = EventType.of("jiesu.command.progress.v1",
            Topics.UNIT_COMMANDS_TEMPLATE, ProgressCommand.class, "The unit reports progress");
    public static final EventType<ReturnCommand> COMMAND_RETURN = EventType.of("jiesu.command.return.v1",
            Topics.UNIT_COMMANDS_TEMPLATE, ReturnCommand.class, "The unit asks to return a work order");
    public static final EventType<ExtensionCommand> COMMAND_EXTENSION = EventType.of("jiesu.command.extension.v1",
            Topics.UNIT_COMMANDS_TEMPLATE, ExtensionCommand.class, "The unit asks for an extension");
    public static final EventType<CompleteCommand> COMMAND_COMPLETE = EventType.of("jiesu.command.complete.v1",
            Topics.UNIT_COMMANDS_TEMPLATE, CompleteCommand.class, "The unit completes a work order");
    public static final EventType<CompleteCommandV2> COMMAND_COMPLETE_V2 = EventType.of("jiesu.command.complete.v2",
            Topics.UNIT_COMMANDS_TEMPLATE, CompleteCommandV2.class,
            "The unit completes a work order with one of four outcomes");

    // case.whistle — whistle-service
    public static final EventType<WhistleBlown> WHISTLE_BLOWN = EventType.of("jiesu.whistle.blown.v1",
            Topics.CASE_WHISTLE, WhistleBlown.class, "A street/town summoned departments");
    public static final EventType<DepartmentReportedIn> WHISTLE_REPORTED_IN = EventType.of(
            "jiesu.whistle.reported-in.v1", Topics.CASE_WHISTLE, DepartmentReportedIn.class,
            "A summoned department reported in");
    public static final EventType<WhistleEscalated> WHISTLE_ESCALATED = EventType.of("jiesu.whistle.escalated.v1",
            Topics.CASE_WHISTLE, WhistleEscalated.class, "A whistle was escalated");
    public static final EventType<WhistleClosed> WHISTLE_CLOSED = EventType.of("jiesu.whistle.closed.v1",
            Topics.CASE_WHISTLE, WhistleClosed.class, "The lead closed the whistle");
    public static final EventType<WhistleAttendance> WHISTLE_ATTENDANCE = EventType.of(
            "jiesu.whistle.attendance.v1", Topics.CASE_WHISTLE, WhistleAttendance.class,
            "A department's monthly whistle attendance");

    // case.evaluation — evaluation-service
    public static final EventType<VisitRecorded> VISIT_RECORDED = EventType.of(
            "jiesu.evaluation.visit-recorded.v1", Topics.CASE_EVALUATION, VisitRecorded.class,
            "The return visit result that counts for the case");
    public static final EventType<ObjectionFiled> OBJECTION_FILED = EventType.of(
            "jiesu.evaluation.objection-filed.v1", Topics.CASE_EVALUATION, ObjectionFiled.class,
            "A unit objected to a case's scoring");
    public static final EventType<ObjectionDecided> OBJECTION_DECIDED = EventType.of(
            "jiesu.evaluation.objection-decided.v1", Topics.CASE_EVALUATION, ObjectionDecided.class,
            "A reviewer decided an objection");
    public static final EventType<CaseReopenRequested> REOPEN_REQUESTED = EventType.of(
            "jiesu.evaluation.reopen-requested.v1", Topics.CASE_EVALUATION, CaseReopenRequested.class,
            "A return visit found the case unresolved or the citizen dissatisfied: handle it again (重办)");

    // evaluation.results — evaluation-service
    public static final EventType<ScoresPublished> SCORES_PUBLISHED = EventType.of(
            "jiesu.results.scores-published.v1", Topics.EVALUATION_RESULTS, ScoresPublished.class,
            "A revision of a month's scores and rankings");
    public static final EventType<GovernanceListPublished> GOVERNANCE_LIST_PUBLISHED = EventType.of(
            "jiesu.results.governance-list-published.v1", Topics.EVALUATION_RESULTS,
            GovernanceListPublished.class, "The governance-type streets/towns of a month");
    public static final EventType<SchemePublished> SCHEME_PUBLISHED = EventType.of(
            "jiesu.results.scheme-published.v1", Topics.EVALUATION_RESULTS, SchemePublished.class,
            "An evaluation scheme version with the credits every reader rates visits by");
    // evaluation.results — governance-type streets/towns with reasons, commendations, measures (issue 17)
    public static final EventType<GovernanceListPublishedV2> GOVERNANCE_LIST_PUBLISHED_V2 = EventType.of(
            "jiesu.results.governance-list-published.v2", Topics.EVALUATION_RESULTS,
            GovernanceListPublishedV2.class, "The governance-type streets/towns of a month, with why each is listed");
    public static final EventType<CommendationListPublished> COMMENDATION_LIST_PUBLISHED = EventType.of(
            "jiesu.results.commendation-list-published.v1", Topics.EVALUATION_RESULTS,
            CommendationListPublished.class, "The units commended (激励) for a month");
    public static final EventType<GovernanceMeasureAssigned> GOVERNANCE_MEASURE_ASSIGNED = EventType.of(
            "jiesu.results.governance-measure-assigned.v1", Topics.EVALUATION_RESULTS,
            GovernanceMeasureAssigned.class,
            "A supervision measure or support task (督办/帮扶) for a governance-type street/town");

    // analytics.insights — analytics-service
    public static final EventType<HotspotDetected> HOTSPOT_DETECTED = EventType.of(
            "jiesu.insight.hotspot-detected.v1", Topics.ANALYTICS_INSIGHTS, HotspotDetected.class,
            "A spike for a category and street/town");
    public static final EventType<RiskAlert> RISK_ALERT = EventType.of("jiesu.insight.risk-alert.v1",
            Topics.ANALYTICS_INSIGHTS, RiskAlert.class, "A risk early warning");
    public static final EventType<MonthlyTopicProposed> MONTHLY_TOPIC_PROPOSED = EventType.of(
            "jiesu.insight.monthly-topic-proposed.v1", Topics.ANALYTICS_INSIGHTS, MonthlyTopicProposed.class,
            "A candidate monthly topic");
    public static final EventType<ProactiveWorkOrderRequested> PROACTIVE_WORK_ORDER_REQUESTED = EventType.of(
            "jiesu.insight.proactive-work-order-requested.v1", Topics.ANALYTICS_INSIGHTS,
            ProactiveWorkOrderRequested.class, "A request for a proactive work order");

    // analytics.insights — the year's problem list (年度问题清单), issue 17 point 8
    public static final EventType<ProblemProposed> PROBLEM_PROPOSED = EventType.of(
            "jiesu.insight.problem-proposed.v1", Topics.ANALYTICS_INSIGHTS, ProblemProposed.class,
            "A concentrated problem proposed for the year's problem list");
    public static final EventType<ProblemAdopted> PROBLEM_ADOPTED = EventType.of(
            "jiesu.insight.problem-adopted.v1", Topics.ANALYTICS_INSIGHTS, ProblemAdopted.class,
            "Leaders adopted a problem-list entry with its lead department and work plan");

    // risk that acts (issue 17.6): intake flags risk words; analytics' risk-alert actions
    public static final EventType<RiskFlagged> RISK_FLAGGED = EventType.of("jiesu.intake.risk-flagged.v1",
            Topics.CASE_INTAKE, RiskFlagged.class,
            "An appeal holds risk words: made URGENT, the district's and the hotline's supervisors must be told");
    public static final EventType<SupervisionTaskAssigned> SUPERVISION_TASK_ASSIGNED = EventType.of(
            "jiesu.insight.supervision-task-assigned.v1", Topics.ANALYTICS_INSIGHTS, SupervisionTaskAssigned.class,
            "A risk alert became a supervision task for a district's or the hotline's supervisors");
    public static final EventType<RiskAlertClosed> RISK_ALERT_CLOSED = EventType.of(
            "jiesu.insight.risk-alert-closed.v1", Topics.ANALYTICS_INSIGHTS, RiskAlertClosed.class,
            "A risk alert was closed with a note");

    public static final List<EventType<?>> ALL = List.of(TELEPHONY_CALL,
            CASE_RECEIVED, CASE_ANSWERED_DIRECTLY, CASE_LINKED, CALLER_FLAGGED,
            CASE_DISPATCHED, CASE_SIGNED_FOR, CASE_CONTACTED, CASE_PROGRESS, CASE_CO_HANDLER_ADDED,
            CASE_RETURN_REQUESTED, CASE_RETURN_DECIDED, CASE_EXTENSION_REQUESTED, CASE_EXTENSION_DECIDED,
            CASE_COMPLETED, CASE_COMPLETED_V2, CASE_REMINDER, CASE_OVERDUE, CASE_REDISPATCHED, CASE_REOPENED,
            CASE_ESCALATED,
            WORK_ORDER_URGED,
            INBOX_WORK_ORDER, INBOX_NOTICE, INBOX_SUMMONS,
            WHISTLE_BLOWN, WHISTLE_REPORTED_IN, WHISTLE_ESCALATED, WHISTLE_CLOSED, WHISTLE_ATTENDANCE,
            VISIT_RECORDED, OBJECTION_FILED, OBJECTION_DECIDED, REOPEN_REQUESTED,
            SCORES_PUBLISHED, GOVERNANCE_LIST_PUBLISHED, SCHEME_PUBLISHED,
            GOVERNANCE_LIST_PUBLISHED_V2, COMMENDATION_LIST_PUBLISHED, GOVERNANCE_MEASURE_ASSIGNED,
            HOTSPOT_DETECTED, RISK_ALERT, MONTHLY_TOPIC_PROPOSED, PROACTIVE_WORK_ORDER_REQUESTED,
            COMMAND_SIGN, COMMAND_CONTACT, COMMAND_PROGRESS, COMMAND_RETURN, COMMAND_EXTENSION, COMMAND_COMPLETE,
            COMMAND_COMPLETE_V2,
            PROBLEM_PROPOSED, PROBLEM_ADOPTED, RISK_FLAGGED, SUPERVISION_TASK_ASSIGNED, RISK_ALERT_CLOSED);

    private static final Map<String, EventType<?>> BY_TYPE = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(EventType::type, Function.identity()));

    public static Optional<EventType<?>> byType(String ceType) {
        return Optional.ofNullable(BY_TYPE.get(ceType));
    }
}
