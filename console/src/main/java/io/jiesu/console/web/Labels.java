package io.jiesu.console.web;

import java.util.Locale;
import java.util.Map;

/**
 * The words people read for the codes the services answer with (statuses, types, outcomes, timeline entries…), in
 * Chinese and English. A code without a word here is shown as it is, so a new one is visible rather than hidden.
 */
public final class Labels {
    private Labels() {
    }

    /** code → {Chinese, English} */
    private static final Map<String, String[]> WORDS = Map.ofEntries(
            // appeal types
            w("CONSULTATION", "咨询", "Consultation"), w("HELP", "求助", "Request for help"), w("COMPLAINT", "投诉", "Complaint"),
            w("REPORT", "举报", "Report"), w("SUGGESTION", "建议", "Suggestion"), w("PRAISE", "表扬", "Praise"),
            // urgency, channels
            w("NORMAL", "一般", "Normal"), w("URGENT", "紧急", "Urgent"),
            w("PHONE", "电话", "Phone"), w("WEB", "网站", "Web"), w("APP", "App", "App"), w("WECHAT", "微信", "WeChat"),
            w("OPEN311", "Open311", "Open311"), w("PROACTIVE", "主动治理", "Proactive"), w("OTHER", "其他", "Other"),
            w("GIVEN", "填写", "given"), w("SUGGESTED", "系统建议", "suggested"),
            // case statuses (intake) and work-order statuses (dispatch)
            w("RECEIVED", "已受理", "Received"), w("ANSWERED_DIRECTLY", "直接答复", "Answered directly"),
            w("LINKED", "重复诉求已关联", "Linked as repeat"), w("DISPATCHED", "已派单", "Dispatched"),
            w("SIGNED_FOR", "已签收", "Signed for"), w("CONTACTED", "已联系", "Contacted"),
            w("COMPLETED", "已办结", "Completed"), w("VISITED", "已回访", "Visited"),
            w("AWAITING_MANUAL_DISPATCH", "待人工派单", "Awaiting manual dispatch"),
            w("RETURN_REQUESTED", "申请退单", "Return requested"), w("REOPENED", "重办", "Reopened"),
            // inbox notice kind (and intake's timeline entry) of a reminder by a district or a reviewer
            w("URGE", "催办", "Urged"),
            // requests and decisions
            w("PENDING", "待审核", "Pending"), w("APPROVED", "同意", "Approved"), w("REJECTED", "驳回", "Rejected"),
            w("WITHDRAWN", "已撤回", "Withdrawn"), w("ACCEPTED", "采纳", "Accepted"),
            w("DIRECT", "直派", "Direct"), w("MANUAL", "人工派单", "Manual"), w("LEAD", "主办", "Lead"),
            w("CO_HANDLER", "协办", "Co-handler"),
            // outcomes, visit answers, objection reasons
            w("RESOLVED", "已解决", "Resolved"), w("PARTLY_RESOLVED", "部分解决", "Partly resolved"),
            w("CONDITIONS_BEING_CREATED", "创造条件解决", "Conditions being created"),
            w("EXPLAINED", "已解释说明", "Explained"), w("CANNOT_SOLVE", "无法解决", "Cannot be solved"),
            w("UNRESOLVED", "未解决", "Unresolved"), w("SATISFIED", "满意", "Satisfied"),
            w("BASICALLY_SATISFIED", "基本满意", "Basically satisfied"), w("DISSATISFIED", "不满意", "Dissatisfied"),
            w("UNREASONABLE_DEMAND", "诉求不合理", "Unreasonable demand"), w("OUTSIDE_DUTY", "非本单位职责", "Outside duty"),
            w("CITIZEN_UNREACHABLE", "联系不上诉求人", "Citizen unreachable"),
            w("SAME_CALLER", "同一来电人", "same caller"), w("SAME_PLACE", "同一地点", "same place"),
            // risk alerts (analytics)
            w("COLLECTIVE_COMPLAINT", "集体诉求", "Collective complaint"), w("DANGEROUS_KEYWORD", "危险关键词", "Dangerous keyword"),
            w("REPEATED_DISSATISFACTION", "反复不满意", "Repeated dissatisfaction"),
            // risk that acts (issue 17.6): the inbox notice kind, intake's timeline entry, the alert being acted on
            w("RISK", "风险预警", "Risk warning"), w("RISK_FLAGGED", "风险词预警", "Risk words flagged"),
            w("ACTING", "处置中", "Being acted on"),
            // unit kinds
            w("CITY", "市级", "City"), w("DISTRICT", "区", "District"), w("STREET", "街道", "Street"), w("TOWN", "乡镇", "Town"),
            w("DEPARTMENT", "部门", "Department"), w("ENTERPRISE", "企事业单位", "Enterprise"),
            // timeline entries (intake's own and the lifecycle events it follows)
            w("REPEAT_APPEAL", "收到重复诉求", "Repeat appeal received"),
            w("REPEAT_APPEAL_SUMMARY", "重复诉求汇总", "Repeat appeals summed up"), w("CALLER_FLAGGED", "来电人超出频次限制", "Caller flagged"),
            w("dispatched", "派单", "Dispatched"), w("signed-for", "签收", "Signed for"), w("contacted", "联系诉求人", "Citizen contacted"),
            w("progress", "办理进展", "Progress"), w("co-handler-added", "增加协办单位", "Co-handler added"),
            w("return-requested", "申请退单", "Return requested"), w("return-decided", "退单审核", "Return decided"),
            w("extension-requested", "申请延期", "Extension requested"), w("extension-decided", "延期审核", "Extension decided"),
            w("completed", "办结", "Completed"), w("reminder", "催办提醒", "Reminder"), w("overdue", "超期", "Overdue"),
            w("redispatched", "改派", "Re-dispatched"), w("reopened", "重办", "Reopened"),
            w("whistle.blown", "吹哨", "Whistle blown"), w("whistle.reported-in", "部门报到", "Department reported in"),
            w("whistle.escalated", "吹哨升级", "Whistle escalated"), w("whistle.closed", "吹哨结束", "Whistle closed"),
            w("evaluation.visit-recorded", "回访", "Return visit"), w("evaluation.objection-filed", "提出申诉", "Objection filed"),
            w("evaluation.objection-decided", "申诉审核", "Objection decided"),
            w("evaluation.reopen-requested", "回访不满意，要求重办", "Reopen requested"),
            // timeline entries as intake names them (the event type in upper snake case)
            w("RETURN_DECIDED", "退单审核", "Return decided"), w("EXTENSION_REQUESTED", "申请延期", "Extension requested"),
            w("EXTENSION_DECIDED", "延期审核", "Extension decided"), w("PROGRESS", "办理进展", "Progress"),
            w("CO_HANDLER_ADDED", "增加协办单位", "Co-handler added"), w("REMINDER", "催办提醒", "Reminder"),
            w("OVERDUE", "超期", "Overdue"), w("REDISPATCHED", "改派", "Re-dispatched"), w("ESCALATED", "上报区级", "Escalated"),
            w("WHISTLE_BLOWN", "吹哨", "Whistle blown"), w("WHISTLE_REPORTED_IN", "部门报到", "Department reported in"),
            w("WHISTLE_ESCALATED", "吹哨升级", "Whistle escalated"), w("WHISTLE_CLOSED", "吹哨结束", "Whistle closed"),
            w("VISIT_RECORDED", "回访", "Return visit"), w("OBJECTION_FILED", "提出申诉", "Objection filed"),
            w("OBJECTION_DECIDED", "申诉审核", "Objection decided"),
            w("REOPEN_REQUESTED", "回访不满意，要求重办", "Reopen requested"),
            // issue 21, the handling unit's desk: inbox messages, contact methods, whistle statuses, peer groups
            w("work-order", "新工单", "New work order"), w("summons", "吹哨召集", "Whistle summons"),
            w("REDISPATCHED_AWAY", "已改派其他单位", "Re-dispatched elsewhere"),
            w("COMMAND_REJECTED", "指令被拒", "Command refused"), w("ESCALATION", "升级上报", "Escalation"),
            w("VISIT", "上门", "Visit"), w("SMS", "短信", "Text message"), w("OPEN", "未结束", "Open"),
            w("CLOSED", "已结束", "Closed"), w("STREET_TOWN", "街道乡镇", "Streets and towns"),
            // issue 21, district/leader/analyst desks: governance measures (MeasureKind, MeasureStatus), the problem
            // list's statuses, evaluation's peer group of streets/towns, open/closed (whistles, risk alerts)
            w("SUPERVISION", "督办", "Supervision"), w("SUPPORT", "帮扶", "Support"), w("INTERVIEW", "约谈", "Interview"),
            w("IN_PROGRESS", "推进中", "In progress"), w("DONE", "已完成", "Done"),
            w("PROPOSED", "待采纳", "Proposed"), w("ADOPTED", "已采纳", "Adopted"),
            w("DROPPED", "已撤销", "Dropped"),
            // why an order waits in the manual-dispatch queue (dispatch's QueueReason; issue 20.3: 地点待确认)
            w("LOCATION_TO_CONFIRM", "地点待确认", "Location to confirm"), w("NO_ROUTE", "无派单规则", "No routing rule"),
            w("RETURNED", "多次退单", "Returned too often"), w("UNKNOWN_UNIT", "指定单位不存在", "Unknown unit named"),
            // account roles
            w("operator", "接线员/回访员", "Call-taker / visits"), w("reviewer", "派单审核员", "Reviewer"),
            w("unit", "承办单位", "Handling unit"), w("district", "区级统筹", "District coordinator"),
            w("leader", "领导", "Leader"), w("analyst", "分析员", "Analyst"), w("admin", "管理员", "Administrator"));

    private static Map.Entry<String, String[]> w(String code, String zh, String en) {
        return Map.entry(code, new String[] {zh, en});
    }

    public static String of(Object code, Locale locale) {
        if (code == null) {
            return "";
        }
        String[] words = WORDS.get(code.toString());
        if (words == null) {
            return code.toString();
        }
        return isEnglish(locale) ? words[1] : words[0];
    }

    static boolean isEnglish(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage());
    }
}
