package io.jiesu.console.desk.district;

import io.jiesu.console.services.BearerForwarding;
import io.jiesu.console.services.ServiceRefusalMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.List;
import java.util.Map;

/** analytics-service for the district desk: the supervision tasks (督办) given to the district. */
@RegisterRestClient(configKey = "analytics")
@RegisterProvider(BearerForwarding.class)
@RegisterProvider(ServiceRefusalMapper.class)
@Path("/api/v1")
public interface DistrictAnalyticsApi {
    @GET
    @Path("supervision-tasks")
    List<Map<String, Object>> supervisionTasks(@QueryParam("supervisorUnit") String supervisorUnit,
            @QueryParam("limit") int limit);
}
