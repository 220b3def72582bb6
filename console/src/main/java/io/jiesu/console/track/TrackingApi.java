package io.jiesu.console.track;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/** intake-service's case tracking, asked with the console's own tracking identity ({@link TrackingToken}). */
@RegisterRestClient(configKey = "intake")
@RegisterProvider(TrackingApi.AsTheConsole.class)
@RegisterProvider(io.jiesu.console.services.ServiceRefusalMapper.class)
@Path("/api/v1")
public interface TrackingApi {
    String CLIENT_HEADER = "X-Jiesu-Client";

    @POST
    @Path("case-tracking")
    Progress track(@HeaderParam(CLIENT_HEADER) String client, Map<String, String> pair);

    /** intake's answer: the case's progress, nothing personal. */
    record Progress(String caseId, String categoryCode, String status, Instant receivedAt, int round,
            String unitCode, Instant handedOverAt, Instant contactDueAt, Instant completionDueAt,
            Instant completedAt, String outcome, String explanation, LocalDate followUpOn, Instant visitedAt) {
    }

    /** Every call carries the console's tracking token — never a person's. */
    class AsTheConsole implements ClientRequestFilter {
        @jakarta.inject.Inject
        TrackingToken token;

        @Override
        public void filter(ClientRequestContext request) {
            request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, token.bearer());
        }
    }
}
