package io.jiesu.contract.event;

/** Value sets shared by several event types. Each is a closed list in the AsyncAPI document too. */
public final class Enums {
    private Enums() {
    }

    /**
     * How the appeal arrived. OPEN311: through the Open311 GeoReport v2 facade. PROACTIVE: created from the data,
     * not from a call (未诉先办).
     */
    public enum Channel { PHONE, WEB, APP, WECHAT, OPEN311, PROACTIVE, OTHER }

    /** 咨询 求助 投诉 举报 建议 表扬 */
    public enum AppealType { CONSULTATION, HELP, COMPLAINT, REPORT, SUGGESTION, PRAISE }

    public enum Urgency { NORMAL, URGENT }

    /** Whether a value was given by the caller/call-taker or suggested by classification assist. */
    public enum ValueSource { GIVEN, SUGGESTED }

    /** Why a repeat appeal was linked to an open case. */
    public enum LinkReason { SAME_CALLER, SAME_PLACE }

    /** DIRECT: placed by a routing rule; MANUAL: placed by a hotline reviewer. */
    public enum DispatchMode { DIRECT, MANUAL }

    public enum HandlingRole { LEAD, CO_HANDLER }

    public enum Decision { APPROVED, REJECTED }

    /** 办结 outcomes of the v1 completion events; v2 uses {@link CompletionOutcome}. */
    public enum Outcome { RESOLVED, EXPLAINED, CANNOT_SOLVE }

    /**
     * 办结 outcomes (有一办一): RESOLVED 已解决; PARTLY_RESOLVED 部分解决; CONDITIONS_BEING_CREATED 短期不能解决、创造条件解决
     * (with a plan and a follow-up date); EXPLAINED 不能解决、已向群众讲清楚 (with the policy or legal reason).
     * The evaluation scheme decides how each counts.
     */
    public enum CompletionOutcome { RESOLVED, PARTLY_RESOLVED, CONDITIONS_BEING_CREATED, EXPLAINED }

    public enum DeadlineKind { SIGN_FOR, CONTACT, COMPLETION, REPORT_IN }

    public enum NoticeKind { REMINDER, OVERDUE, RETURN_DECIDED, EXTENSION_DECIDED, REPEAT_APPEAL, REDISPATCHED_AWAY, ESCALATION,
        /** A command on unit.<unitCode>.commands was refused; the message says why. */
        COMMAND_REJECTED,
        /** 重办: a completed case came back to its lead unit after a return visit; the message says why. */
        REOPENED,
        /** 催办: a district coordinator (各区统筹) or a hotline reviewer urges the unit on an open order; details say who. */
        URGE,
        /** 风险预警: an appeal with risk words (轻生, 燃气泄漏…) — to the district's and the hotline's supervisors. */
        RISK,
        /**
         * 重复诉求汇总: the repeat appeals linked to the case after the interval's first one (which came as
         * REPEAT_APPEAL), one notice per interval; details {@code count}, {@code from}, {@code to},
         * {@code lastAppealId}, {@code repeatCount} (the order's total).
         */
        REPEAT_APPEAL_SUMMARY }

    public enum EscalationLevel { DISTRICT, CITY }

    public enum Resolution { RESOLVED, PARTLY_RESOLVED, UNRESOLVED }

    public enum Satisfaction { SATISFIED, BASICALLY_SATISFIED, DISSATISFIED }

    public enum ObjectionReason { UNREASONABLE_DEMAND, OUTSIDE_DUTY, CITIZEN_UNREACHABLE, OTHER }

    public enum ObjectionDecision { ACCEPTED, REJECTED }

    public enum RiskKind { COLLECTIVE_COMPLAINT, DANGEROUS_KEYWORD, REPEATED_DISSATISFACTION }

    // governance-type streets/towns (治理类街乡镇): what is done about one, and how far it is (issue 17)
    /** SUPERVISION 督办, SUPPORT 帮扶 (a support task), INTERVIEW 约谈 (the unit's leaders are talked to). */
    public enum MeasureKind { SUPERVISION, SUPPORT, INTERVIEW }

    public enum MeasureStatus { OPEN, IN_PROGRESS, DONE }
}
