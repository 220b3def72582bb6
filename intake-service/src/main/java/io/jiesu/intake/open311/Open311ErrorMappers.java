package io.jiesu.intake.open311;

import io.jiesu.platform.web.Problem;
import io.jiesu.platform.web.ProblemException;
import io.jiesu.platform.web.ProblemMappers;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error under {@code /open311} in GeoReport v2's error list ({@code [{"code":404,"description":"…"}]} or
 * {@code <errors><error>…}), with the status and headers (Retry-After, WWW-Authenticate) the platform's mapper would
 * give — also for what Quarkus raises itself (unsupported media type, unknown path or method, auth failures). These
 * mappers take precedence over the platform's {@link ProblemMappers} and hand every other path back to it.
 */
public class Open311ErrorMappers {
    private static final String OPEN311 = "/open311";
    private final ProblemMappers platform = new ProblemMappers();

    @ServerExceptionMapper
    public Response open311(Open311Exception e, UriInfo uri) {
        Response.ResponseBuilder r = Response.fromResponse(formatOf(uri).errors(e.status, e.getMessage()));
        e.headers.forEach(r::header);
        return r.build();
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response problem(ProblemException e, UriInfo uri) {
        return open311Or(platform.problem(e, uri), uri);
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response web(WebApplicationException e, UriInfo uri) {
        return open311Or(platform.web(e, uri), uri);
    }

    @ServerExceptionMapper(value = {UnauthorizedException.class, AuthenticationFailedException.class},
            priority = Priorities.USER - 100)
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return open311Or(platform.unauthorized(e, uri), uri);
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return open311Or(platform.forbidden(e, uri), uri);
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response unexpected(Throwable e, UriInfo uri) {
        return open311Or(platform.unexpected(e, uri), uri);
    }

    static boolean isOpen311(String path) {
        return path != null && (path.equals(OPEN311) || path.startsWith(OPEN311 + "/"));
    }

    /** XML when the path asks for it ({@code ….xml}), else JSON — also for paths that name no known format. */
    static Open311Format formatOf(String path) {
        return path != null && path.endsWith(".xml") ? Open311Format.XML : Open311Format.JSON;
    }

    private static Open311Format formatOf(UriInfo uri) {
        return formatOf(uri == null ? null : uri.getPath());
    }

    private static Response open311Or(Response problem, UriInfo uri) {
        if (uri == null || !isOpen311(uri.getPath())) {
            return problem;
        }
        String description = problem.getEntity() instanceof Problem p && p.detail() != null ? p.detail()
                : Response.Status.fromStatusCode(problem.getStatus()) != null
                        ? Response.Status.fromStatusCode(problem.getStatus()).getReasonPhrase() : "error";
        Response.ResponseBuilder r = Response.fromResponse(formatOf(uri).errors(problem.getStatus(), description));
        for (String header : new String[] {"Retry-After", "WWW-Authenticate", "Allow"}) {
            Object value = problem.getHeaders().getFirst(header);
            if (value != null) {
                r.header(header, value);
            }
        }
        return r.build();
    }
}
