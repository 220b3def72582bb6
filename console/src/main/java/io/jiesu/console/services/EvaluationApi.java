package io.jiesu.console.services;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.List;
import java.util.Map;

/** evaluation-service (考评), called for the signed-in person. */
@RegisterRestClient(configKey = "evaluation")
@RegisterProvider(BearerForwarding.class)
@RegisterProvider(ServiceRefusalMapper.class)
@Path("/api/v1")
public interface EvaluationApi {
    @GET
    @Path("visits/queue")
    EvaluationViews.VisitQueue visitQueue(@QueryParam("page") int page, @QueryParam("size") int size);

    @POST
    @Path("visits")
    Map<String, Object> recordVisit(Map<String, Object> visit);

    @GET
    @Path("visits")
    List<EvaluationViews.Visit> visits(@QueryParam("caseId") String caseId);

    @GET
    @Path("objections")
    List<EvaluationViews.Objection> objections(@QueryParam("status") String status);

    @POST
    @Path("objections/{id}/decision")
    Map<String, Object> decideObjection(@PathParam("id") String id, Map<String, Object> decision);

    @GET
    @Path("schemes")
    List<Map<String, Object>> schemes();

    @POST
    @Path("schemes")
    Map<String, Object> addScheme(Map<String, Object> scheme);
}
