package io.jiesu.intake.admission;

import io.jiesu.platform.web.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Map;

/** A refusal as {@code application/problem+json} like every other error, with {@code Retry-After}. */
public class OverloadedMapper {
    @ServerExceptionMapper
    public Response overloaded(Admission.Overloaded e, UriInfo uri) {
        String title = e.status() == 429 ? "Too many requests" : "Service unavailable";
        return Response.status(e.status()).type(Problem.MEDIA_TYPE)
                .header("Retry-After", Long.toString(e.retryAfterSeconds()))
                .entity(new Problem("about:blank", title, e.status(), e.getMessage(), uri.getPath(), null,
                        Map.of("retryAfterSeconds", e.retryAfterSeconds())))
                .build();
    }
}
