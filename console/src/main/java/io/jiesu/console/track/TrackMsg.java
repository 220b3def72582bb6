package io.jiesu.console.track;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The citizen page's words: Chinese here, English in {@code messages/trackmsg_en.properties}. */
@MessageBundle(value = "trackmsg", locale = "zh-CN")
public interface TrackMsg {
    @Message("诉求办理进度查询")
    String title();

    @Message("请输入诉求编号和拨打 12345 时使用的电话号码，查看办理进度。")
    String intro();

    @Message("诉求编号")
    String case_number();

    @Message("例如 C202611250000042")
    String case_number_hint();

    @Message("来电号码")
    String phone();

    @Message("拨打 12345 反映诉求时使用的号码")
    String phone_hint();

    @Message("查询")
    String submit();

    @Message("本页不显示姓名、电话、地址和诉求内容。")
    String privacy();

    @Message("诉求 {caseId} 的办理进度")
    String progress_of(String caseId);

    @Message("诉求类别：{category}")
    String category(String category);

    @Message("已受理（{at}）")
    String received(String at);

    @Message("已直接答复，诉求已办结")
    String answered_directly();

    @Message("已并入同一事项的在办诉求，一并办理")
    String linked();

    @Message("已转交 {unit} 办理（{at}）")
    String handed_to(String unit, String at);

    @Message("这是第 {round} 次办理（重办）")
    String round(int round);

    @Message("应于 {at} 前与您联系")
    String contact_due(String at);

    @Message("应于 {at} 前办结")
    String completion_due(String at);

    @Message("办理中")
    String in_progress();

    @Message("已办结：{outcome}{#if explanation}，{explanation}{/if}（{at}）")
    String completed(String outcome, String explanation, String at);

    @Message("将于 {date} 前跟进")
    String follow_up(java.time.LocalDate date);

    @Message("已回访{#if at}（{at}）{/if}")
    String visited(String at);

    @Message("未查到与该号码匹配的诉求，请核对诉求编号和来电号码后重试。")
    String miss();

    @Message("查询次数过多，请 {minutes} 分钟后再试。")
    String refused(long minutes);

    @Message("查询服务暂时不可用，请稍后再试。")
    String unavailable();

    @Message("请填写诉求编号和来电号码。")
    String incomplete();

    @Message("工作人员登录")
    String staff_sign_in();
}
