package io.jiesu.console.services;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A service said no (a 4xx or 5xx answer): its status and its problem+json, so a page can show the service's own
 * reason — next to the field it names, or as a clear page for a refused URL.
 */
public class ServiceRefusal extends RuntimeException {
    private final String service;
    private final int status;
    private final String title;
    private final String detail;
    private final Map<String, String> fieldErrors;
    private final OptionalLong retryAfterSeconds;

    public ServiceRefusal(String service, int status, String title, String detail, Map<String, String> fieldErrors) {
        this(service, status, title, detail, fieldErrors, OptionalLong.empty());
    }

    public ServiceRefusal(String service, int status, String title, String detail, Map<String, String> fieldErrors,
            OptionalLong retryAfterSeconds) {
        super(service + " answered " + status + ": " + detail);
        this.service = service;
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.fieldErrors = Map.copyOf(fieldErrors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public String service() {
        return service;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    /** Field (as the service names it, e.g. {@code location.streetCode}) → what is wrong with it. */
    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }

    /** The service's {@code Retry-After} in seconds (a 429 or 503 that says when to try again), when it gave one. */
    public OptionalLong retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** A 429: too many requests (too soon a reminder, too many lookups). */
    public boolean isTooMany() {
        return status == 429;
    }

    public boolean isClientError() {
        return status >= 400 && status < 500;
    }

    public List<String> messages() {
        return fieldErrors.isEmpty() ? List.of(detail)
                : fieldErrors.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList();
    }
}
