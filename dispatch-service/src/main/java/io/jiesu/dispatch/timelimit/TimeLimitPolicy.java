package io.jiesu.dispatch.timelimit;

import io.jiesu.contract.event.Enums;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;

/** Time limits by urgency and appeal type, kept as data; the matching row with the highest priority applies. */
@Entity
@Table(name = "time_limit_policy")
public class TimeLimitPolicy extends PanacheEntityBase {
    /** The three deadlines of a work order. */
    public record Deadlines(Instant signFor, Instant contact, Instant completion) {
    }

    @Id
    public String id;
    public String urgency;
    @Column(name = "appeal_type")
    public String appealType;
    public int priority;
    @Column(name = "sign_for_minutes")
    public int signForMinutes;
    @Column(name = "contact_minutes")
    public int contactMinutes;
    @Column(name = "completion_minutes")
    public int completionMinutes;
    public String description;
    @Column(name = "sign_for_remind_minutes")
    public int signForRemindMinutes;
    @Column(name = "contact_remind_minutes")
    public int contactRemindMinutes;
    @Column(name = "completion_remind_minutes")
    public int completionRemindMinutes;
    /** Raised by every change (audit trail in {@code time_limit_audit}). */
    public int version;
    /** 重办: the completion limit of a reopened order; null = {@link #completionMinutes}. */
    @Column(name = "reopen_completion_minutes")
    public Integer reopenCompletionMinutes;

    /** How long before a deadline of this kind the reminder (催办) goes out. */
    public Duration remindBefore(Enums.DeadlineKind kind) {
        return Duration.ofMinutes(switch (kind) {
            case SIGN_FOR -> signForRemindMinutes;
            case CONTACT -> contactRemindMinutes;
            default -> completionRemindMinutes;
        });
    }

    public Deadlines deadlinesFrom(Instant dispatchedAt) {
        dispatchedAt = dispatchedAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        return new Deadlines(dispatchedAt.plus(Duration.ofMinutes(signForMinutes)),
                dispatchedAt.plus(Duration.ofMinutes(contactMinutes)),
                dispatchedAt.plus(Duration.ofMinutes(completionMinutes)));
    }

    /** The deadlines of a reopened order (重办): sign-for and contact as usual, the reopening's completion limit. */
    public Deadlines reopenDeadlinesFrom(Instant reopenedAt) {
        Deadlines d = deadlinesFrom(reopenedAt);
        if (reopenCompletionMinutes == null) {
            return d;
        }
        Instant start = reopenedAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        return new Deadlines(d.signFor(), d.contact(), start.plus(Duration.ofMinutes(reopenCompletionMinutes)));
    }
}
