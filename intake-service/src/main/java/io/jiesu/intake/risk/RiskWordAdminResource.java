package io.jiesu.intake.risk;

import io.jiesu.platform.security.CallerIdentity;
import io.jiesu.platform.security.Roles;
import io.jiesu.platform.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Admin API of the risk words (风险词, rules as data): list, add, deactivate — each change audited with who made it.
 * A word counts for appeals from the next one on this instance (other instances within the cache refresh time).
 */
@Path("/api/v1/admin/risk-words")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class RiskWordAdminResource {
    /** The shortest word accepted: a single character (火, 死) would flag harmless appeals by the thousand. */
    static final int MIN_WORD_LENGTH = 2;

    public record NewRiskWord(@NotBlank @Size(max = 50) String word,
            @NotBlank @Size(max = 30) @Pattern(regexp = "[A-Z][A-Z_]*", message = "upper-case letters and _, e.g. SELF_HARM, GAS, COLLAPSE") String kind,
            @NotBlank @Size(max = 200) String description) {
    }

    @Inject
    RiskWords words;
    @Inject
    CallerIdentity caller;

    @GET
    @Operation(summary = "The risk words; ?active=true|false filters")
    public List<RiskWords.Row> list(@QueryParam("active")
            @jakarta.validation.constraints.Pattern(regexp = "true|false", message = "must be true or false") String active) {
        // a String, not a Boolean: JAX-RS would read "maybe" as false and answer as if asked for inactive words
        return words.list(active == null ? null : Boolean.valueOf(active));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One risk word with its audit trail, newest first")
    public Map<String, Object> one(@PathParam("id") long id) {
        RiskWords.Row row = words.byId(id).orElseThrow(() -> ProblemException.notFound("no risk word " + id));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("word", row);
        out.put("audit", words.auditOf(id));
        return out;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Add a risk word (or make an inactive one active again); 409 if it is already active")
    public Response add(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "a self-harm word", value = "{\"word\": \"活不下去\", \"kind\": \"SELF_HARM\", \"description\": \"cannot go on living\"}"))) @Valid @NotNull NewRiskWord body) {
        String word = RiskWordMatcher.normalise(body.word());
        if (word.codePointCount(0, word.length()) < MIN_WORD_LENGTH) {
            throw ProblemException.unprocessable("word: '" + body.word() + "' is too short; a risk word needs at least "
                    + MIN_WORD_LENGTH + " characters (without spaces), or it would flag harmless appeals")
                    .with("field", "word");
        }
        RiskWords.Row added = words.add(word, body.kind(), body.description().strip(), caller.subject());
        if (added == null) {
            RiskWords.Row existing = words.byWord(word).orElseThrow();
            throw ProblemException.conflict("risk word '" + word + "' is already active (id " + existing.id()
                    + ", kind " + existing.kind() + ")").with("id", existing.id());
        }
        return Response.created(URI.create("/api/v1/admin/risk-words/" + added.id())).entity(added).build();
    }

    @POST
    @Path("{id}/deactivate")
    @Transactional
    @Operation(summary = "Deactivate a risk word (kept for the audit; add it again to reactivate); 409 if inactive")
    public RiskWords.Row deactivate(@PathParam("id") long id) {
        RiskWords.Row row = words.byId(id).orElseThrow(() -> ProblemException.notFound("no risk word " + id));
        if (!words.deactivate(row, caller.subject())) {
            throw ProblemException.conflict("risk word " + id + " ('" + row.word() + "') is already inactive");
        }
        return words.byId(id).orElseThrow();
    }
}
