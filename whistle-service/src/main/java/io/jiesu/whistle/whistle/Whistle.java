package io.jiesu.whistle.whistle;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** A whistle (吹哨): a street/town summons departments to a case or a place-based problem it leads. */
@Entity
@Table(name = "whistle")
public class Whistle extends PanacheEntityBase {
    public enum Status { OPEN, CLOSED }

    @Id
    @Column(name = "whistle_id")
    public String whistleId;
    @Column(name = "case_id")
    public String caseId;
    @Column(name = "lead_unit_code")
    public String leadUnitCode;
    public String matter;
    public String reason;
    @Column(name = "district_code")
    public String districtCode;
    @Column(name = "street_code")
    public String streetCode;
    public String address;
    public String urgency;
    public String status;
    /** Null, DISTRICT or CITY: how far the missing reports have been escalated. */
    @Column(name = "escalation_level")
    public String escalationLevel;
    @Column(name = "blown_at")
    public Instant blownAt;
    @Column(name = "report_deadline")
    public Instant reportDeadline;
    @Column(name = "closed_at")
    public Instant closedAt;
    public String outcome;
    @Version
    public int version;

    /** The record key of its events: the case when there is one, else the whistle itself. */
    public String eventKey() {
        return caseId != null ? caseId : whistleId;
    }
}
