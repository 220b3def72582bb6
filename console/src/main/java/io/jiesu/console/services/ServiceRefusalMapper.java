package io.jiesu.console.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/** Turns a service's error answer (problem+json, RFC 9457, and its {@code Retry-After}) into a {@link ServiceRefusal}. */
public class ServiceRefusalMapper implements ResponseExceptionMapper<ServiceRefusal> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public ServiceRefusal toThrowable(Response response) {
        String title = "HTTP " + response.getStatus();
        String detail = response.getStatusInfo().getReasonPhrase();
        Map<String, String> fields = new LinkedHashMap<>();
        try {
            if (response.hasEntity()) {
                response.bufferEntity();
                JsonNode problem = JSON.readTree(response.readEntity(InputStream.class));
                if (problem != null && problem.isObject()) {
                    title = problem.path("title").asText(title);
                    detail = problem.path("detail").asText(detail);
                    for (JsonNode error : problem.path("errors")) {
                        fields.put(error.path("field").asText(error.path("name").asText("")),
                                error.path("message").asText(error.path("detail").asText("")));
                    }
                    if (problem.hasNonNull("field") && fields.isEmpty()) {
                        fields.put(problem.get("field").asText(), detail);
                    }
                }
            }
        } catch (Exception e) {
            // not JSON: keep the status line
        }
        String service = response.getHeaderString("X-Jiesu-Service");
        return new ServiceRefusal(service == null ? "service" : service, response.getStatus(), title, detail, fields,
                retryAfterSeconds(response.getHeaderString("Retry-After")));
    }

    /** Delta-seconds, at least 1; empty when absent or not a number (an HTTP date: the caller's own default). */
    static OptionalLong retryAfterSeconds(String header) {
        if (header == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Math.max(1, Long.parseLong(header.strip())));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
