package io.jiesu.intake.appeal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.Json;
import io.jiesu.contract.event.Attachment;
import io.jiesu.contract.event.CaseReceived;
import io.jiesu.contract.event.Citizen;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.Location;
import io.jiesu.contract.reference.Category;
import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.intake.cases.CaseEntity;
import io.jiesu.intake.cases.CaseStatus;
import io.jiesu.intake.cases.CaseTimeline;
import io.jiesu.intake.reference.ReferenceCheck;
import io.jiesu.platform.outbox.Outbox;
import io.jiesu.platform.web.Problem;
import io.jiesu.platform.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Accepts an appeal (接诉): checks it, stores the case and publishes {@code jiesu.case.received.v1} through the
 * outbox in the same transaction. Idempotent on {@code externalId}: a retry — even one racing the first request —
 * gets the case the first one created.
 */
@ApplicationScoped
public class AppealService {
    private static final Logger LOG = Logger.getLogger(AppealService.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd")
            .withZone(ZoneId.of("Asia/Shanghai"));

    /** The outcome of an intake: the case, and whether this request created it. */
    public record Accepted(CaseEntity kase, boolean created) {
    }

    @Inject
    EntityManager em;
    @Inject
    Outbox outbox;
    @Inject
    ReferenceCheck referenceCheck;
    @Inject
    CaseTimeline timeline;
    /**
     * First letters of every case id. Case numbers come from this database's sequence, so two intake databases
     * feeding one platform (a standby site, a test) need different prefixes to keep case ids unique.
     */
    @ConfigProperty(name = "jiesu.intake.case-id-prefix", defaultValue = "C")
    String caseIdPrefix;

    private final ReferenceData reference = ReferenceData.get();

    @Transactional
    public Accepted accept(AppealRequest appeal) {
        referenceCheck.check(appeal);
        if (appeal.categoryCode() == null) {
            throw new ProblemException(422, "Invalid appeal", "categoryCode: required; valid codes: GET /api/v1/categories")
                    .with("errors", List.of(new Problem.FieldError("categoryCode", "required")));
        }
        Category category = reference.category(appeal.categoryCode()).orElseThrow();
        Enums.Urgency urgency = appeal.urgency() != null ? appeal.urgency()
                : category.urgent() ? Enums.Urgency.URGENT : Enums.Urgency.NORMAL;
        Enums.ValueSource urgencySource = appeal.urgency() != null ? Enums.ValueSource.GIVEN
                : Enums.ValueSource.SUGGESTED;
        Instant now = Instant.now();

        String caseId = newCaseId(now);
        int inserted = em.createNativeQuery("""
                INSERT INTO intake_case (case_id, external_id, channel, received_at, accepted_at, appeal_type,
                    category_code, category_source, urgency, urgency_source, citizen_name, citizen_phone, anonymous,
                    confidential, district_code, street_code, community, address, latitude, longitude, content,
                    attachments, status, updated_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
                    ?21, ?22, ?23, ?5)
                ON CONFLICT (external_id) DO NOTHING""")
                .setParameter(1, caseId).setParameter(2, appeal.externalId())
                .setParameter(3, appeal.channel().name()).setParameter(4, appeal.receivedAt())
                .setParameter(5, now).setParameter(6, appeal.type().name())
                .setParameter(7, category.code()).setParameter(8, Enums.ValueSource.GIVEN.name())
                .setParameter(9, urgency.name()).setParameter(10, urgencySource.name())
                .setParameter(11, appeal.citizen().anonymous() ? null : appeal.citizen().name())
                .setParameter(12, appeal.citizen().anonymous() ? null : appeal.citizen().phone())
                .setParameter(13, appeal.citizen().anonymous()).setParameter(14, appeal.citizen().confidential())
                .setParameter(15, appeal.location().districtCode()).setParameter(16, appeal.location().streetCode())
                .setParameter(17, appeal.location().community()).setParameter(18, appeal.location().address())
                .setParameter(19, appeal.location().latitude()).setParameter(20, appeal.location().longitude())
                .setParameter(21, appeal.content()).setParameter(22, attachmentsJson(appeal))
                .setParameter(23, CaseStatus.RECEIVED.name())
                .executeUpdate();
        if (inserted == 0) {
            CaseEntity existing = CaseEntity.byExternalId(appeal.externalId()).orElseThrow();
            LOG.infof("appeal %s retried: already case %s", appeal.externalId(), existing.caseId);
            return new Accepted(existing, false);
        }
        CaseEntity kase = CaseEntity.findById(caseId);
        timeline.add(caseId, now, "RECEIVED", "Appeal received via " + appeal.channel() + " as "
                + appeal.type() + " / " + category.code(), null, null);
        outbox.publish(EventCatalog.CASE_RECEIVED, caseId, now, toEvent(kase, appeal));
        LOG.infof("case %s received (%s, %s, %s, street %s)", caseId, appeal.externalId(), category.code(), urgency,
                appeal.location().streetCode());
        return new Accepted(kase, true);
    }

    private String newCaseId(Instant now) {
        Number next = (Number) em.createNativeQuery("SELECT nextval('case_number_seq')").getSingleResult();
        return caseIdPrefix + DAY.format(now) + String.format("%07d", next.longValue());
    }

    private static CaseReceived toEvent(CaseEntity kase, AppealRequest appeal) {
        return new CaseReceived(kase.caseId, kase.externalId, appeal.channel(), kase.receivedAt, appeal.type(),
                kase.categoryCode, Enums.ValueSource.valueOf(kase.categorySource), Enums.Urgency.valueOf(kase.urgency),
                Enums.ValueSource.valueOf(kase.urgencySource), citizenOf(kase), locationOf(kase), kase.content,
                attachmentsOf(kase));
    }

    public static Citizen citizenOf(CaseEntity kase) {
        return new Citizen(kase.citizenName, kase.citizenPhone, kase.anonymous, kase.confidential);
    }

    public static Location locationOf(CaseEntity kase) {
        return new Location(kase.districtCode, kase.streetCode, kase.community, kase.address, kase.latitude,
                kase.longitude);
    }

    public static List<Attachment> attachmentsOf(CaseEntity kase) {
        if (kase.attachments == null) {
            return List.of();
        }
        try {
            return Json.mapper().readValue(kase.attachments, new TypeReference<List<Attachment>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored attachments of " + kase.caseId + " are unreadable", e);
        }
    }

    private static String attachmentsJson(AppealRequest appeal) {
        if (appeal.attachments() == null || appeal.attachments().isEmpty()) {
            return null;
        }
        try {
            return Json.mapper().writeValueAsString(appeal.attachments().stream()
                    .map(a -> new Attachment(a.kind(), a.url())).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
