package io.jiesu.console.desk.unit;

import io.jiesu.console.services.BearerForwarding;
import io.jiesu.console.services.ServiceRefusalMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.Map;

/** whistle-service (街乡吹哨、部门报到) as the handling unit's desk calls it. */
@RegisterRestClient(configKey = "whistle")
@RegisterProvider(BearerForwarding.class)
@RegisterProvider(ServiceRefusalMapper.class)
@Path("/api/v1")
public interface UnitWhistleApi {
    /** The whistles the unit leads or is summoned by, newest first. */
    @GET
    @Path("units/{unitCode}/whistles")
    UnitViews.WhistlePage mine(@PathParam("unitCode") String unitCode, @QueryParam("status") String status,
            @QueryParam("page") int page, @QueryParam("size") int size);

    @POST
    @Path("whistles")
    UnitViews.Whistle blow(Map<String, Object> whistle);

    @GET
    @Path("whistles/{id}")
    UnitViews.Whistle whistle(@PathParam("id") String id);

    @POST
    @Path("whistles/{id}/reports")
    Map<String, Object> reportIn(@PathParam("id") String id, Map<String, Object> report);

    @POST
    @Path("whistles/{id}/close")
    UnitViews.Whistle close(@PathParam("id") String id, Map<String, Object> close);
}
