package io.jiesu.intake.open311;

import java.util.Map;

/** An Open311 error: rendered by {@link Open311ErrorMappers} in the spec's error list, in the request's format. */
class Open311Exception extends RuntimeException {
    final int status;
    final Map<String, String> headers;

    Open311Exception(int status, String description) {
        this(status, description, Map.of());
    }

    Open311Exception(int status, String description, Map<String, String> headers) {
        super(description);
        this.status = status;
        this.headers = headers;
    }
}
