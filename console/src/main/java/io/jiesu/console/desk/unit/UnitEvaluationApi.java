package io.jiesu.console.desk.unit;

import io.jiesu.console.services.BearerForwarding;
import io.jiesu.console.services.ServiceRefusalMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.List;
import java.util.Map;

/** evaluation-service as the handling unit's desk calls it: the month's scores and the unit's objections (申诉). */
@RegisterRestClient(configKey = "evaluation")
@RegisterProvider(BearerForwarding.class)
@RegisterProvider(ServiceRefusalMapper.class)
@Path("/api/v1")
public interface UnitEvaluationApi {
    @GET
    @Path("scores")
    List<UnitViews.Score> scores(@QueryParam("period") String period, @QueryParam("group") String group);

    @GET
    @Path("objections")
    List<UnitViews.Objection> objections(@QueryParam("unitCode") String unitCode);

    @POST
    @Path("objections")
    Map<String, Object> fileObjection(Map<String, Object> objection);
}
