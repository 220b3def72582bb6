package io.jiesu.console.web;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Codes are shown as words, in the page's language; an unknown code stays visible as it is. */
class LabelsTest {
    @Test
    void codesAreWordsInChineseOrEnglish() {
        assertEquals("退单审核", Labels.of("RETURN_DECIDED", Locale.forLanguageTag("zh-CN")));
        assertEquals("Return decided", Labels.of("RETURN_DECIDED", Locale.ENGLISH));
        assertEquals("申请退单", Labels.of("return-requested", null), "the live ticker's kind");
        assertEquals("创造条件解决", Labels.of("CONDITIONS_BEING_CREATED", null));
        assertEquals("风险预警", Labels.of("RISK", null), "the inbox notice kind of a risk warning");
        assertEquals("风险词预警", Labels.of("RISK_FLAGGED", null), "intake's timeline entry");
        assertEquals("地点待确认", Labels.of("LOCATION_TO_CONFIRM", null),
                "why a case waits in the manual queue (dispatch) and intake's timeline entry");
        assertEquals("Location to confirm", Labels.of("LOCATION_TO_CONFIRM", Locale.ENGLISH));
        assertEquals("多次退单", Labels.of("RETURNED", null));
        assertEquals("SOMETHING_NEW", Labels.of("SOMETHING_NEW", null));
        assertEquals("", Labels.of(null, null));
    }
}
