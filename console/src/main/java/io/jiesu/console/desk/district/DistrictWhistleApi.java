package io.jiesu.console.desk.district;

import io.jiesu.console.services.BearerForwarding;
import io.jiesu.console.services.ServiceRefusalMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.Map;

/** whistle-service for the district desk: the district's escalated whistles (吹哨升级). */
@RegisterRestClient(configKey = "whistle")
@RegisterProvider(BearerForwarding.class)
@RegisterProvider(ServiceRefusalMapper.class)
@Path("/api/v1")
public interface DistrictWhistleApi {
    @GET
    @Path("whistles")
    Map<String, Object> whistles(@QueryParam("districtCode") String districtCode,
            @QueryParam("escalated") String escalated, @QueryParam("size") int size);
}
