package io.jiesu.analytics.api;

import io.jiesu.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/**
 * 每月一题 and 未诉先办. Candidates per month are ranked by
 * {@code score = 0.5 · volume / max volume + 0.25 · min(max(growth, 0), 1) + 0.25 · dissatisfaction rate}
 * (growth against the previous month; dissatisfaction = DISSATISFIED / visits with an answer). An adopted topic holds
 * a plan and three lists; each task can be sent once as a proactive work order that dispatch turns into a work order.
 * Routing and roles only: the rules and their SQL are in {@link MonthlyTopics}.
 */
@Path("/api/v1/monthly-topics")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ANALYST, Roles.LEADER, Roles.ADMIN})
public class MonthlyTopicResource {
    private final MonthlyTopics topics;

    public MonthlyTopicResource(MonthlyTopics topics) {
        this.topics = topics;
    }

    @GET
    @Path("candidates")
    @Transactional
    public List<Map<String, Object>> candidates(@QueryParam("period") String period,
            @QueryParam("limit") @jakarta.ws.rs.DefaultValue("10") int limit) {
        return topics.candidates(period, limit);
    }

    /** Publishes the top {@code count} candidates as {@code jiesu.insight.monthly-topic-proposed.v1}, once each. */
    @POST
    @Path("candidates/{period}/propose")
    @Transactional
    public List<Map<String, Object>> propose(@PathParam("period") String period,
            @QueryParam("count") @jakarta.ws.rs.DefaultValue("3") int count) {
        return topics.propose(period, count);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response adopt(MonthlyTopics.Adoption a) {
        return topics.adopt(a);
    }

    @GET
    @Transactional
    public List<Map<String, Object>> list() {
        return topics.list();
    }

    @GET
    @Path("{topicId}")
    @Transactional
    public Map<String, Object> get(@PathParam("topicId") String topicId) {
        return topics.get(topicId);
    }

    @POST
    @Path("{topicId}/tasks")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response addTask(@PathParam("topicId") String topicId, MonthlyTopics.Task t) {
        return topics.addTask(topicId, t);
    }

    @POST
    @Path("{topicId}/policies")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response addPolicy(@PathParam("topicId") String topicId, MonthlyTopics.Policy p) {
        return topics.addPolicy(topicId, p);
    }

    /**
     * Sends a task as a proactive work order (未诉先办): {@code jiesu.insight.proactive-work-order-requested.v1} with a
     * new case id {@code P<yyyyMMdd><7 digits>}; dispatch-service makes it a PROACTIVE work order for the unit.
     * Once per task: a second call answers 409 with the case id.
     */
    @POST
    @Path("{topicId}/tasks/{taskId}/proactive-work-order")
    @Transactional
    public Response proactive(@PathParam("topicId") String topicId, @PathParam("taskId") String taskId) {
        return topics.proactive(topicId, taskId);
    }

    /** Case volume of the topic's category (and district) month by month, from the adoption month on. */
    @GET
    @Path("{topicId}/tracking")
    @Transactional
    public Map<String, Object> tracking(@PathParam("topicId") String topicId) {
        return topics.tracking(topicId);
    }
}
