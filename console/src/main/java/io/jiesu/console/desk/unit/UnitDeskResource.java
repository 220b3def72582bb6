package io.jiesu.console.desk.unit;

import io.jiesu.console.services.DispatchApi;
import io.jiesu.console.services.DispatchViews;
import io.jiesu.console.web.Page;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.List;

/**
 * A handling unit's work orders (承办单位). The list and each order come from dispatch with the person's unit token:
 * an order of another unit is dispatch's 403, shown as a clear page. (The unit's full desk — actions, live inbox —
 * is built on this.)
 */
@Path("/desk/unit")
@RolesAllowed("unit")
@Produces(MediaType.TEXT_HTML)
public class UnitDeskResource {
    static final int PAGE_SIZE = 25;

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance orders(List<DispatchViews.WorkOrder> orders, int page, boolean hasNext);

        static native TemplateInstance order(DispatchViews.WorkOrderDetail detail);
    }

    private final DispatchApi dispatch;
    private final Page page;

    UnitDeskResource(@RestClient DispatchApi dispatch, Page page) {
        this.dispatch = dispatch;
        this.page = page;
    }

    @GET
    public TemplateInstance orders(@QueryParam("page") @DefaultValue("0") int pageNumber) {
        int p = Math.max(0, pageNumber);
        List<DispatchViews.WorkOrder> orders = dispatch.unitWorkOrders(page.requirePerson().unitCode(), null, p,
                PAGE_SIZE + 1);
        boolean hasNext = orders.size() > PAGE_SIZE;
        return page.render(Templates.orders(hasNext ? orders.subList(0, PAGE_SIZE) : orders, p, hasNext)
                .data("nav", "unit"));
    }

    @GET
    @Path("orders/{caseId}")
    public TemplateInstance order(@PathParam("caseId") String caseId) {
        return page.render(Templates.order(dispatch.workOrder(caseId)).data("nav", "unit"));
    }
}
