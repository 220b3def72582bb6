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
    @Version
    public int version;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
