package io.jiesu.console.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;

/**
 * Sign-in page, sign-out, the landing redirect to the person's desk, and the language switch. The password itself
 * is checked by Quarkus' form authentication ({@code POST /j_security_check}) with
 * {@link io.jiesu.console.account.AccountIdentityProvider}.
 */
@Path("/")
public class SignInResource {
    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance login(boolean error, boolean signedOut, boolean expired);
    }

    private final Page page;
    private final String sessionCookie;

    SignInResource(Page page, @ConfigProperty(name = "quarkus.http.auth.form.cookie-name") String sessionCookie) {
        this.page = page;
        this.sessionCookie = sessionCookie;
    }

    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance login(@QueryParam("error") String error, @QueryParam("out") String out,
            @QueryParam("expired") String expired) {
        return page.render(Templates.login(error != null, out != null, expired != null));
    }

    /** The landing page: each role has its desk. */
    @GET
    public Response home() {
        String target = page.person().map(p -> p.role().home()).orElse("/login");
        return Response.seeOther(URI.create(target)).build();
    }

    /** Sign-out (a form with its CSRF token): the session cookie is dropped. */
    @POST
    @Path("logout")
    public Response logout() {
        page.person().ifPresent(p -> org.jboss.logging.Logger.getLogger(SignInResource.class)
                .infof("%s signed out", p.username()));
        NewCookie gone = new NewCookie.Builder(sessionCookie).value("").path("/").maxAge(0).httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).build();
        return Response.seeOther(URI.create("/login?out=1")).cookie(gone).build();
    }

    /** Switches the language (zh-CN ⇄ en) and goes back to the page the person was on. */
    @GET
    @Path("lang")
    public Response language(@QueryParam("to") String to, @QueryParam("back") String back) {
        String value = "en".equals(to) ? "en" : "zh-CN";
        String target = back != null && back.startsWith("/") && !back.startsWith("//") ? back : "/";
        NewCookie cookie = new NewCookie.Builder(Page.LANG_COOKIE).value(value).path("/").maxAge(365 * 24 * 3600)
                .sameSite(NewCookie.SameSite.LAX).build();
        return Response.seeOther(URI.create(target)).cookie(cookie).build();
    }

}
