package io.jiesu.console.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The console's words: Chinese here (the default), English in {@code messages/msg_en.properties}. Templates use
 * {@code {msg:key}}; the page's locale picks the language.
 */
@MessageBundle(value = "msg", locale = "zh-CN")
public interface Msg {
    @Message("接诉即办工作台")
    String app_name();

    @Message("主菜单")
    String menu();

    @Message("跳到正文")
    String skip_to_content();

    @Message("接线受理")
    String nav_call();

    @Message("工单查询")
    String nav_cases();

    @Message("回访")
    String nav_visits();

    @Message("派单审核")
    String nav_review();

    @Message("系统管理")
    String nav_admin();

    @Message("账户")
    String nav_accounts();

    @Message("本单位工单")
    String nav_unit();

    @Message("区级统筹")
    String nav_district();

    @Message("考评与专题")
    String nav_leader();

    @Message("登录")
    String sign_in();

    @Message("退出")
    String sign_out();

    @Message("用户名")
    String username();

    @Message("密码")
    String password();

    @Message("用户名或密码错误；连续多次输错后账户将暂时锁定，请稍后再试或联系管理员。")
    String sign_in_failed();

    @Message("您已安全退出。")
    String signed_out();

    @Message("没有账户？请联系系统管理员开通。")
    String sign_in_help();

    @Message("市民查询办理进度")
    String track_link();

    @Message("返回上一页")
    String go_back();

    @Message("回到我的工作台")
    String to_my_desk();

    @Message("接线受理（边听边录）")
    String call_title();

    @Message("已受理，请向来电人告知工单编号：")
    String call_done();

    @Message("查看工单")
    String open_case();

    @Message("诉求类型")
    String field_type();

    @Message("紧急程度")
    String field_urgency();

    @Message("按规则判断")
    String by_rules();

    @Message("诉求内容")
    String field_content();

    @Message("诉求分类")
    String field_category();

    @Message("由系统按内容建议")
    String category_by_rules();

    @Message("诉求地点")
    String field_location();

    @Message("区")
    String field_district();

    @Message("街道/乡镇")
    String field_street();

    @Message("社区/村")
    String field_community();

    @Message("详细地址")
    String field_address();

    @Message("来电人姓名")
    String field_name();

    @Message("联系电话")
    String field_phone();

    @Message("匿名")
    String field_anonymous();

    @Message("保密（不向承办单位透露身份）")
    String field_confidential();

    @Message("来电人")
    String field_citizen();

    @Message("工单编号")
    String field_case_id();

    @Message("起始日期")
    String field_from();

    @Message("截止日期")
    String field_to();

    @Message("请选择")
    String choose();

    @Message("不限")
    String any();

    @Message("提交受理")
    String submit_appeal();

    @Message("（Alt+S）")
    String submit_hint();

    @Message("辅助信息")
    String assist_title();

    @Message("输入诉求内容后，这里显示建议分类和知识库答案。")
    String assist_empty();

    @Message("建议分类（点击选用）：")
    String assist_categories();

    @Message("未识别出分类，请手动选择。")
    String assist_no_category();

    @Message("建议紧急程度")
    String assist_urgency();

    @Message("知识库答案（咨询类可直接答复）：")
    String assist_answers();

    @Message("用此答案直接答复")
    String answer_directly();

    @Message("已选用，提交后直接办结")
    String answer_chosen();

    @Message("来电人历史")
    String caller_title();

    @Message("输入联系电话后，这里显示来电人近期诉求、可能重复的工单和提示。")
    String caller_empty();

    @Message("该来电人曾被标记：")
    String caller_flagged();

    @Message("此诉求可能与未办结工单重复：")
    String caller_repeat();

    @Message("该号码没有近期诉求。")
    String caller_none();

    @Message("工单编号")
    String col_case();

    @Message("受理时间")
    String col_received();

    @Message("分类")
    String col_category();

    @Message("状态")
    String col_status();

    @Message("地点")
    String col_place();

    @Message("承办单位")
    String col_unit();

    @Message("工单查询")
    String cases_title();

    @Message("查询")
    String search();

    @Message("没有符合条件的工单。")
    String nothing_found();

    @Message("上一页")
    String previous();

    @Message("下一页")
    String next();

    @Message("页码")
    String page();

    @Message("工单")
    String case_word();

    @Message("关联工单")
    String linked_to();

    @Message("办理过程")
    String timeline();

    @Message("回访记录")
    String visits_title();

    @Message("未联系上")
    String visit_unreached();

    @Message("派单与审核")
    String review_title();

    @Message("实时动态")
    String live_title();

    @Message("（新事件自动出现，无需刷新）")
    String live_hint();

    @Message("加载中…")
    String loading();

    @Message("待人工派单")
    String manual_title();

    @Message("已处理")
    String decided();

    @Message("原承办单位")
    String previous_unit();

    @Message("退单次数")
    String returns_count();

    @Message("职责清单建议")
    String rule_suggests();

    @Message("派往单位")
    String unit_to_dispatch();

    @Message("说明")
    String comment();

    @Message("派单")
    String dispatch_now();

    @Message("暂无待处理事项。")
    String queue_empty();

    @Message("退单申请")
    String returns_title();

    @Message("理由")
    String reason();

    @Message("审核结果")
    String decision();

    @Message("同意退单（改派）")
    String return_approve();

    @Message("驳回，原单位继续办理")
    String return_reject();

    @Message("改派至")
    String new_unit();

    @Message("单位编码；留空则转入待人工派单")
    String new_unit_hint();

    @Message("提交审核")
    String decide();

    @Message("工单办理记录")
    String order_history();

    @Message("延期申请")
    String extensions_title();

    @Message("申请延至")
    String requested_deadline();

    @Message("同意")
    String approve();

