package io.jiesu.platform.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Every error leaves a service as {@code application/problem+json}: bad input is a 400/422 naming the field, never
 * a 500; an unexpected failure is a 500 with an error id that also appears in the log.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(new Problem("about:blank", e.title(), e.status(), e.getMessage(), path(uri), null,
                e.extensions()));
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return respond(new Problem("about:blank", "Invalid request", 400, detail, path(uri), errors, null));
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException m && !m.getPath().isEmpty()
                ? m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                        .collect(Collectors.joining(".")).replace(".[", "[")
                : null;
        String detail;
        if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            detail = "'" + f.getValue() + "' is not one of " + Arrays.toString(f.getTargetType().getEnumConstants());
        } else if (field != null) {
            detail = "cannot read this value: " + e.getOriginalMessage();
        } else {
            detail = "the body is not valid JSON: " + e.getOriginalMessage();
        }
        List<Problem.FieldError> errors = field == null ? null : List.of(new Problem.FieldError(field, detail));
        return respond(new Problem("about:blank", "Malformed request", 400,
                field == null ? detail : field + ": " + detail, path(uri), errors, null));
    }

    /** Jackson's own mapper for this type would answer with its internal names; say it in problem+json. */
    @ServerExceptionMapper
    public Response mismatched(com.fasterxml.jackson.databind.exc.MismatchedInputException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json, uri); // the JSON reader wraps parse errors in a bare 400
        }
        int status = e.getResponse().getStatus();
        String title = Response.Status.fromStatusCode(status) != null
                ? Response.Status.fromStatusCode(status).getReasonPhrase() : "Error";
        String detail = e.getMessage();
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        return respond(new Problem("about:blank", title, status, detail, path(uri), null, null));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(respond(new Problem("about:blank", "Unauthorized", 401,
                "a valid bearer token is required (Authorization: Bearer …)", path(uri), null, null)))
                .header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(new Problem("about:blank", "Forbidden", 403,
                "this token's role may not do this", path(uri), null, null));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        java.sql.SQLException data = dataException(e);
        if (data != null) {
            // PostgreSQL refused a value the client sent (SQLSTATE class 22: a NUL byte, a string longer than its
            // column, a date out of range, ...): the transaction is rolled back, and it is the request's fault.
            LOG.debugf(e, "value refused by the database (SQLSTATE %s)", data.getSQLState());
            return respond(new Problem("about:blank", "Invalid value", 400, "a value in this request cannot be "
                    + "stored or searched for (too long, out of range, or with characters such as NUL)", path(uri),
                    null, Map.of("sqlState", data.getSQLState())));
        }
        if (databaseUnavailable(e)) {
            // Not the client's fault and not a bug: the database is restarting or unreachable. Nothing was stored
            // (the transaction failed); a retry with the same idempotency key is safe.
            LOG.warnf("database unavailable: %s", e.toString());
            return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", "5")
                    .entity(new Problem("about:blank", "Service unavailable", 503,
                            "the service's database is unavailable; nothing was stored, retry shortly", path(uri),
                            null, null))
                    .build();
        }
        if (clientGone(e)) {
            // The client hung up before its request was read: no one to answer and nothing for ops to look into.
            LOG.debugf("client closed the connection mid-request (%s): %s", path(uri), e.toString());
            return respond(new Problem("about:blank", "Bad request", 400,
                    "the connection closed before the request was complete", path(uri), null, null));
        }
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected failure, error id %s", errorId);
        return respond(new Problem("about:blank", "Internal error", 500,
                "unexpected failure; quote error id " + errorId, path(uri), null, Map.of("errorId", errorId)));
    }

    /**
     * True when {@code e} comes from not reaching the database: a connection failure (SQLSTATE class 08), a server
     * shutting down or starting (57P01-57P03), or no connection to be had from the pool in time.
     */
    /** Vert.x's "Connection was closed" (or an HTTP closed exception) anywhere in the chain. */
    static boolean clientGone(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof io.vertx.core.http.HttpClosedException
                    || t instanceof io.vertx.core.VertxException && "Connection was closed".equals(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    private static boolean databaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException || t instanceof java.net.ConnectException
                    || t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            // Agroal's full pool: "Sorry, acquisition timeout!" (no SQLSTATE) — a wait, not a fault of ours
            if (t instanceof java.sql.SQLException sql && sql.getMessage() != null
                    && sql.getMessage().toLowerCase(java.util.Locale.ROOT).contains("acquisition timeout")) {
                return true;
            }
        }
        return false;
    }

    /** The database's "data exception" (SQLSTATE class 22) behind {@code e}, if that is what it is. */
    private static java.sql.SQLException dataException(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("22")) {
                return sql;
            }
        }
        return null;
    }

    private static String fieldOf(ConstraintViolation<?> v) {
        // "create.body.citizen.phone" → "citizen.phone": drop the method and parameter segments.
        String[] parts = v.getPropertyPath().toString().split("\\.");
        return parts.length > 2 ? String.join(".", Arrays.copyOfRange(parts, 2, parts.length)) : parts[parts.length - 1];
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
