package io.jiesu.dispatch.workorder;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** One case as one unit's work order (工单). */
@Entity
@Table(name = "work_order")
public class WorkOrder extends PanacheEntityBase {
    @Id
    @Column(name = "case_id")
    public String caseId;
    @Column(name = "unit_code")
    public String unitCode;
    /** A {@link WorkOrderStatus} name. */
    public String status;
    public String mode;
    @Column(name = "rule_id")
    public String ruleId;
    @Column(name = "rule_description")
    public String ruleDescription;
    @Column(name = "received_at")
    public Instant receivedAt;
    @Column(name = "dispatched_at")
    public Instant dispatchedAt;
    @Column(name = "sign_for_deadline")
    public Instant signForDeadline;
    @Column(name = "contact_deadline")
    public Instant contactDeadline;
    @Column(name = "completion_deadline")
    public Instant completionDeadline;
    public String urgency;
    @Column(name = "appeal_type")
    public String appealType;
    @Column(name = "category_code")
    public String categoryCode;
    @Column(name = "district_code")
    public String districtCode;
    @Column(name = "street_code")
    public String streetCode;
    public String content;
    /** How the appeal arrived (PROACTIVE for 未诉先办 orders from analytics). */
    public String channel = "PHONE";
    @Column(name = "rule_version")
    public Integer ruleVersion;
    /** The citizen and location as received, JSON, to hand the order to a new unit after a return. */
    @Column(name = "citizen_json")
    public String citizenJson;
    @Column(name = "location_json")
    public String locationJson;
    @Column(name = "previous_unit_code")
    public String previousUnitCode;
    @Column(name = "signed_at")
    public Instant signedAt;
    @Column(name = "signed_by")
    public String signedBy;
    @Column(name = "contacted_at")
    public Instant contactedAt;
    @Column(name = "contact_method")
    public String contactMethod;
    @Column(name = "completed_at")
    public Instant completedAt;
    public String outcome;
    @Column(name = "completion_summary")
    public String completionSummary;
    @Column(name = "completion_reason")
    public String completionReason;
    /** CONDITIONS_BEING_CREATED: the plan and the date the unit follows it up (a durable timer reminds it). */
    @Column(name = "completion_plan")
    public String completionPlan;
    @Column(name = "follow_up_on")
    public java.time.LocalDate followUpOn;
    /** Handling round: 1, then n+1 after the n-th reopening (重办). */
    public int round = 1;
    @Column(name = "reopened_at")
    public Instant reopenedAt;
    @Column(name = "reopen_reason")
    public String reopenReason;
    /** The deadline running in the current state; computed by PostgreSQL (a generated column), read-only here. */
    @Column(name = "next_deadline", insertable = false, updatable = false)
    public Instant nextDeadline;
    @Column(name = "extension_pending")
    public boolean extensionPending;
    /** Approved returns (退单) of this order. */
    @Column(name = "return_count")
    public int returnCount;
    /** Repeat appeals intake linked to this case. */
    @Column(name = "repeat_count")
    public int repeatCount;
    /** A deadline passed (超期) while it was open; stays set (it counts). */
    public boolean overdue;
    /** 催办: reminders sent to the unit about this order, and the last one (the spam guard's clock). */
    @Column(name = "reminder_count")
    public int reminderCount;
    @Column(name = "last_reminded_at")
    public Instant lastRemindedAt;
    /** When repeated failure (重办 beyond the round limit) was reported to the district; null if never. */
    @Column(name = "escalated_at")
    public Instant escalatedAt;
    @Column(name = "source_request_id")
    public String sourceRequestId;
    /** A {@link QueueReason} name while the order waits for manual dispatch; null once a unit holds it. */
    @Column(name = "queue_reason")
    public String queueReason;
    @Version
    public int version;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public WorkOrderStatus state() {
        return WorkOrderStatus.valueOf(status);
    }
}
