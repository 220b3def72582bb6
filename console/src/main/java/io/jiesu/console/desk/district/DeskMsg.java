package io.jiesu.console.desk.district;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the district, leaders' and analysts' desks (issue 21): Chinese here, English in
 * {@code messages/dmsg_en.properties}. Templates use {@code {dmsg:key}}.
 */
@MessageBundle(value = "dmsg", locale = "zh-CN")
public interface DeskMsg {
    @Message("各区统筹 · {district}")
    String district_title(String district);

    @Message("数据时间")
    String as_of();

    @Message("在办")
    String open();

    @Message("超期")
    String overdue();

    @Message("重办")
    String reopened();

    @Message("24小时内到期")
    String due_soon();

    @Message("已升级")
    String escalated();

    @Message("被催办")
    String urged();

    @Message("各街乡镇及单位")
    String units_title();

    @Message("单位")
    String unit();

    @Message("其余 {count} 个单位没有在办工单。")
    String units_idle(int count);

    @Message("超期工单")
    String overdue_title();

    @Message("承办单位")
    String handled_by();

    @Message("截止时间")
    String deadline();

    @Message("催办")
    String remind();

    @Message("催办内容")
    String remind_message();

    @Message("请尽快办理并回复诉求人。")
    String remind_default();

    @Message("已催办（第 {count} 次），承办单位已收到提醒。")
    String reminded(String count);

    @Message("该工单刚催办过，{minutes} 分钟后可再次催办。")
    String remind_too_soon(long minutes);

    @Message("未能催办：{reason}")
    String remind_refused(String reason);

    @Message("没有超期工单。")
    String no_overdue();

    @Message("升级的吹哨")
    String whistles_title();

    @Message("事项")
    String matter();

    @Message("吹哨单位")
    String whistle_lead();

    @Message("升级至")
    String level();

    @Message("状态")
    String status();

    @Message("未报到")
    String not_reported();

    @Message("吹哨时间")
    String blown_at();

    @Message("没有升级的吹哨。")
    String no_whistles();

    @Message("治理类街乡镇（{month}，第 {revision} 版）")
    String governance_title(String month, Object revision);

    @Message("治理类街乡镇")
    String governance_plain();

    @Message("本月和上月的考评结果尚未发布。")
    String governance_none();

    @Message("街乡镇")
    String street();

    @Message("排名")
    String rank();

    @Message("列入原因")
    String reasons();

    @Message("治理措施")
    String measures();

    @Message("本区没有治理类街乡镇。")
    String governance_empty();

    @Message("督办任务")
    String tasks_title();

    @Message("风险预警")
    String alert();

    @Message("地区")
    String area();

    @Message("要求")
    String note();

    @Message("完成期限")
    String due_date();

    @Message("预警状态")
    String alert_status();

    @Message("没有督办任务。")
    String no_tasks();

    @Message("工单")
    String case_id();

    @Message("类别")
    String category();

    @Message("已逾期")
    String past_due();

    // leaders' desk

    @Message("考评排名")
    String rankings_title();

    @Message("月份")
    String month();

    @Message("查看")
    String show();

    @Message("发布本月结果")
    String publish();

    @Message("发布说明（可选）")
    String publish_reason();

    @Message("已发布 {month} 第 {revision} 版考评结果。")
    String published(String month, String revision);

    @Message("{month} 尚无考评结果，可发布。")
    String no_scores(String month);

    @Message("综合得分")
    String composite();

    @Message("响应率")
    String response_rate();

    @Message("解决率")
    String resolution_rate();

    @Message("满意率")
    String satisfaction_rate();

    @Message("件数")
    String cases();

    @Message("激励名单")
    String commendations_title();

    @Message("本月没有激励名单。")
    String no_commendations();

    @Message("每月一题与年度问题清单")
    String nav_problems();

    @Message("数据看板")
    String nav_dashboard();

    @Message("年度问题清单（{year}）")
    String problems_title(String year);

    @Message("生成候选问题")
    String propose();

    @Message("问题")
    String problem();

    @Message("诉求量")
    String appeals();

    @Message("主责部门")
    String lead_unit();

    @Message("工作方案")
    String work_plan();

    @Message("压降目标（%）")
    String target_pct();

    @Message("问题清单（一项）")
    String problem_item();

    @Message("任务清单（一项）")
    String task_item();

    @Message("任务完成月份")
    String task_due();

    @Message("政策清单（一项）")
    String policy_item();

    @Message("采纳")
    String adopt();

    @Message("已采纳：{title}")
    String adopted(String title);

    @Message("月度跟踪")
    String tracking();

    @Message("较基线")
    String vs_baseline();

    @Message("达标")
    String on_target();

    @Message("进展")
    String progress();

    @Message("没有问题清单条目，可先生成候选问题。")
    String no_problems();

    @Message("每月一题（{period}）")
    String topics_title(String period);

    @Message("候选")
    String candidates();

    @Message("得分")
    String score();

    @Message("已采纳的每月一题")
    String adopted_topics();

    @Message("题目")
    String title();

    @Message("方案")
    String plan();

    @Message("没有候选题目。")
    String no_candidates();

    @Message("还没有采纳的每月一题。")
    String no_topics();

    @Message("本月没有治理类街乡镇。")
    String governance_empty_city();

    @Message("民生大数据看板")
    String dashboard_title();

    @Message("诉求趋势")
    String chart_trend();

    @Message("各区诉求量")
    String chart_districts();

    @Message("高频问题（近7天）")
    String chart_top();

    @Message("诉求渠道")
    String chart_channels();

    @Message("正在加载…")
    String loading();

    @Message("数据加载失败：")
    String load_failed();

    @Message("风险预警（待处置与处置中）")
    String alerts_title();

    @Message("预警状态")
    String alert_state();
}
