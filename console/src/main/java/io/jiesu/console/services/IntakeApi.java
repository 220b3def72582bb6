package io.jiesu.console.services;

import jakarta.ws.rs.DELETE;
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

/** intake-service (接诉), called for the signed-in person. Bodies and answers are the service's own JSON. */
@RegisterRestClient(configKey = "intake")
@RegisterProvider(BearerForwarding.class)
@RegisterProvider(ServiceRefusalMapper.class)
@Path("/api/v1")
public interface IntakeApi {
    @POST
    @Path("appeals")
    Map<String, Object> submitAppeal(Map<String, Object> appeal);

    @POST
    @Path("assist/classification")
    IntakeViews.ClassificationHint classification(Map<String, Object> query);

    @POST
    @Path("assist/caller")
    IntakeViews.CallerContext caller(Map<String, Object> query);

    @GET
    @Path("cases/{caseId}")
    IntakeViews.CaseView caseView(@PathParam("caseId") String caseId);

    @GET
    @Path("cases")
    List<IntakeViews.CaseSummary> searchCases(@QueryParam("phone") String phone,
            @QueryParam("categoryCode") String categoryCode, @QueryParam("districtCode") String districtCode,
            @QueryParam("streetCode") String streetCode, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page") int page, @QueryParam("size") int size);

    @GET
    @Path("admin/knowledge")
    List<Map<String, Object>> knowledge();

    @PUT
    @Path("admin/knowledge/{id}")
    Map<String, Object> putKnowledge(@PathParam("id") String id, Map<String, Object> entry);

    @GET
    @Path("admin/classification-rules")
    List<Map<String, Object>> classificationRules();

    @POST
    @Path("admin/classification-rules")
    Map<String, Object> addClassificationRule(Map<String, Object> rule);

    @DELETE
    @Path("admin/classification-rules/{id}")
    void deleteClassificationRule(@PathParam("id") long id);
}
