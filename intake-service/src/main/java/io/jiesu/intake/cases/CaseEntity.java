package io.jiesu.intake.cases;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/** A case as intake keeps it: the appeal as accepted, plus the status and unit it learns from later events. */
@Entity
@Table(name = "intake_case")
public class CaseEntity extends PanacheEntityBase {
    @Id
    @Column(name = "case_id")
    public String caseId;
    @Column(name = "external_id")
    public String externalId;
    public String channel;
    @Column(name = "received_at")
    public Instant receivedAt;
    @Column(name = "accepted_at")
    public Instant acceptedAt;
    @Column(name = "appeal_type")
    public String appealType;
    @Column(name = "category_code")
    public String categoryCode;
    @Column(name = "category_source")
    public String categorySource;
    public String urgency;
    @Column(name = "urgency_source")
    public String urgencySource;
    @Column(name = "citizen_name")
    public String citizenName;
    @Column(name = "citizen_phone")
    public String citizenPhone;
    public boolean anonymous;
    public boolean confidential;
    @Column(name = "district_code")
    public String districtCode;
    @Column(name = "street_code")
    public String streetCode;
    @Column(name = "community_code")
    public String communityCode;
    public String community;
    public String address;
    public Double latitude;
    public Double longitude;
    public String content;
    public String attachments;
    public String status;
    @Column(name = "unit_code")
    public String unitCode;
    @Column(name = "updated_at")
    public Instant updatedAt;
    /** For a repeat appeal: the open case it was linked to. */
    @Column(name = "linked_case_id")
    public String linkedCaseId;
    /** For a direct answer: the knowledge entry that answered it. */
    @Column(name = "knowledge_entry_id")
    public String knowledgeEntryId;
    /** Keyed hash of the phone (see CallerHash). */
    @Column(name = "caller_hash")
    public String callerHash;
    @Column(name = "content_hash")
    public String contentHash;
    /** The caller was over the abusive-calling limits when this appeal came in. */
    public boolean flagged;
    /** For an Open311 submission with a partner's api key: that key (so the partner app), else null. */
    @Column(name = "open311_key_id")
    public Long open311KeyId;

    public static Optional<CaseEntity> byExternalId(String externalId) {
        return find("externalId", externalId).firstResultOptional();
    }
}