    @Message("驳回")
    String reject();

    @Message("批准期限（空则按申请）")
    String granted_deadline();

    @Message("申诉待审")
    String objections_title();

    @Message("采纳（不计入考核）")
    String accept_objection();

    @Message("工单")
    String work_order();

    @Message("协办")
    String co_handlers();

    @Message("派单方式")
    String dispatched_by();

    @Message("签收时限")
    String deadline_sign();

    @Message("联系时限")
    String deadline_contact();

    @Message("办结时限")
    String deadline_complete();

    @Message("待回访工单（到期早的在前）")
    String visits_queue_title();

    @Message("回访已记录")
    String visit_recorded();

    @Message("回访时限")
    String visit_due();

    @Message("办结结果")
    String outcome();

    @Message("办结时间")
    String completed_at();

    @Message("回访")
    String record_visit();

    @Message("请致电来电人：")
    String visit_call();

    @Message("是否联系上来电人？")
    String visit_reached();

    @Message("是")
    String yes();

    @Message("否")
    String no();

    @Message("否，未联系上")
    String no_unreached();

    @Message("承办单位是否及时联系？")
    String visit_contacted_in_time();

    @Message("问题是否解决？")
    String visit_resolution();

    @Message("对办理结果是否满意？")
    String visit_satisfaction();

    @Message("保存回访结果")
    String save_visit();

    @Message("登录账户、角色与所属单位")
    String admin_accounts_hint();

    @Message("办理时限")
    String admin_time_limits();

    @Message("签收、联系、办结的时限和提醒（派单服务）")
    String admin_time_limits_hint();

    @Message("职责清单（派单规则）")
    String admin_routing();

    @Message("分类 × 地点 → 承办单位，带版本和变更记录（派单服务）")
    String admin_routing_hint();

    @Message("考评方案")
    String admin_schemes();

    @Message("三率权重与计分规则，按版本生效（考评服务）")
    String admin_schemes_hint();

    @Message("知识库")
    String admin_knowledge();

    @Message("咨询类直接答复的答案（接诉服务）")
    String admin_knowledge_hint();

    @Message("分类规则")
    String admin_classification();

    @Message("按关键词建议分类（接诉服务）")
    String admin_classification_hint();

    @Message("版本")
    String version();

    @Message("已保存")
    String saved();

    @Message("优先级")
    String priority();

    @Message("签收时限（分钟）")
    String sign_minutes();

    @Message("联系时限（分钟）")
    String contact_minutes();

    @Message("办结时限（分钟）")
    String completion_minutes();

    @Message("签收提醒（到期前分钟）")
    String sign_remind();

    @Message("联系提醒（到期前分钟）")
    String contact_remind();

    @Message("办结提醒（到期前分钟）")
    String completion_remind();

    @Message("说明")
    String description();

    @Message("保存")
    String save();

    @Message("规则")
    String rule();

    @Message("派往")
    String target();

    @Message("启用")
    String active();

    @Message("变更记录")
    String audit_trail();

    @Message("操作")
    String action();

    @Message("操作人")
    String actor();

    @Message("时间")
    String time();

    @Message("新增或修改条目（编号相同则覆盖）")
    String knowledge_new();

    @Message("编号")
    String knowledge_id();

    @Message("问题")
    String question();

    @Message("关键词（逗号分隔，全部出现才自动答复）")
    String keywords();

    @Message("答案")
    String answer();

    @Message("关键词")
    String phrase();

    @Message("权重")
    String weight();

    @Message("添加")
    String add();

    @Message("删除")
    String delete();

    @Message("发布新版本")
    String scheme_new();

    @Message("以最新版本为底稿修改版本号、生效月份和参数后保存；考评服务校验并保留历史版本。")
    String scheme_new_hint();

    @Message("新密码（只显示这一次，请当面或通过安全渠道交给本人）：")
    String account_issued();

    @Message("首次登录后请妥善保管；遗失后由管理员重置。")
    String account_issued_hint();

    @Message("新建账户或重置密码（用户名已存在则重置）")
    String account_new();

    @Message("姓名")
    String display_name();

    @Message("角色")
    String role();

    @Message("单位编码（承办单位账户）或区编码（区级统筹账户）")
    String unit_code();

    @Message("创建/重置")
    String account_create();

    @Message("状态")
    String status();

    @Message("最近登录")
    String last_sign_in();

    @Message("已停用")
    String disabled();

    @Message("已锁定")
    String locked();

    @Message("正常")
    String enabled();

    @Message("停用")
    String disable();

    @Message("启用")
    String enable();

    @Message("解锁")
    String unlock();

    @Message("重置密码：在账户列表页用同一用户名再次提交。")
    String reset_hint();

    @Message("已尝试回访次数")
    String attempts();

    @Message("超期与即将到期工单（全市）")
    String deadlines_title();

    @Message("范围")
    String deadlines_which();

    @Message("已超期")
    String deadlines_overdue();

    @Message("即将到期")
    String deadlines_soon();

    @Message("即将到期：小时内")
    String deadlines_hours();

    @Message("单位类型")
    String unit_kind();

    @Message("最近时限")
    String next_deadline();

    @Message("（不指定）")
    String not_specified();

    @Message("属地街道/乡镇")
    String target_street();

    @Message("指定单位")
    String target_unit();

    @Message("部门的区级分支")
    String target_branch();

    @Message("变更理由（记入变更记录）")
    String change_reason();

    @Message("保存为新版本")
    String save_new_version();

    @Message("单位编码（指定单位或部门）")
    String rule_unit_code();

    @Message("风险预警")
    String nav_analytics();

    @Message("未关闭的风险预警（民生大数据）")
    String risk_alerts_title();

    @Message("预警类型")
    String risk_kind();

    @Message("预警时间")
    String raised_at();

}
