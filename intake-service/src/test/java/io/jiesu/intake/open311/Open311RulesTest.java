package io.jiesu.intake.open311;

import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Open311 facade's plain rules: form charset, W3C datetimes, the per-key rate window. */
class Open311RulesTest {
    @Test
    void aFormIsDecodedByItsDeclaredCharset() {
        Charset gbk = Charset.forName("GBK");
        byte[] body = ("description=" + URLEncoder.encode("垃圾没有清运", gbk) + "&lat=39.9&flag&description=second")
                .getBytes(StandardCharsets.US_ASCII);
        FormBody form = FormBody.parse(body, "application/x-www-form-urlencoded; charset=GBK");
        assertEquals("垃圾没有清运", form.getFirst("description"), "the first value wins");
        assertEquals("39.9", form.getFirst("lat"));
        assertEquals("", form.getFirst("flag"));
        assertNull(form.getFirst("phone"));
        assertEquals("垃圾没有清运", FormBody.parse(("description=" + URLEncoder.encode("垃圾没有清运",
                StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII), "application/x-www-form-urlencoded")
                .getFirst("description"), "UTF-8 when no charset is declared");
        assertThrows(IllegalArgumentException.class,
                () -> FormBody.parse(new byte[0], "application/x-www-form-urlencoded; charset=nope"));
        assertTrue(FormBody.isForm("Application/X-WWW-Form-Urlencoded ; charset=GBK"));
        assertFalse(FormBody.isForm("application/json"));
        assertFalse(FormBody.isForm(null));
    }

    @Test
    void datetimesAreW3cWithoutFractionsInBeijingTime() {
        assertEquals("2026-12-07T01:51:41+08:00", Open311Time.format(Instant.parse("2026-12-06T17:51:41.654256Z")));
        assertNull(Open311Time.format(null));
    }

    @Test
    void aKeyGetsItsRequestsPerWindowThenWaitsForTheWindowsEnd() {
        KeyRateLimit limit = new KeyRateLimit(2, Duration.ofMinutes(1));
        Instant t = Instant.parse("2026-12-07T00:00:00Z");
        assertEquals(Optional.empty(), limit.acquire(1, t));
        assertEquals(Optional.empty(), limit.acquire(1, t.plusSeconds(10)));
        assertEquals(Optional.of(Duration.ofSeconds(40)), limit.acquire(1, t.plusSeconds(20)));
        assertEquals(Optional.empty(), limit.acquire(2, t.plusSeconds(20)), "another key has its own window");
        assertEquals(Optional.empty(), limit.acquire(1, t.plusSeconds(60)), "a new window");
    }
}
