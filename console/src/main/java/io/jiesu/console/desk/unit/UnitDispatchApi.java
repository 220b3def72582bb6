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

import java.util.List;
import java.util.Map;

/** dispatch-service as the handling unit's desk calls it, with the signed-in person's token. */
@RegisterRestClient(configKey = "dispatch")
@RegisterProvider(BearerForwarding.class)
@RegisterProvider(ServiceRefusalMapper.class)
@Path("/api/v1")
public interface UnitDispatchApi {
    /** The unit's orders (lead and co-handled), newest first; {@code overdue} true/false/null. */
    @GET
    @Path("units/{unitCode}/work-orders")
    List<UnitViews.Order> orders(@PathParam("unitCode") String unitCode, @QueryParam("overdue") String overdue,
            @QueryParam("page") int page, @QueryParam("size") int size);

    @GET
    @Path("work-orders/{caseId}")
    UnitViews.OrderDetail order(@PathParam("caseId") String caseId);

    /** One of the unit's actions: {@code action} is one of dispatch's {@code allowedActions} (sign, contact, …). */
    @POST
    @Path("work-orders/{caseId}/{action}")
    Map<String, Object> act(@PathParam("caseId") String caseId, @PathParam("action") String action,
            Map<String, Object> body);
}
