package io.jiesu.console.track;

import io.jiesu.console.services.ServiceRefusal;
import io.jiesu.console.web.Page;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Case tracking for citizens (public, no account): the case number and the phone number that made the case give its
 * progress in plain words. The console only shows intake's answer: intake decides what matches, what a citizen may
 * see and how many misses it tolerates; every miss is shown with one neutral sentence. The form carries its CSRF token
 * like every console form; a client over this console's own lookup limit is refused before intake is asked.
 */
@Path("/track")
@Produces(MediaType.TEXT_HTML)
public class TrackResource {
    private static final Logger LOG = Logger.getLogger(TrackResource.class);
    /** Bounds what is passed on: a case number or phone longer than this is no case number or phone anyway. */
    private static final int MAX_FIELD = 64;

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance track(String caseId, TrackingApi.Progress progress, String problem,
                long minutes);
    }

    private final TrackingApi intake;
    private final ClientLimiter limiter;
    private final Page page;

    TrackResource(@RestClient TrackingApi intake, ClientLimiter limiter, Page page) {
        this.intake = intake;
        this.limiter = limiter;
        this.page = page;
    }

    @GET
    public TemplateInstance form() {
        return page.render(Templates.track("", null, null, 0));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response lookup(@FormParam("caseId") String caseId, @FormParam("phone") String phone,
            @Context HttpServerRequest request) {
        String number = clip(caseId);
        String digits = clip(phone);
        if (number.isEmpty() || digits.isEmpty()) {
            return answer(400, number, null, "incomplete", 0, null);
        }
        String client = request.remoteAddress() == null ? "-" : request.remoteAddress().hostAddress();
        Optional<Duration> limited = limiter.attempt(client, Instant.now());
        if (limited.isPresent()) {
            return refused(number, limited.get().toSeconds());
        }
        try {
            TrackingApi.Progress progress = intake.track(client, Map.of("caseId", number, "phone", digits));
            return answer(200, progress.caseId(), progress, null, 0, null);
        } catch (ServiceRefusal refusal) {
            if (refusal.isTooMany()) {
                return refused(number, refusal.retryAfterSeconds().orElse(60));
            }
            if (refusal.status() == 404) {
                return answer(200, number, null, "miss", 0, null); // one sentence for every kind of miss
            }
            LOG.warnf("intake refused a tracking lookup with %d", refusal.status());
            return answer(503, number, null, "unavailable", 0, null);
        } catch (RuntimeException e) {
            LOG.warnf("tracking lookup failed: %s", e.toString());
            return answer(503, number, null, "unavailable", 0, null);
        }
    }

    private Response refused(String number, long seconds) {
        long wait = Math.max(1, seconds);
        return answer(429, number, null, "refused", (wait + 59) / 60, String.valueOf(wait));
    }

    private Response answer(int status, String number, TrackingApi.Progress progress, String problem, long minutes,
            String retryAfter) {
        Response.ResponseBuilder r = Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(page.render(Templates.track(number, progress, problem, minutes)))
                .header("Cache-Control", "no-store");
        return retryAfter == null ? r.build() : r.header("Retry-After", retryAfter).build();
    }

    private static String clip(String value) {
        String s = value == null ? "" : value.strip();
        return s.length() > MAX_FIELD ? s.substring(0, MAX_FIELD) : s;
    }
}
