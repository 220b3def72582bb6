package io.jiesu.intake.open311;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Datetimes as GeoReport v2 prints them: W3C form without fractions, in Beijing time
 * ({@code 2026-12-07T01:51:41+08:00}); strict W3C parsers read no fractional seconds and no {@code Z}-less forms.
 */
final class Open311Time {
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter W3C = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

    private Open311Time() {
    }

    static String format(Instant instant) {
        return instant == null ? null : W3C.format(instant.truncatedTo(ChronoUnit.SECONDS).atZone(BEIJING));
    }
}
