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

    public static Optional<EvaluationScheme> forPeriod(String period) {
        return find("effectiveFrom <= ?1 order by effectiveFrom desc", period).firstResultOptional();
    }
}
