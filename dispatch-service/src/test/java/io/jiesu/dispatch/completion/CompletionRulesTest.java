package io.jiesu.dispatch.completion;

import io.jiesu.contract.event.CompleteCommand;
import io.jiesu.contract.event.CompleteCommandV2;
import io.jiesu.contract.event.Enums.CompletionOutcome;
import io.jiesu.contract.event.Enums.Outcome;
import io.jiesu.platform.web.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.LocalDate;

import static io.jiesu.contract.event.Enums.CompletionOutcome.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** 有一办一: what each completion outcome must carry (plain rules, no application). */
class CompletionRulesTest {
    static final LocalDate TODAY = LocalDate.of(2026, 12, 6);

    static CompleteCommandV2 v2(CompletionOutcome outcome, String summary, String reason, String plan,
            LocalDate followUpOn) {
        return new CompleteCommandV2("C-1", outcome, summary, reason, plan, followUpOn);
    }

    static void refused(String field, Executable check) {
        ProblemException e = assertThrows(ProblemException.class, check);
        assertEquals(422, e.status());
        assertEquals(field, e.extensions().get("field"), e.getMessage());
    }

    @Test
    void resolvedNeedsASummaryOnly() {
        var c = CompletionRules.check(v2(RESOLVED, " 已解决 ", null, null, null), TODAY);
        assertEquals("已解决", c.summary());
        assertNull(c.reason());
        refused("summary", () -> CompletionRules.check(v2(RESOLVED, " ", null, null, null), TODAY));
        refused("outcome", () -> CompletionRules.check(v2(null, "x", null, null, null), TODAY));
        refused("outcome", () -> CompletionRules.check((CompleteCommandV2) null, TODAY));
    }

    @Test
    void partlyResolvedAndExplainedNeedAReason() {
        refused("reason", () -> CompletionRules.check(v2(PARTLY_RESOLVED, "修好一半", null, null, null), TODAY));
        refused("reason", () -> CompletionRules.check(v2(EXPLAINED, "已解释", " ", null, null), TODAY));
        assertEquals("《物业管理条例》第X条", CompletionRules.check(v2(EXPLAINED, "已解释", "《物业管理条例》第X条", null,
                null), TODAY).reason());
        assertEquals(PARTLY_RESOLVED, CompletionRules.check(v2(PARTLY_RESOLVED, "修好一半", "另一半需产权单位", null,
                null), TODAY).outcome());
    }

    @Test
    void conditionsBeingCreatedNeedAReasonAPlanAndAFollowUpDateInTheComingYear() {
        LocalDate next = TODAY.plusDays(30);
        var ok = CompletionRules.check(v2(CONDITIONS_BEING_CREATED, "已立项", "需要资金", "明年改造", next), TODAY);
        assertEquals(next, ok.followUpOn());
        assertEquals("明年改造", ok.plan());
        refused("reason", () -> CompletionRules.check(v2(CONDITIONS_BEING_CREATED, "s", null, "p", next), TODAY));
        refused("plan", () -> CompletionRules.check(v2(CONDITIONS_BEING_CREATED, "s", "r", null, next), TODAY));
        refused("followUpOn", () -> CompletionRules.check(v2(CONDITIONS_BEING_CREATED, "s", "r", "p", null), TODAY));
        refused("followUpOn", () -> CompletionRules.check(v2(CONDITIONS_BEING_CREATED, "s", "r", "p", TODAY), TODAY));
        refused("followUpOn", () -> CompletionRules.check(v2(CONDITIONS_BEING_CREATED, "s", "r", "p",
                TODAY.plusDays(CompletionRules.MAX_FOLLOW_UP_DAYS + 1)), TODAY));
        CompletionRules.check(v2(CONDITIONS_BEING_CREATED, "s", "r", "p", TODAY.plusDays(1)), TODAY);
    }

    @Test
    void aPlanOrFollowUpWithAnyOtherOutcomeIsRefused() {
        refused("plan", () -> CompletionRules.check(v2(RESOLVED, "s", null, "p", null), TODAY));
        refused("followUpOn", () -> CompletionRules.check(v2(EXPLAINED, "s", "r", null, TODAY.plusDays(3)), TODAY));
    }

    @Test
    void textsHaveALimit() {
        String tooLong = "x".repeat(CompletionRules.MAX_TEXT + 1);
        refused("summary", () -> CompletionRules.check(v2(RESOLVED, tooLong, null, null, null), TODAY));
        refused("plan", () -> CompletionRules.check(v2(CONDITIONS_BEING_CREATED, "s", "r", tooLong,
                TODAY.plusDays(3)), TODAY));
    }

    @Test
    void v1CompletionsKeepV1Rules() {
        var cannot = CompletionRules.checkV1(new CompleteCommand("C-1", Outcome.CANNOT_SOLVE, "无法解决", "超出职权"), TODAY);
        assertEquals(EXPLAINED, cannot.outcome());
        assertEquals("超出职权", cannot.reason());
        refused("reason", () -> CompletionRules.checkV1(new CompleteCommand("C-1", Outcome.CANNOT_SOLVE, "s", null),
                TODAY));
        // v1's EXPLAINED asked for no reason: what was explained (the summary) stands in for it
        var explained = CompletionRules.checkV1(new CompleteCommand("C-1", Outcome.EXPLAINED, "已解释政策", null), TODAY);
        assertEquals(EXPLAINED, explained.outcome());
        assertEquals("已解释政策", explained.reason());
        assertEquals(RESOLVED, CompletionRules.checkV1(new CompleteCommand("C-1", Outcome.RESOLVED, "ok", null), TODAY)
                .outcome());
        refused("outcome", () -> CompletionRules.checkV1(new CompleteCommand("C-1", null, "ok", null), TODAY));
    }

    @Test
    void theRestBodyTakesBothVersions() {
        var rest = CompletionRules.check(new CompleteRequest(null, CompleteRequest.Outcome.CANNOT_SOLVE, "s", "r",
                null, null), TODAY);
        assertEquals(EXPLAINED, rest.outcome());
        refused("plan", () -> CompletionRules.check(new CompleteRequest(null, CompleteRequest.Outcome.CANNOT_SOLVE,
                "s", "r", "p", null), TODAY));
        assertEquals(CONDITIONS_BEING_CREATED, CompletionRules.check(new CompleteRequest(null,
                CompleteRequest.Outcome.CONDITIONS_BEING_CREATED, "s", "r", "p", TODAY.plusDays(7)), TODAY).outcome());
        refused("outcome", () -> CompletionRules.check((CompleteRequest) null, TODAY));
        // an older REST client's EXPLAINED without a reason still works (the summary stands in); v2 commands need one
        assertEquals("已解释政策", CompletionRules.check(new CompleteRequest(null, CompleteRequest.Outcome.EXPLAINED,
                "已解释政策", null, null, null), TODAY).reason());
        assertEquals("政策依据", CompletionRules.check(new CompleteRequest(null, CompleteRequest.Outcome.EXPLAINED,
                "已解释政策", "政策依据", null, null), TODAY).reason());
    }
}
