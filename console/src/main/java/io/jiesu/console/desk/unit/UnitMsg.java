package io.jiesu.console.desk.unit;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The handling unit desk's words ({@code {unitmsg:key}}): Chinese here, English in {@code messages/unitmsg_en.properties}. */
@MessageBundle(value = "unitmsg", locale = "zh-CN")
public interface UnitMsg {
    @Message("本单位工单")
    String title();

    @Message("本单位考评与申诉")
    String scores_title();

    @Message("新消息")
    String live_title();

    @Message("新工单、催办、重办和其他通知会自动出现在这里")
    String live_hint();

    @Message("已超期")
    String overdue_title();

    @Message("全部工单")
    String orders_title();

    @Message("当前时限")
    String col_step();

    @Message("已提交")
    String done();

    @Message("完成于")
    String done_at();

    @Message("第几轮")
    String round();

    @Message("办理结果")
    String outcome();

    @Message("办理")
    String actions_title();

    @Message("联系方式")
    String contact_method();

    @Message("说明")
    String note();

    @Message("办理情况说明")
    String summary();

    @Message("原因（部分解决、创造条件解决、解释说明时必填）")
    String outcome_reason();

    @Message("解决计划")
    String plan();

    @Message("计划完成日期")
    String follow_up_on();

    @Message("申请延至（北京时间）")
    String requested_deadline();

    @Message("理由")
    String reason();

    @Message("本街乡镇无法单独解决、需要多个部门到场时吹哨，被召集的部门须按时报到。")
    String whistle_hint();

    @Message("召集部门")
    String summoned();

    @Message("事项")
    String matter();

    @Message("吹哨理由")
    String whistle_reason();

    @Message("地址")
    String address();

    @Message("对不应计入本单位考评的工单，可在办结后15日内提出申诉，由审核员决定。")
    String objection_hint();

    @Message("申诉说明")
    String statement();

    @Message("吹哨单位")
    String lead();

    @Message("吹哨时间")
    String blown_at();

    @Message("报到时限")
    String report_deadline();

    @Message("部门报到")
    String report_ins();

    @Message("未报到")
    String missing();

    @Message("已报到")
    String reported();

    @Message("迟到报到")
    String reported_late();

    @Message("未报到")
    String not_reported();

    @Message("负责人及联系方式")
    String responsible_person();

    @Message("承诺事项")
    String commitment();

    @Message("月份（YYYY-MM）")
    String period();

    @Message("查看")
    String show();

    @Message("排名")
    String rank();

    @Message("综合得分")
    String composite();

    @Message("工单数")
    String cases();

    @Message("响应率")
    String response_rate();

    @Message("解决率")
    String resolution_rate();

    @Message("满意率")
    String satisfaction_rate();

    @Message("报到率")
    String attendance_rate();

    @Message("该月尚无考评结果。")
    String no_scores();

    @Message("本单位的申诉")
    String objections_title();

    @Message("提出时间")
    String filed_at();

    @Message("吹哨报到")
    String whistles_title();

    @Message("待本单位报到")
    String you_must_report();

    @Message("均已报到")
    String all_reported();

    /** The name of an action, a whistle step or an objection. */
    @Message("{#when name}{#is 'sign'}签收{#is 'contact'}联系诉求人{#is 'progress'}报告进展{#is 'complete'}办结{#is 'return'}申请退单{#is 'extension'}申请延期{#is 'co-handlers'}增加协办单位{#is 'whistle'}吹哨报到{#is 'objection'}提出申诉{#is 'report'}报到{#is 'close'}结束吹哨{#is 'blown'}吹哨{#else}{name}{/when}")
    String action(String name);
}
