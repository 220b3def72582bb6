package io.jiesu.console.desk.leader;

import io.jiesu.console.services.BearerForwarding;
import io.jiesu.console.services.ServiceRefusalMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.List;
import java.util.Map;

/**
 * evaluation-service for the leaders' and the district desks: a month's scores, the governance-type and commendation
 * lists, and publishing a month's results (a new revision).
 */
@RegisterRestClient(configKey = "evaluation")
@RegisterProvider(BearerForwarding.class)
@RegisterProvider(ServiceRefusalMapper.class)
@Path("/api/v1")
public interface LeaderEvaluationApi {
    @GET
    @Path("scores")
    List<Map<String, Object>> scores(@QueryParam("period") String period);

    @GET
    @Path("governance")
    Map<String, Object> governance(@QueryParam("month") String month);

    @GET
    @Path("commendations")
    Map<String, Object> commendations(@QueryParam("month") String month);

    @POST
    @Path("periods/{period}/calculations")
    Map<String, Object> publish(@PathParam("period") String period, @QueryParam("reason") String reason);
}
