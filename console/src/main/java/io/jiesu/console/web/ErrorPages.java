package io.jiesu.console.web;

import io.jiesu.console.services.ServiceRefusal;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * What a person sees when a service says no or cannot be reached: a clear page (or, inside an htmx update, a
 * message in place) with the service's own reason and the same status — never a stack trace.
 */
public class ErrorPages {
    private static final Logger LOG = Logger.getLogger(ErrorPages.class);

    @CheckedTemplate(requireTypeSafeExpressions = false)
    public static class Templates {
        public static native TemplateInstance error(int status, String title, java.util.List<String> messages);

        /** Without the page's forms: for a request whose CSRF check failed there is no token to put in them. */
        public static native TemplateInstance refused(int status, String title, java.util.List<String> messages);

        static native TemplateInstance errorInline(int status, String title, java.util.List<String> messages);
    }

    private final Page page;

    ErrorPages(Page page) {
        this.page = page;
    }

    @ServerExceptionMapper
    public Response refused(ServiceRefusal refusal) {
        if (!refusal.isClientError()) {
            LOG.warnf("%s", refusal.getMessage());
        }
        return render(refusal.status(), titleFor(refusal.status()), refusal.messages());
    }

    @ServerExceptionMapper
    public Response unreachable(ProcessingException e) {
        LOG.warnf("a service could not be reached: %s", e.getMessage());
        return render(503, titleFor(503), java.util.List.of(english()
                ? "A service of the platform does not answer right now. Try again in a moment."
                : "平台服务暂时无法访问，请稍后再试。"));
    }

    private Response render(int status, String title, java.util.List<String> messages) {
        TemplateInstance t = page.isHtmx() ? Templates.errorInline(status, title, messages)
                : Templates.error(status, title, messages);
        // htmx swaps only 2xx answers by default: the inline message is sent as 200 with the real status inside
        int sent = page.isHtmx() ? 200 : status;
        return Response.status(sent).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(page.render(t).render()).build();
    }

    private String titleFor(int status) {
        boolean en = english();
        return switch (status) {
            case 400, 422 -> en ? "The service refused the input" : "输入有误，服务未接受";
            case 401 -> en ? "Please sign in again" : "请重新登录";
            case 403 -> en ? "Not allowed: this is not yours to see or do" : "无权访问：该内容不属于您的单位或角色";
            case 404 -> en ? "Not found" : "未找到";
            case 409 -> en ? "Not possible in the current state" : "当前状态下无法执行该操作";
            case 503 -> en ? "Service unavailable" : "服务暂不可用";
            default -> en ? "Something went wrong" : "出现错误";
        };
    }

    private boolean english() {
        return "en".equals(page.locale().getLanguage());
    }
}
