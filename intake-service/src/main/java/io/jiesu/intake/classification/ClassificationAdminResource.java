package io.jiesu.intake.classification;

import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.platform.security.Roles;
import io.jiesu.platform.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** Admin API of the classification rules and urgency words (rules as data). */
@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class ClassificationAdminResource {
    public record CategoryRule(Long id, @NotBlank String categoryCode, @NotBlank @Size(max = 100) String phrase,
            @NotNull @Min(1) @Max(100) Integer weight) {
    }

    public record UrgencyRule(Long id, @NotBlank @Size(max = 100) String phrase,
            @Pattern(regexp = "(1[0-2]|[1-9])(,(1[0-2]|[1-9]))*", message = "months 1-12, comma separated") String months,
            @NotBlank @Size(max = 200) String description) {
    }

    @Inject
    EntityManager em;
    @Inject
    Classifier classifier;

    @GET
    @Path("classification-rules")
    @SuppressWarnings("unchecked")
    public List<CategoryRule> categoryRules() {
        List<Object[]> rows = em.createNativeQuery(
                "SELECT id, category_code, phrase, weight FROM classification_rule ORDER BY category_code, phrase")
                .getResultList();
        return rows.stream().map(r -> new CategoryRule(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                ((Number) r[3]).intValue())).toList();
    }

    @POST
    @Path("classification-rules")
    @Transactional
    public Response addCategoryRule(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "teach a phrase", value = "{\"categoryCode\": \"SHARED_BICYCLES\", \"phrase\": \"共享单车\", \"weight\": 5}"))) @Valid @NotNull CategoryRule rule) {
        if (ReferenceData.get().category(rule.categoryCode()).isEmpty()) {
            throw ProblemException.unprocessable("categoryCode: unknown category '" + rule.categoryCode()
                    + "'; valid codes: GET /api/v1/categories");
        }
        Number id = (Number) em.createNativeQuery("""
                INSERT INTO classification_rule (category_code, phrase, weight) VALUES (?1, ?2, ?3)
                ON CONFLICT (category_code, phrase) DO UPDATE SET weight = EXCLUDED.weight RETURNING id""")
                .setParameter(1, rule.categoryCode()).setParameter(2, rule.phrase()).setParameter(3, rule.weight())
                .getSingleResult();
        classifier.rulesChanged();
        return Response.status(201).entity(new CategoryRule(id.longValue(), rule.categoryCode(), rule.phrase(),
                rule.weight())).build();
    }

    @DELETE
    @Path("classification-rules/{id}")
    @Transactional
    public Response deleteCategoryRule(@PathParam("id") long id) {
        if (em.createNativeQuery("DELETE FROM classification_rule WHERE id = ?1").setParameter(1, id)
                .executeUpdate() == 0) {
            throw ProblemException.notFound("no classification rule " + id);
        }
        classifier.rulesChanged();
        return Response.noContent().build();
    }

    @GET
    @Path("urgency-rules")
    @SuppressWarnings("unchecked")
    public List<UrgencyRule> urgencyRules() {
        List<Object[]> rows = em.createNativeQuery("SELECT id, phrase, months, description FROM urgency_rule ORDER BY id")
                .getResultList();
        return rows.stream().map(r -> new UrgencyRule(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                (String) r[3])).toList();
    }

    @POST
    @Path("urgency-rules")
    @Transactional
    public Response addUrgencyRule(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "a seasonal urgency word", value = "{\"phrase\": \"暖气漏水\", \"months\": \"11,12,1,2,3\", \"description\": \"leaking radiator in the heating season\"}"))) @Valid @NotNull UrgencyRule rule) {
        Number id = (Number) em.createNativeQuery("""
                INSERT INTO urgency_rule (phrase, months, description) VALUES (?1, ?2, ?3)
                ON CONFLICT (phrase) DO UPDATE SET months = EXCLUDED.months, description = EXCLUDED.description
                RETURNING id""")
                .setParameter(1, rule.phrase()).setParameter(2, rule.months()).setParameter(3, rule.description())
                .getSingleResult();
        classifier.rulesChanged();
        return Response.status(201).entity(new UrgencyRule(id.longValue(), rule.phrase(), rule.months(),
                rule.description())).build();
    }

    @DELETE
    @Path("urgency-rules/{id}")
    @Transactional
    public Response deleteUrgencyRule(@PathParam("id") long id) {
        if (em.createNativeQuery("DELETE FROM urgency_rule WHERE id = ?1").setParameter(1, id).executeUpdate() == 0) {
            throw ProblemException.notFound("no urgency rule " + id);
        }
        classifier.rulesChanged();
        return Response.noContent().build();
    }
}
