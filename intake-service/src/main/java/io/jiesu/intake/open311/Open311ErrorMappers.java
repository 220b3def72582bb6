package io.jiesu.intake.open311;

import io.jiesu.platform.web.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Every error under {@code /open311} in GeoReport v2's error list ({@code [{"code":404,"description":"…"}]} or
 * {@code <errors><error>…}). The facade's own refusals ({@link Open311Exception}) are rendered so directly; every
 * other error — the platform's problem+json for what Quarkus raises itself (unknown path or method, unsupported media
 * type, auth failures), intake's admission refusals, any mapper added later — is rewritten by one response filter on
 * the way out, keeping its status and headers (Retry-After, WWW-Authenticate, Allow). Other paths are left alone.
 */
public class Open311ErrorMappers {
    private static final String OPEN311 = "/open311";

    @ServerExceptionMapper
    public Response open311(Open311Exception e, UriInfo uri) {
        Response.ResponseBuilder r = Response.fromResponse(formatOf(uri.getPath()).errors(e.status, e.getMessage()));
        e.headers.forEach(r::header);
        return r.build();
    }

    /** A problem+json answer under /open311 becomes the spec's error list, in the format the path asks for. */
    @ServerResponseFilter
    public void specErrors(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!(response.getEntity() instanceof Problem problem) || !isOpen311(path)) {
            return;
        }
        String description = problem.detail() != null ? problem.detail()
                : Response.Status.fromStatusCode(response.getStatus()) != null
                        ? Response.Status.fromStatusCode(response.getStatus()).getReasonPhrase() : "error";
        Response spec = formatOf(path).errors(response.getStatus(), description);
        response.setEntity(spec.getEntity(), null, spec.getMediaType());
    }

    static boolean isOpen311(String path) {
        return path != null && (path.equals(OPEN311) || path.startsWith(OPEN311 + "/"));
    }

    /** XML when the path asks for it ({@code ….xml}), else JSON — also for paths that name no known format. */
    static Open311Format formatOf(String path) {
        return path != null && path.endsWith(".xml") ? Open311Format.XML : Open311Format.JSON;
    }
}
