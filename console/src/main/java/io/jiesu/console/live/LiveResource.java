package io.jiesu.console.live;

import io.jiesu.console.web.Labels;
import io.jiesu.console.web.Page;
import io.jiesu.console.web.Ui;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Server-sent events for the hotline's desks (htmx {@code sse} extension): an event named {@code changed} per case
 * event, carrying a one-line notice (HTML-escaped) for the page's ticker; lists refresh themselves on it. A comment
 * every 20 s keeps proxies from closing an idle stream.
 */
@Path("/live")
public class LiveResource {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(Ui.BEIJING);

    private final LiveEvents events;
    private final Page page;

    LiveResource(LiveEvents events, Page page) {
        this.events = events;
        this.page = page;
    }

    @GET
    @Path("hotline")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed({"reviewer", "operator", "admin"})
    public Multi<OutboundSseEvent> hotline(@Context Sse sse) {
        Locale locale = page.locale();
        Multi<OutboundSseEvent> changes = events.stream().map(c -> sse.newEventBuilder().name("changed")
                .data(String.class, notice(c, locale)).build());
        Multi<OutboundSseEvent> keepAlive = Multi.createFrom().ticks().every(Duration.ofSeconds(20))
                .map(t -> sse.newEventBuilder().comment("keep-alive").build());
        return Multi.createBy().merging().streams(changes, keepAlive);
    }

    static String notice(LiveEvents.Change c, Locale locale) {
        return "<div class=\"live-item\">" + TIME.format(c.at()) + " · " + escape(Labels.of(c.kind(), locale))
                + " · <a href=\"/cases/" + escape(c.caseId()) + "\">" + escape(c.caseId()) + "</a></div>";
    }

    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
