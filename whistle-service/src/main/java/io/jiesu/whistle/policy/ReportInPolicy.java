package io.jiesu.whistle.policy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;

/** Report-in time limit and the district escalation step, per urgency (data, changed through the admin API). */
@Entity
@Table(name = "report_in_policy")
public class ReportInPolicy extends PanacheEntityBase {
    @Id
    public String urgency;
    @Column(name = "report_in_seconds")
    public int reportInSeconds;
    @Column(name = "district_escalation_seconds")
    public int districtEscalationSeconds;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public Duration reportIn() {
        return Duration.ofSeconds(reportInSeconds);
    }

    public Duration districtEscalation() {
        return Duration.ofSeconds(districtEscalationSeconds);
    }
}
