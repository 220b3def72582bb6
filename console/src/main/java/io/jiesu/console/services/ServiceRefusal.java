package io.jiesu.console.services;

import java.util.List;
import java.util.Map;

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

    public ServiceRefusal(String service, int status, String title, String detail, Map<String, String> fieldErrors) {
        super(service + " answered " + status + ": " + detail);
        this.service = service;
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.fieldErrors = Map.copyOf(fieldErrors);
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

    public boolean isClientError() {
        return status >= 400 && status < 500;
    }

    public List<String> messages() {
        return fieldErrors.isEmpty() ? List.of(detail)
                : fieldErrors.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList();
    }
}
