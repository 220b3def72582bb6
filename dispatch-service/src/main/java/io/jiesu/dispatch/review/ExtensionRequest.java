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

/** A unit's request for an extension (延期) of the completion deadline, and the reviewer's decision. */
@Entity
@Table(name = "extension_request")
public class ExtensionRequest extends PanacheEntityBase {
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
    @Column(name = "requested_deadline")
    public Instant requestedDeadline;
    /** PENDING, APPROVED, REJECTED or WITHDRAWN (the order was completed first). */
    public String status;
    @Column(name = "decided_at")
    public Instant decidedAt;
    public String reviewer;
    @Column(name = "granted_deadline")
    public Instant grantedDeadline;
    public String comment;

    public static Optional<ExtensionRequest> pending(String caseId) {
        return find("caseId = ?1 and status = 'PENDING'", caseId).firstResultOptional();
    }
}
