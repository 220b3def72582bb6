package io.jiesu.console.web;

import io.jiesu.console.security.SignedInPerson;
import io.quarkus.qute.TemplateExtension;
import io.quarkus.qute.TemplateExtension.TemplateAttribute;
import io.jiesu.contract.reference.ReferenceData;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * What templates use to show codes as names and times as Beijing time: {@code {ref:unit(code)}},
 * {@code {label:of(code)}}, {@code {x.bj}}, {@code {x.left}}.
 */
public final class Ui {
    public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(BEIJING);

    private Ui() {
    }

    /** Reference data: names of districts, streets/towns, communities, units and categories. */
    @TemplateExtension(namespace = "ref")
    public static class Ref {
        public static String unit(Object code, @TemplateAttribute("locale") Object locale) {
            if (code == null || code.toString().isBlank()) {
                return "";
            }
            return ReferenceData.get().unit(code.toString())
                    .map(u -> english(locale) && u.nameEn() != null ? u.nameEn() : u.name()).orElse(code.toString());
        }

        public static String district(Object code, @TemplateAttribute("locale") Object locale) {
            if (code == null) {
                return "";
            }
            return ReferenceData.get().district(code.toString())
                    .map(d -> english(locale) && d.nameEn() != null ? d.nameEn() : d.name()).orElse(code.toString());
        }

        public static String category(Object code, @TemplateAttribute("locale") Object locale) {
            if (code == null) {
                return "";
            }
            return ReferenceData.get().category(code.toString())
                    .map(c -> english(locale) && c.nameEn() != null ? c.nameEn() : c.name()).orElse(code.toString());
        }
    }

    /** Words for the services' codes. */
    @TemplateExtension(namespace = "label")
    public static class Label {
        public static String of(Object code, @TemplateAttribute("locale") Object locale) {
            return Labels.of(code, locale instanceof Locale l ? l : null);
        }
    }

    /** Times, null-safe: {@code {at:bj(x)}}, {@code {at:left(x)}}, {@code {at:past(x)}}. */
    @TemplateExtension(namespace = "at")
    public static class Time {
        public static String bj(Object isoInstant) {
            return Ui.bj(isoInstant);
        }

        public static String left(Object deadline, @TemplateAttribute("locale") Object locale) {
            return Ui.left(deadline, locale);
        }

        public static boolean past(Object isoInstant) {
            return Ui.past(isoInstant);
        }
    }

    /** An ISO instant as Beijing time to the minute. */
    public static String bj(Object isoInstant) {
        Instant at = instant(isoInstant);
        return at == null ? "" : MINUTES.format(at);
    }

    /** Time left until a deadline ("剩余 3小时20分" / "超期 2小时"), for lists sorted by urgency. */
    public static String left(Object deadline, Object locale) {
        Instant due = instant(deadline);
        if (due == null) {
            return "";
        }
        Duration d = Duration.between(Instant.now(), due);
        boolean over = d.isNegative();
        String span = span(d.abs(), english(locale));
        if (english(locale)) {
            return over ? "overdue " + span : span + " left";
        }
        return over ? "超期 " + span : "剩余 " + span;
    }

    /** True when an ISO instant lies in the past. */
    public static boolean past(Object isoInstant) {
        Instant at = instant(isoInstant);
        return at != null && at.isBefore(Instant.now());
    }

    public static SignedInPerson person(Object me) {
        return (SignedInPerson) me;
    }

    static String span(Duration d, boolean english) {
        long days = d.toDays();
        long hours = d.toHoursPart();
        long minutes = d.toMinutesPart();
        if (english) {
            return days > 0 ? days + " d " + hours + " h" : hours > 0 ? hours + " h " + minutes + " min" : minutes + " min";
        }
        return days > 0 ? days + "天" + hours + "小时" : hours > 0 ? hours + "小时" + minutes + "分" : minutes + "分钟";
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        try {
            return Instant.parse(value.toString());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static boolean english(Object locale) {
        return locale instanceof Locale l && "en".equals(l.getLanguage());
    }
}
