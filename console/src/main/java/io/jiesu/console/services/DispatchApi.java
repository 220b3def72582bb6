package io.jiesu.console.services;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.List;
import java.util.Map;

/** dispatch-service (派单·即办), called for the signed-in person. */
@RegisterRestClient(configKey = "dispatch")
@RegisterProvider(BearerForwarding.class)
@RegisterProvider(ServiceRefusalMapper.class)
@Path("/api/v1")
public interface DispatchApi {
    @GET
    @Path("manual-dispatch")
    List<DispatchViews.QueuedOrder> manualQueue();

    @POST
    @Path("manual-dispatch/{caseId}")
    Map<String, Object> dispatchManually(@PathParam("caseId") String caseId, Map<String, Object> body);

    @GET
    @Path("reviews/returns")
    List<DispatchViews.ReturnRequest> returns(@QueryParam("status") String status);

    @GET
    @Path("reviews/extensions")
    List<DispatchViews.ExtensionRequest> extensions(@QueryParam("status") String status);

    @POST
    @Path("work-orders/{caseId}/return/decision")
    Map<String, Object> decideReturn(@PathParam("caseId") String caseId, Map<String, Object> body);

    @POST
    @Path("work-orders/{caseId}/extension/decision")
    Map<String, Object> decideExtension(@PathParam("caseId") String caseId, Map<String, Object> body);

    @GET
    @Path("work-orders")
    DispatchViews.OrderPage deadlines(@QueryParam("overdue") String overdue,
            @QueryParam("dueWithinHours") Integer dueWithinHours, @QueryParam("district") String district,
            @QueryParam("unitKind") String unitKind, @QueryParam("category") String category,
            @QueryParam("sort") String sort, @QueryParam("page") int page, @QueryParam("size") int size);

    @GET
    @Path("work-orders/{caseId}")
    DispatchViews.WorkOrderDetail workOrder(@PathParam("caseId") String caseId);

    @GET
    @Path("units/{unitCode}/work-orders")
    List<DispatchViews.WorkOrder> unitWorkOrders(@PathParam("unitCode") String unitCode,
            @QueryParam("status") String status, @QueryParam("page") int page, @QueryParam("size") int size);

    @GET
    @Path("admin/time-limits")
    List<Map<String, Object>> timeLimits();

    @PUT
    @Path("admin/time-limits/{id}")
    Map<String, Object> putTimeLimit(@PathParam("id") String id, Map<String, Object> policy);

    @GET
    @Path("admin/time-limits/{id}/history")
    List<DispatchViews.TimeLimitChange> timeLimitHistory(@PathParam("id") String id);

    @GET
    @Path("routing-rules")
    List<Map<String, Object>> routingRules();

    @GET
    @Path("routing-rules/{id}")
    Map<String, Object> routingRule(@PathParam("id") String id);

    @PUT
    @Path("routing-rules/{id}")
    Map<String, Object> changeRoutingRule(@PathParam("id") String id, Map<String, Object> rule);

    @GET
    @Path("routing-rules/{id}/history")
    List<Map<String, Object>> routingRuleHistory(@PathParam("id") String id);
}
