package io.jiesu.console.desk.district;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.Map;

/**
 * dispatch-service for the district desk (各区统筹), called with the coordinator's token: dispatch keeps the district
 * to its own units. A refused reminder keeps its {@code Retry-After} ({@link io.jiesu.console.services.ServiceRefusal#retryAfterSeconds()}).
 */
@RegisterRestClient(configKey = "dispatch")
@RegisterProvider(io.jiesu.console.services.BearerForwarding.class)
@RegisterProvider(io.jiesu.console.services.ServiceRefusalMapper.class)
@Path("/api/v1")
public interface DistrictDispatchApi {
    @GET
    @Path("districts/{districtCode}/supervision")
    Map<String, Object> supervision(@PathParam("districtCode") String districtCode);

    @GET
    @Path("work-orders")
    Map<String, Object> overdueOrders(@QueryParam("districtCode") String districtCode,
            @QueryParam("overdue") String overdue, @QueryParam("sort") String sort, @QueryParam("size") int size);

    @POST
    @Path("work-orders/{caseId}/reminders")
    Map<String, Object> remind(@PathParam("caseId") String caseId, Map<String, Object> reminder);
}
