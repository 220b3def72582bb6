package io.jiesu.evaluation.scheme;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * A version of the evaluation method: indicator weights, partial credits, the minimum volume to be ranked and the
 * governance-type rule. The scheme of a month is the one with the latest {@code effectiveFrom} not after it.
 */
@Entity
@Table(name = "evaluation_scheme")
public class EvaluationScheme extends PanacheEntityBase {
    @Id
    public String version;
    @Column(name = "effective_from")
    public String effectiveFrom;
    @Column(name = "response_weight")
    public BigDecimal responseWeight;
    @Column(name = "resolution_weight")
    public BigDecimal resolutionWeight;
    @Column(name = "satisfaction_weight")
    public BigDecimal satisfactionWeight;
    @Column(name = "partly_resolved_credit")
    public BigDecimal partlyResolvedCredit;
    @Column(name = "basically_satisfied_credit")
    public BigDecimal basicallySatisfiedCredit;
    @Column(name = "attendance_weight")
    public BigDecimal attendanceWeight;
    @Column(name = "late_report_credit")
    public BigDecimal lateReportCredit;
    @Column(name = "min_volume")
    public int minVolume;
    @Column(name = "governance_bottom_n")
    public int governanceBottomN;
    public String description;
    @Column(name = "created_at")
    public Instant createdAt;
    /** Share of sign-for timeliness in a case's response credit; the rest is contact timeliness. */
    @Column(name = "sign_for_share")
    public BigDecimal signForShare = BigDecimal.ZERO;
    /** Composite points a unit loses per overdue mark (超期) of the month. */
    @Column(name = "overdue_mark_points")
    public BigDecimal overdueMarkPoints = BigDecimal.ZERO;
    @Column(name = "open_overdue_unresponded")
    public boolean openOverdueUnresponded;
    @Column(name = "open_overdue_dissatisfied")
    public boolean openOverdueDissatisfied;
    /** Highest resolution credit per completion outcome; null: as the visit says. */
    @Column(name = "outcome_resolved_credit")
    public BigDecimal outcomeResolvedCredit;
    @Column(name = "outcome_partly_credit")
    public BigDecimal outcomePartlyCredit;
    @Column(name = "outcome_conditions_credit")
    public BigDecimal outcomeConditionsCredit;
    @Column(name = "outcome_explained_credit")
    public BigDecimal outcomeExplainedCredit;
    @Column(name = "outcome_cannot_solve_credit")
    public BigDecimal outcomeCannotSolveCredit;
    /** Visit answers that reopen the case (重办), comma-separated enum names. */
    @Column(name = "reopen_resolutions")
    public String reopenResolutions = "";
    @Column(name = "reopen_satisfactions")
    public String reopenSatisfactions = "";
    @Column(name = "visit_due_hours")
    public int visitDueHours = 72;
    @Column(name = "published_at")
    public Instant publishedAt;
    /** Multi-month governance rule (issue 17): bottom N in [M] of the last [K] months; null: the month alone. */
    @Column(name = "governance_in_months")
    public Integer governanceInMonths;
    @Column(name = "governance_of_last_months")
    public Integer governanceOfLastMonths;
    /** Counted cases per 10,000 residents that list a street/town by itself; null: no such criterion. */
    @Column(name = "governance_appeals_per_10k")
    public BigDecimal governanceAppealsPer10k;
    /** Commendation rule (激励); null top N: the scheme commends nobody. */
    @Column(name = "commendation_top_n")
    public Integer commendationTopN;
    @Column(name = "commendation_min_cases")
    public Integer commendationMinCases;
    @Column(name = "commendation_min_composite")
    public BigDecimal commendationMinComposite;
    @Column(name = "commendation_not_on_governance")
    public Boolean commendationNotOnGovernance;

    /** The scheme as the plain rule classes read it. */
    public SchemeRules rules() {
        java.util.EnumMap<CountedOutcome, Double> caps = new java.util.EnumMap<>(CountedOutcome.class);
        putCap(caps, CountedOutcome.RESOLVED, outcomeResolvedCredit);
        putCap(caps, CountedOutcome.PARTLY_RESOLVED, outcomePartlyCredit);
        putCap(caps, CountedOutcome.CONDITIONS_BEING_CREATED, outcomeConditionsCredit);
        putCap(caps, CountedOutcome.EXPLAINED, outcomeExplainedCredit);
        putCap(caps, CountedOutcome.CANNOT_SOLVE, outcomeCannotSolveCredit);
        return new SchemeRules(version, responseWeight.doubleValue(), resolutionWeight.doubleValue(),
                satisfactionWeight.doubleValue(), partlyResolvedCredit.doubleValue(),
                basicallySatisfiedCredit.doubleValue(), attendanceWeight.doubleValue(), lateReportCredit.doubleValue(),
                minVolume, governanceBottomN, signForShare.doubleValue(), overdueMarkPoints.doubleValue(),
                openOverdueUnresponded, openOverdueDissatisfied, caps,
                SchemeRules.parse(reopenResolutions, io.jiesu.contract.event.Enums.Resolution.class),
                SchemeRules.parse(reopenSatisfactions, io.jiesu.contract.event.Enums.Satisfaction.class),
                java.time.Duration.ofHours(visitDueHours));
    }

    /** The governance-type rule; schemes without the multi-month rule: the bottom N of the month alone. */
    public io.jiesu.evaluation.governance.GovernanceRule governanceRule() {
        if (governanceInMonths == null && governanceOfLastMonths == null && governanceAppealsPer10k == null) {
            return io.jiesu.evaluation.governance.GovernanceRule.singleMonth(governanceBottomN);
        }
        return new io.jiesu.evaluation.governance.GovernanceRule(governanceBottomN,
                governanceInMonths == null ? 1 : governanceInMonths,
                governanceOfLastMonths == null ? 1 : governanceOfLastMonths,
                governanceAppealsPer10k == null ? null : governanceAppealsPer10k.doubleValue());
    }

    /** The commendation rule (激励), if the scheme has one. */
    public Optional<io.jiesu.evaluation.governance.CommendationRule> commendationRule() {
        if (commendationTopN == null) {
            return Optional.empty();
        }
        return Optional.of(new io.jiesu.evaluation.governance.CommendationRule(commendationTopN,
                commendationMinCases == null ? 0 : commendationMinCases,
                commendationMinComposite == null ? 0 : commendationMinComposite.doubleValue(),
                Boolean.TRUE.equals(commendationNotOnGovernance)));
    }

    private static void putCap(java.util.Map<CountedOutcome, Double> caps, CountedOutcome o, BigDecimal credit) {
        if (credit != null) {
            caps.put(o, credit.doubleValue());
        }
    }

    public static Optional<EvaluationScheme> forPeriod(String period) {
        return find("effectiveFrom <= ?1 order by effectiveFrom desc", period).firstResultOptional();
    }
}
