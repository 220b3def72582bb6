package io.jiesu.console.web;

import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.List;

/**
 * A form refused by the CSRF check (quarkus-rest-csrf answers a bare 400) gets a page that says what happened and
 * what to do, instead of an empty one. The refusal itself is unchanged: status 400, nothing done.
 */
public class CsrfRefusalPage {
    private static final Logger LOG = Logger.getLogger(CsrfRefusalPage.class);

    private final Page page;

    CsrfRefusalPage(Page page) {
        this.page = page;
    }

    @ServerResponseFilter
    public void explain(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() != 400 || response.hasEntity() || !"POST".equals(request.getMethod())) {
            return;
        }
        LOG.warnf("a form post to %s was refused: missing or wrong CSRF token", request.getUriInfo().getPath());
        boolean en = "en".equals(page.locale().getLanguage());
        TemplateInstance t = ErrorPages.Templates.refused(400,
                en ? "Refused: the form's security check failed" : "提交被拒绝：表单安全校验未通过",
                List.of(en ? "The form was missing its security token or it had expired. Reload the page and try again."
                        : "表单缺少安全校验码或已过期（CSRF 防护）。请刷新页面后重新提交。"));
        response.setEntity(page.render(t).render(), null, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
    }
}
