package io.jiesu.evaluation.scheme;

import io.jiesu.platform.security.Roles;
import io.jiesu.platform.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * {@code /api/v1/schemes}: the evaluation schemes. A scheme is never edited: a change is a new version effective
 * from a month, so every published revision can say which scheme made it.
 */
@Path("/api/v1/schemes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SchemeResource {
    public record Scheme(@NotBlank @Size(max = 40) @Pattern(regexp = "[A-Za-z0-9._-]+") String version,
            @NotNull @Pattern(regexp = "\\d{4}-(0[1-9]|1[0-2])", message = "must be YYYY-MM") String effectiveFrom,
            @NotNull @DecimalMin("0") @DecimalMax("1") BigDecimal responseWeight,
            @NotNull @DecimalMin("0") @DecimalMax("1") BigDecimal resolutionWeight,
            @NotNull @DecimalMin("0") @DecimalMax("1") BigDecimal satisfactionWeight,
            @NotNull @DecimalMin("0") @DecimalMax("1") BigDecimal partlyResolvedCredit,
            @NotNull @DecimalMin("0") @DecimalMax("1") BigDecimal basicallySatisfiedCredit,
            @NotNull @DecimalMin("0") @DecimalMax("1") BigDecimal attendanceWeight,
            @NotNull @DecimalMin("0") @DecimalMax("1") BigDecimal lateReportCredit,
            @NotNull @Min(1) @Max(10_000) Integer minVolume,
            @NotNull @Min(0) @Max(343) Integer governanceBottomN,
            @NotBlank @Size(max = 500) String description) {
        static Scheme of(EvaluationScheme s) {
            return new Scheme(s.version, s.effectiveFrom, s.responseWeight, s.resolutionWeight, s.satisfactionWeight,
                    s.partlyResolvedCredit, s.basicallySatisfiedCredit, s.attendanceWeight, s.lateReportCredit,
                    s.minVolume, s.governanceBottomN, s.description);
        }
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.REVIEWER, Roles.ANALYST, Roles.UNIT})
    public List<Scheme> list() {
        return EvaluationScheme.<EvaluationScheme>list("order by effectiveFrom").stream().map(Scheme::of).toList();
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public Response add(@Valid @NotNull Scheme scheme) {
        BigDecimal sum = scheme.responseWeight().add(scheme.resolutionWeight()).add(scheme.satisfactionWeight());
        if (sum.compareTo(BigDecimal.ONE) != 0) {
            throw ProblemException.unprocessable("responseWeight + resolutionWeight + satisfactionWeight must be 1, not "
                    + sum);
        }
        if (EvaluationScheme.findById(scheme.version()) != null) {
            throw ProblemException.conflict("scheme " + scheme.version() + " exists; schemes are never edited, "
                    + "add a new version");
        }
        if (EvaluationScheme.count("effectiveFrom", scheme.effectiveFrom()) > 0) {
            throw ProblemException.conflict("a scheme is already effective from " + scheme.effectiveFrom());
        }
        EvaluationScheme s = new EvaluationScheme();
        s.version = scheme.version();
        s.effectiveFrom = scheme.effectiveFrom();
        s.responseWeight = scheme.responseWeight();
        s.resolutionWeight = scheme.resolutionWeight();
        s.satisfactionWeight = scheme.satisfactionWeight();
        s.partlyResolvedCredit = scheme.partlyResolvedCredit();
        s.basicallySatisfiedCredit = scheme.basicallySatisfiedCredit();
        s.attendanceWeight = scheme.attendanceWeight();
        s.lateReportCredit = scheme.lateReportCredit();
        s.minVolume = scheme.minVolume();
        s.governanceBottomN = scheme.governanceBottomN();
        s.description = scheme.description();
        s.createdAt = Instant.now();
        s.persist();
        return Response.status(201).entity(Scheme.of(s)).build();
    }
}
