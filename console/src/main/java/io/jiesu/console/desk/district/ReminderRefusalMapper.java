package io.jiesu.console.desk.district;

import io.jiesu.console.services.ServiceRefusal;
import io.jiesu.console.services.ServiceRefusalMapper;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import java.util.Map;

/**
 * A service's refusal as {@link ServiceRefusalMapper} reads it; a 429 also keeps dispatch's {@code Retry-After}
 * (seconds), so the desk can say when the next reminder may go.
 */
public class ReminderRefusalMapper implements ResponseExceptionMapper<ServiceRefusal> {
    /** Urged too recently: dispatch's 429 and how many seconds to wait. */
    public static class TooSoon extends ServiceRefusal {
        private final long retryAfterSeconds;

        TooSoon(ServiceRefusal refusal, long retryAfterSeconds) {
            super(refusal.service(), refusal.status(), refusal.title(), refusal.detail(), Map.of());
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    private final ServiceRefusalMapper problems = new ServiceRefusalMapper();

    @Override
    public ServiceRefusal toThrowable(Response response) {
        ServiceRefusal refusal = problems.toThrowable(response);
        if (response.getStatus() != 429) {
            return refusal;
        }
        long seconds;
        try {
            seconds = Long.parseLong(String.valueOf(response.getHeaderString("Retry-After")).trim());
        } catch (NumberFormatException e) {
            seconds = 60; // an HTTP date or none: say "about a minute" rather than nothing
        }
        return new TooSoon(refusal, Math.max(1, seconds));
    }
}
