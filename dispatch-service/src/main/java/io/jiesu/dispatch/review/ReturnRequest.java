package io.jiesu.dispatch.review;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/** A unit's request to return (退单) an order, and the reviewer's decision. */
@Entity
@Table(name = "return_request")
public class ReturnRequest extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "case_id")
    public String caseId;
    @Column(name = "unit_code")
    public String unitCode;
    @Column(name = "requested_at")
    public Instant requestedAt;
    public String reason;
    /** PENDING, APPROVED or REJECTED. */
    public String status;
    @Column(name = "decided_at")
    public Instant decidedAt;
    public String reviewer;
    @Column(name = "new_unit_code")
    public String newUnitCode;
    public String comment;

    public static Optional<ReturnRequest> pending(String caseId) {
        return find("caseId = ?1 and status = 'PENDING'", caseId).firstResultOptional();
    }
}
