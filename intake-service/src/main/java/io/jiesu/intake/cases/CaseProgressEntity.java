package io.jiesu.intake.cases;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What a citizen may learn of their case's handling beyond its status (V6 {@code case_progress}): the current
 * round's handover and due times, the completion's outcome and explanation, the visit. Kept by
 * {@link TrackingProgress}.
 */
@Entity
@Table(name = "case_progress")
public class CaseProgressEntity extends PanacheEntityBase {
    @Id
    @Column(name = "case_id")
    public String caseId;
    public int round = 1;
    @Column(name = "handed_over_at")
    public Instant handedOverAt;
    @Column(name = "contact_due_at")
    public Instant contactDueAt;
    @Column(name = "completion_due_at")
    public Instant completionDueAt;
    @Column(name = "completed_at")
    public Instant completedAt;
    public String outcome;
    public String explanation;
    @Column(name = "follow_up_on")
    public LocalDate followUpOn;
    @Column(name = "visited_at")
    public Instant visitedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
