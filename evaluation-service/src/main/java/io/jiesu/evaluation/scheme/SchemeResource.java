package io.jiesu.evaluation.scheme;

import io.jiesu.contract.event.Enums;
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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/v1/schemes}: the evaluation schemes. A scheme is never edited: a change is a new version effective
 * from a month, so every published revision can say which scheme made it. Each new version is published on
 * {@code evaluation.results} ({@code jiesu.results.scheme-published.v1}) in the same transaction. The closing-the-loop
 * fields (sign-for share, overdue points, open-overdue rules, outcome credits, reopening answers, visit due hours)
 * are optional: left out, each takes its neutral value. So are {@code governance} (the multi-month governance-type
 * rule; left out: the bottom {@code governanceBottomN} of the month) and {@code commendation} (激励; left out: none),
 * whose checks answer 422 with what is wrong.
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
            @Min(0) @Max(343) Integer governanceBottomN,
            @NotBlank @Size(max = 500) String description,
            @DecimalMin("0") @DecimalMax("1") BigDecimal signForShare,
            @DecimalMin("0") @DecimalMax("100") BigDecimal overdueMarkPoints,
            Boolean openOverdueUnresponded, Boolean openOverdueDissatisfied,
            Map<CountedOutcome, @DecimalMin("0") @DecimalMax("1") BigDecimal> outcomeCredits,
            Set<Enums.Resolution> reopenResolutions, Set<Enums.Satisfaction> reopenSatisfactions,
            @Min(1) @Max(24 * 90) Integer visitDueHours, GovernanceRuleData governance,
            CommendationRuleData commendation) {
        static Scheme of(EvaluationScheme s) {
            Map<CountedOutcome, BigDecimal> credits = new EnumMap<>(CountedOutcome.class);
            s.rules().outcomeCaps().forEach((o, c) -> credits.put(o, BigDecimal.valueOf(c)));
            return new Scheme(s.version, s.effectiveFrom, s.responseWeight, s.resolutionWeight, s.satisfactionWeight,
                    s.partlyResolvedCredit, s.basicallySatisfiedCredit, s.attendanceWeight, s.lateReportCredit,
                    s.minVolume, s.governanceBottomN, s.description, s.signForShare, s.overdueMarkPoints,
                    s.openOverdueUnresponded, s.openOverdueDissatisfied, credits,
                    SchemeRules.parse(s.reopenResolutions, Enums.Resolution.class),
                    SchemeRules.parse(s.reopenSatisfactions, Enums.Satisfaction.class), s.visitDueHours,
                    GovernanceRuleData.of(s), CommendationRuleData.of(s));
        }
    }

    /**
     * The governance-type rule (治理类街乡镇): bottom [bottomN] streets/towns in [inMonths] of the last [ofLastMonths]
     * months, or [appealsPer10k] counted cases per 10,000 residents where the population is known. Left out: the bottom
     * {@code governanceBottomN} of the month alone. Checked by {@link #validate} (422), not by annotations.
     */
    public record GovernanceRuleData(Integer bottomN, Integer inMonths, Integer ofLastMonths, BigDecimal appealsPer10k) {
        static GovernanceRuleData of(EvaluationScheme s) {
            if (s.governanceInMonths == null && s.governanceOfLastMonths == null && s.governanceAppealsPer10k == null) {
                return null;
            }
            return new GovernanceRuleData(s.governanceBottomN, s.governanceInMonths, s.governanceOfLastMonths,
                    s.governanceAppealsPer10k);
        }
    }

    /**
     * The commendation rule (激励): per peer group the top [topN] with at least [minCases] cases and a composite of at
     * least [minCompositeScore], not governance-type when [notOnGovernanceList]. Left out: no commendation list.
     */
    public record CommendationRuleData(Integer topN, Integer minCases, BigDecimal minCompositeScore,
            Boolean notOnGovernanceList) {
        static CommendationRuleData of(EvaluationScheme s) {
            return s.commendationTopN == null ? null : new CommendationRuleData(s.commendationTopN,
                    s.commendationMinCases, s.commendationMinComposite, s.commendationNotOnGovernance);
        }
    }

    private final SchemePublisher publisher;

    public SchemeResource(SchemePublisher publisher) {
        this.publisher = publisher;
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
        int bottomN = validateGovernance(scheme);
        validateCommendation(scheme.commendation());
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
        s.governanceBottomN = bottomN;
        GovernanceRuleData g = scheme.governance();
        if (g != null) {
            s.governanceInMonths = g.inMonths() != null ? g.inMonths() : 1;
            s.governanceOfLastMonths = g.ofLastMonths() != null ? g.ofLastMonths() : s.governanceInMonths;
            s.governanceAppealsPer10k = g.appealsPer10k();
        }
        CommendationRuleData c = scheme.commendation();
        if (c != null) {
            s.commendationTopN = c.topN();
            s.commendationMinCases = c.minCases() != null ? c.minCases() : 0;
            s.commendationMinComposite = c.minCompositeScore() != null ? c.minCompositeScore() : BigDecimal.ZERO;
            s.commendationNotOnGovernance = !Boolean.FALSE.equals(c.notOnGovernanceList()); // default: true
        }
        s.description = scheme.description();
        s.createdAt = Instant.now();
        // the closing-the-loop rules; left out, each takes its neutral value (the rules before issue 17)
        s.signForShare = scheme.signForShare() != null ? scheme.signForShare() : BigDecimal.ZERO;
        s.overdueMarkPoints = scheme.overdueMarkPoints() != null ? scheme.overdueMarkPoints() : BigDecimal.ZERO;
        s.openOverdueUnresponded = Boolean.TRUE.equals(scheme.openOverdueUnresponded());
        s.openOverdueDissatisfied = Boolean.TRUE.equals(scheme.openOverdueDissatisfied());
        Map<CountedOutcome, BigDecimal> credits = scheme.outcomeCredits() == null ? new java.util.HashMap<>()
                : new java.util.HashMap<>(scheme.outcomeCredits());
        if (credits.containsKey(null)) {
            throw ProblemException.badRequest("outcomeCredits keys must be one of "
                    + java.util.Arrays.toString(CountedOutcome.values()));
        }
        s.outcomeResolvedCredit = credits.get(CountedOutcome.RESOLVED);
        s.outcomePartlyCredit = credits.get(CountedOutcome.PARTLY_RESOLVED);
        s.outcomeConditionsCredit = credits.get(CountedOutcome.CONDITIONS_BEING_CREATED);
        s.outcomeExplainedCredit = credits.get(CountedOutcome.EXPLAINED);
        s.outcomeCannotSolveCredit = credits.get(CountedOutcome.CANNOT_SOLVE);
        s.reopenResolutions = SchemeRules.join(scheme.reopenResolutions());
        s.reopenSatisfactions = SchemeRules.join(scheme.reopenSatisfactions());
        s.visitDueHours = scheme.visitDueHours() != null ? scheme.visitDueHours() : 72;
        s.persist();
        publisher.publish(s);
        return Response.status(201).entity(Scheme.of(s)).build();
    }

    /** The bottom N of the scheme: {@code governanceBottomN} or {@code governance.bottomN} (the same if both). */
    private static int validateGovernance(Scheme scheme) {
        GovernanceRuleData g = scheme.governance();
        Integer fromRule = g == null ? null : g.bottomN();
        if (scheme.governanceBottomN() == null && fromRule == null) {
            throw ProblemException.unprocessable("governanceBottomN (or governance.bottomN) is required");
        }
        if (scheme.governanceBottomN() != null && fromRule != null && !scheme.governanceBottomN().equals(fromRule)) {
            throw ProblemException.unprocessable("governance.bottomN (" + fromRule + ") differs from governanceBottomN ("
                    + scheme.governanceBottomN() + "); give one of them");
        }
        int bottomN = fromRule != null ? fromRule : scheme.governanceBottomN();
        if (bottomN < 0 || bottomN > 343) {
            throw ProblemException.unprocessable("governance.bottomN must be 0..343, not " + bottomN);
        }
        if (g == null) {
            return bottomN;
        }
        int in = g.inMonths() != null ? g.inMonths() : 1;
        int of = g.ofLastMonths() != null ? g.ofLastMonths() : in;
        if (in < 1 || in > 12) {
            throw ProblemException.unprocessable("governance.inMonths must be 1..12, not " + in);
        }
        if (of < 1 || of > 12) {
            throw ProblemException.unprocessable("governance.ofLastMonths must be 1..12 (the months looked back over, "
                    + "this one included), not " + of);
        }
        if (in > of) {
            throw ProblemException.unprocessable("governance.inMonths (" + in + ") cannot exceed governance.ofLastMonths ("
                    + of + "): bottom N in M of the last K months needs M <= K");
        }
        if (g.appealsPer10k() != null && (g.appealsPer10k().signum() <= 0
                || g.appealsPer10k().compareTo(BigDecimal.valueOf(10_000)) > 0)) {
            throw ProblemException.unprocessable("governance.appealsPer10k must be more than 0 and at most 10000, not "
                    + g.appealsPer10k());
        }
        return bottomN;
    }

    private static void validateCommendation(CommendationRuleData c) {
        if (c == null) {
            return;
        }
        if (c.topN() == null || c.topN() < 1 || c.topN() > 343) {
            throw ProblemException.unprocessable("commendation.topN is required, 1..343 (per peer group), not "
                    + c.topN());
        }
        if (c.minCases() != null && (c.minCases() < 0 || c.minCases() > 100_000)) {
            throw ProblemException.unprocessable("commendation.minCases must be 0..100000, not " + c.minCases());
        }
        if (c.minCompositeScore() != null && (c.minCompositeScore().signum() < 0
                || c.minCompositeScore().compareTo(BigDecimal.valueOf(100)) > 0)) {
            throw ProblemException.unprocessable("commendation.minCompositeScore must be 0..100, not "
                    + c.minCompositeScore());
        }
    }
}
