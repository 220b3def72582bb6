package io.jiesu.console.account;

import io.jiesu.console.web.Page;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Administrators manage the console's accounts: create or reset (a new password shown once), lock out, unlock. */
@Path("/admin/accounts")
@RolesAllowed("admin")
@Produces(MediaType.TEXT_HTML)
public class AccountAdminResource {
    static final int PAGE_SIZE = 25;

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance accounts(List<Account> accounts, String q, int page, long total,
                AccountService.Issued issued, String error, String errorField, List<Role> roles, Instant now,
                boolean hasNext);

        static native TemplateInstance account(Account account, List<AccountAudit> history, boolean locked);
    }

    private final AccountService accounts;
    private final Page page;

    AccountAdminResource(AccountService accounts, Page page) {
        this.accounts = accounts;
        this.page = page;
    }

    @GET
    public TemplateInstance list(@QueryParam("q") String q, @QueryParam("page") @DefaultValue("0") int pageNumber) {
        return render(q, Math.max(0, pageNumber), null, null, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response createOrReset(@FormParam("username") String username, @FormParam("role") String role,
            @FormParam("unitCode") String unitCode, @FormParam("displayName") String displayName) {
        try {
            AccountService.Issued issued = accounts.createOrReset(username == null ? null : username.trim().toLowerCase(),
                    Role.fromClaim(role).orElse(null), unitCode == null || unitCode.isBlank() ? null : unitCode.trim(),
                    displayName, page.requirePerson().username());
            return Response.ok(render(null, 0, issued, null, null)).build();
        } catch (AccountException e) {
            return Response.status(422).entity(render(null, 0, null, e.getMessage(), e.field())).build();
        }
    }

    @GET
    @Path("{username}")
    public TemplateInstance account(@PathParam("username") String username) {
        Account account = accounts.active(username).orElseGet(() -> Account.findById(username));
        if (account == null) {
            throw new jakarta.ws.rs.NotFoundException();
        }
        return page.render(Templates.account(account, accounts.history(username),
                accounts.isLocked(account, Instant.now())).data("nav", "accounts"));
    }

    @POST
    @Path("{username}/{action: enable|disable|unlock}")
    public Response change(@PathParam("username") String username, @PathParam("action") String action) {
        String actor = page.requirePerson().username();
        try {
            switch (action) {
                case "enable" -> accounts.setEnabled(username, true, actor);
                case "disable" -> accounts.setEnabled(username, false, actor);
                default -> accounts.unlock(username, actor);
            }
        } catch (AccountException e) {
            throw new jakarta.ws.rs.NotFoundException(e.getMessage());
        }
        return Response.seeOther(URI.create("/admin/accounts/" + URLEncoder.encode(username, StandardCharsets.UTF_8)))
                .build();
    }

    private TemplateInstance render(String q, int pageNumber, AccountService.Issued issued, String error,
            String errorField) {
        long total = accounts.count(q);
        return page.render(Templates.accounts(accounts.page(q, pageNumber, PAGE_SIZE), q, pageNumber,
                total, issued, error, errorField, List.of(Role.values()), Instant.now(),
                total > (long) (pageNumber + 1) * PAGE_SIZE)
                .data("nav", "accounts"));
    }
}
