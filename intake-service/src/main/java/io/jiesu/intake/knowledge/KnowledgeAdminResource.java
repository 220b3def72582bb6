package io.jiesu.intake.knowledge;

import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.platform.security.Roles;
import io.jiesu.platform.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.List;

/** Admin API of the knowledge base for direct answers. Operators may read it. */
@Path("/api/v1/admin/knowledge")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class KnowledgeAdminResource {
    private final KnowledgeBase knowledgeBase;

    KnowledgeAdminResource(KnowledgeBase knowledgeBase) {
        this.knowledgeBase = knowledgeBase;
    }

    public record Entry(String id, @NotBlank @Size(max = 500) String question,
            @NotBlank @Size(max = 500) String keywords, @NotBlank @Size(max = 4000) String answer,
            @NotBlank String categoryCode, boolean active) {
        static Entry of(KnowledgeEntry e) {
            return new Entry(e.id, e.question, e.keywords, e.answer, e.categoryCode, e.active);
        }
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public List<Entry> list() {
        return KnowledgeEntry.<KnowledgeEntry>listAll().stream().map(Entry::of).toList();
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public Response put(@PathParam("id") @Pattern(regexp = "[a-z0-9-]{3,60}", message = "lower-case letters, digits and - (3-60)") String id,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "a knowledge entry", value = "{\"question\": \"公积金怎么提取？\", \"keywords\": \"公积金,提取\", \"answer\": \"可通过北京住房公积金网上业务平台申请提取。\", \"categoryCode\": \"POLICY_CONSULTATION\", \"active\": true}"))) @Valid @NotNull Entry entry) {
        if (ReferenceData.get().category(entry.categoryCode()).isEmpty()) {
            throw ProblemException.unprocessable("categoryCode: unknown category '" + entry.categoryCode()
                    + "'; valid codes: GET /api/v1/categories");
        }
        KnowledgeEntry e = KnowledgeEntry.findById(id);
        boolean created = e == null;
        if (created) {
            e = new KnowledgeEntry();
            e.id = id;
        }
        e.question = entry.question();
        e.keywords = entry.keywords();
        e.answer = entry.answer();
        e.categoryCode = entry.categoryCode();
        e.active = entry.active();
        e.updatedAt = Instant.now();
        e.persist();
        knowledgeBase.entriesChanged();
        return Response.status(created ? 201 : 200).entity(Entry.of(e)).build();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public Response delete(@PathParam("id") String id) {
        if (!KnowledgeEntry.deleteById(id)) {
            throw ProblemException.notFound("no knowledge entry " + id);
        }
        knowledgeBase.entriesChanged();
        return Response.noContent().build();
    }
}
