package io.jiesu.intake.appeal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.Json;
import io.jiesu.contract.event.Attachment;
import io.jiesu.contract.event.CaseAnsweredDirectly;
import io.jiesu.contract.event.CaseLinked;
import io.jiesu.contract.event.CaseReceived;
import io.jiesu.contract.event.Citizen;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.Location;
import io.jiesu.intake.caller.AbuseDetector;
import io.jiesu.intake.caller.CallerHash;
import io.jiesu.intake.cases.CaseEntity;
import io.jiesu.intake.cases.CaseStatus;
import io.jiesu.intake.cases.CaseTimeline;
import io.jiesu.intake.classification.Classifier;
import io.jiesu.platform.web.ProblemException;
import io.jiesu.intake.knowledge.KnowledgeBase;
import io.jiesu.intake.knowledge.KnowledgeEntry;
import io.jiesu.intake.location.LocationResolver;
import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.intake.reference.ReferenceCheck;
import io.jiesu.intake.repeat.RepeatDetector;
import io.jiesu.intake.risk.RiskWordMatcher;
import io.jiesu.intake.risk.RiskWords;
import io.jiesu.contract.event.RiskFlagged;
import io.jiesu.platform.outbox.Outbox;
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
import java.util.Optional;

/**
 * Accepts an appeal (接诉), whatever the channel: checks it, classifies it when category or urgency are missing,
 * answers a known consultation directly, links a repeat to its open case, otherwise records a new case for
 * dispatch — storing the case and publishing the outcome through the outbox in one transaction. Idempotent on
 * {@code externalId}: a retry, even one racing the first request, gets the case the first one created.
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
    @Inject
    Classifier classifier;
    @Inject
    KnowledgeBase knowledgeBase;
    @Inject
    RepeatDetector repeats;
    @Inject
    CallerHash callerHash;
    @Inject
    AbuseDetector abuse;
    @Inject
    RiskWords riskWords;
    private final LocationResolver locations = new LocationResolver(ReferenceData.get());
    /**
     * First letters of every case id. Case numbers come from this database's sequence, so two intake databases
     * feeding one platform (a standby site, a test) need different prefixes to keep case ids unique.
     */
    @ConfigProperty(name = "jiesu.intake.case-id-prefix", defaultValue = "C")
    String caseIdPrefix;

    @Transactional
    public Accepted accept(AppealRequest given) {
        AppealRequest appeal = resolveLocation(given);
        referenceCheck.check(appeal);
        if (appeal.knowledgeEntryId() != null && appeal.type() != Enums.AppealType.CONSULTATION) {
            throw ProblemException.unprocessable("knowledgeEntryId answers a CONSULTATION only (type is "
                    + appeal.type() + ")").with("field", "knowledgeEntryId");
        }
        Optional<CaseEntity> earlier = CaseEntity.byExternalId(appeal.externalId());
        if (earlier.isPresent()) {
            return replay(earlier.get());
        }
        Instant now = Instant.now();
        Classifier.Classification c = classifier.classify(appeal.categoryCode(), appeal.urgency(), appeal.content(),
                appeal.receivedAt());
        // 风险词: danger to life or safety makes the appeal URGENT (the shortest limits) whatever the caller gave
        List<RiskWordMatcher.RiskWord> risks = riskWords.in(appeal.content());
        Enums.Urgency urgencyBeforeRisk = c.urgency();
        if (!risks.isEmpty() && c.urgency() != Enums.Urgency.URGENT) {
            c = new Classifier.Classification(c.categoryCode(), c.categorySource(), Enums.Urgency.URGENT,
                    Enums.ValueSource.SUGGESTED);
        }
        String hash = appeal.citizen().anonymous() ? null : callerHash.of(appeal.citizen().phone());
        String contentHash = CallerHash.contentHash(appeal.content());

        Optional<KnowledgeEntry> answer = appeal.type() != Enums.AppealType.CONSULTATION ? Optional.empty()
                : appeal.knowledgeEntryId() != null ? Optional.of(chosenAnswer(appeal.knowledgeEntryId()))
                : !risks.isEmpty() ? Optional.empty() // a caller at risk is handled, not closed with a stock answer
                : knowledgeBase.answerFor(appeal.content());
        Optional<RepeatDetector.Repeat> repeat = answer.isPresent() ? Optional.empty()
                : repeats.openCaseRepeatedBy(c.categoryCode(), hash, appeal.location().streetCode(),
                        appeal.location().address(), now);
        CaseStatus status = answer.isPresent() ? CaseStatus.ANSWERED_DIRECTLY
                : repeat.isPresent() ? CaseStatus.LINKED : CaseStatus.RECEIVED;

        String caseId = newCaseId(now);
        if (!insert(caseId, appeal, c, status, hash, contentHash, now,
                repeat.map(RepeatDetector.Repeat::caseId).orElse(null), answer.map(e -> e.id).orElse(null))) {
            // lost a race with an identical request: that one created the case
            return replay(CaseEntity.byExternalId(appeal.externalId()).orElseThrow());
        }
        CaseEntity kase = CaseEntity.findById(caseId);
        timeline.add(caseId, now, "RECEIVED", "Appeal received via " + appeal.channel() + " as " + appeal.type()
                + " / " + c.categoryCode() + " (category " + c.categorySource().name().toLowerCase()
                + ", urgency " + c.urgency() + " " + c.urgencySource().name().toLowerCase() + ")", null, null);

        if (answer.isPresent()) {
            KnowledgeEntry entry = answer.get();
            timeline.add(caseId, now, "ANSWERED_DIRECTLY", "Answered directly from knowledge entry " + entry.id,
                    null, null);
            outbox.publish(EventCatalog.CASE_ANSWERED_DIRECTLY, caseId, now, new CaseAnsweredDirectly(caseId,
                    kase.externalId, appeal.channel(), kase.receivedAt, now, c.categoryCode(), locationOf(kase),
                    entry.id, entry.answer));
            LOG.infof("case %s answered directly (%s, knowledge %s)", caseId, appeal.externalId(), entry.id);
        } else if (repeat.isPresent()) {
            RepeatDetector.Repeat r = repeat.get();
            timeline.add(caseId, now, "LINKED", "Repeat of open case " + r.caseId() + " (" + r.reason() + ")",
                    null, null);
            timeline.add(r.caseId(), now, "REPEAT_APPEAL", "Repeat appeal " + caseId + " (" + r.reason() + ")",
                    null, null);
            outbox.publish(EventCatalog.CASE_LINKED, r.caseId(), now, new CaseLinked(r.caseId(), caseId,
                    kase.externalId, r.reason(), kase.receivedAt, kase.content));
            LOG.infof("case %s linked to open case %s (%s)", caseId, r.caseId(), r.reason());
        } else {
            if (kase.streetCode == null) {
                timeline.add(caseId, now, "LOCATION_TO_CONFIRM", "地点待确认: no street/town could be resolved from "
                        + givenLocation(appeal.location()) + "; the case waits for a hotline reviewer to place it",
                        null, null);
            }
            outbox.publish(EventCatalog.CASE_RECEIVED, caseId, now, toEvent(kase, appeal, hash));
            LOG.infof("case %s received (%s, %s %s, %s, street %s)", caseId, appeal.externalId(), c.categoryCode(),
                    c.categorySource(), c.urgency(), appeal.location().streetCode());
        }
        if (!risks.isEmpty()) {
            flagRisk(kase, repeat.map(RepeatDetector.Repeat::caseId).orElse(caseId), risks, urgencyBeforeRisk,
                    appeal.urgency() != null, now);
        }
        if (abuse.check(hash, contentHash, now)) {
            kase.flagged = true; // on the managed case, written at commit: the answer below shows it
            timeline.add(caseId, now, "CALLER_FLAGGED", "Caller over the abusive-calling limits", null, null);
        }
        return new Accepted(CaseEntity.findById(caseId), true);
    }

    /**
     * Records why the appeal became URGENT and tells the supervisors ({@code jiesu.intake.risk-flagged.v1}, keyed by
     * the case it concerns: the new case, or the open case a repeat appeal was linked to), in the appeal's transaction.
     */
    private void flagRisk(CaseEntity appealCase, String caseId, List<RiskWordMatcher.RiskWord> risks,
            Enums.Urgency before, boolean urgencyGiven, Instant now) {
        String words = risks.stream().map(w -> w.word() + " (" + w.kind() + ")")
                .collect(java.util.stream.Collectors.joining(", "));
        String why = "Risk words " + words + ": urgency " + (before == Enums.Urgency.URGENT ? "stays URGENT"
                : "raised to URGENT (" + (urgencyGiven ? "given " : "suggested ") + before + ")")
                + "; the district's and the hotline's supervisors are told";
        timeline.add(appealCase.caseId, now, "RISK_FLAGGED", why, null, null);
        if (!caseId.equals(appealCase.caseId)) {
            timeline.add(caseId, now, "RISK_FLAGGED", "Repeat appeal " + appealCase.caseId + " holds risk words "
                    + words, null, null);
        }
        outbox.publish(EventCatalog.RISK_FLAGGED, caseId, now, new RiskFlagged(caseId, appealCase.caseId,
                appealCase.districtCode, appealCase.streetCode, appealCase.categoryCode,
                Enums.AppealType.valueOf(appealCase.appealType),
                risks.stream().map(w -> new RiskFlagged.RiskWordMatch(w.word(), w.kind())).toList(),
                appealCase.receivedAt, now));
        LOG.infof("case %s: risk words %s (about case %s)", appealCase.caseId, words, caseId);
    }

    /**
     * Location as the citizen gave it: the district and street/town codes it lacks are filled in where the address
     * (or a community code) names them; a street/town still unknown stays null — the case is 地点待确认.
     */
    private AppealRequest resolveLocation(AppealRequest appeal) {
        AppealRequest.LocationPart l = appeal.location();
        LocationResolver.Resolved r = locations.resolve(new LocationResolver.Given(l.districtCode(), l.streetCode(),
                l.communityCode(), l.community(), l.address()));
        return appeal.withLocation(new AppealRequest.LocationPart(r.districtCode(), r.streetCode(),
                l.communityCode(), l.community(), l.address(), l.latitude(), l.longitude()));
    }

    private static String givenLocation(AppealRequest.LocationPart l) {
        List<String> parts = new java.util.ArrayList<>();
        if (l.districtCode() != null) {
            parts.add("district " + l.districtCode());
        }
        if (l.address() != null && !l.address().isBlank()) {
            parts.add("address '" + l.address() + "'");
        }
        if (l.latitude() != null && l.longitude() != null) {
            parts.add("lat/long " + l.latitude() + "," + l.longitude() + " (no coordinates in the reference data)");
        }
        return parts.isEmpty() ? "what was given" : String.join(", ", parts);
    }

    /** The knowledge entry a call-taker chose to answer with; it must be active. */
    private KnowledgeEntry chosenAnswer(String knowledgeEntryId) {
        return knowledgeBase.active(knowledgeEntryId).orElseThrow(() -> ProblemException.unprocessable(
                "knowledgeEntryId '" + knowledgeEntryId + "' is not an active knowledge entry (GET /api/v1/admin/knowledge)")
                .with("field", "knowledgeEntryId"));
    }

    private Accepted replay(CaseEntity existing) {
        LOG.infof("appeal %s retried: already case %s", existing.externalId, existing.caseId);
        return new Accepted(existing, false);
    }

    private boolean insert(String caseId, AppealRequest appeal, Classifier.Classification c, CaseStatus status,
            String hash, String contentHash, Instant now, String linkedCaseId, String knowledgeEntryId) {
        boolean anonymous = appeal.citizen().anonymous();
        return em.createNativeQuery("""
                INSERT INTO intake_case (case_id, external_id, channel, received_at, accepted_at, appeal_type,
                    category_code, category_source, urgency, urgency_source, citizen_name, citizen_phone, anonymous,
                    confidential, district_code, street_code, community, address, latitude, longitude, content,
                    attachments, status, updated_at, linked_case_id, knowledge_entry_id, caller_hash, content_hash,
                    community_code)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
                    ?21, ?22, ?23, ?5, ?24, ?25, ?26, ?27, ?28)
                ON CONFLICT (external_id) DO NOTHING""")
                .setParameter(1, caseId).setParameter(2, appeal.externalId())
                .setParameter(3, appeal.channel().name()).setParameter(4, appeal.receivedAt())
                .setParameter(5, now).setParameter(6, appeal.type().name())
                .setParameter(7, c.categoryCode()).setParameter(8, c.categorySource().name())
                .setParameter(9, c.urgency().name()).setParameter(10, c.urgencySource().name())
                .setParameter(11, anonymous ? null : appeal.citizen().name())
                .setParameter(12, anonymous ? null : appeal.citizen().phone())
                .setParameter(13, anonymous).setParameter(14, appeal.citizen().confidential())
                .setParameter(15, appeal.location().districtCode()).setParameter(16, appeal.location().streetCode())
                .setParameter(17, appeal.location().community()).setParameter(18, appeal.location().address())
                .setParameter(19, appeal.location().latitude()).setParameter(20, appeal.location().longitude())
                .setParameter(21, appeal.content()).setParameter(22, attachmentsJson(appeal))
                .setParameter(23, status.name()).setParameter(24, linkedCaseId).setParameter(25, knowledgeEntryId)
                .setParameter(26, hash).setParameter(27, contentHash)
                .setParameter(28, appeal.location().communityCode())
                .executeUpdate() == 1;
    }

    private String newCaseId(Instant now) {
        Number next = (Number) em.createNativeQuery("SELECT nextval('case_number_seq')").getSingleResult();
        return caseIdPrefix + DAY.format(now) + String.format("%07d", next.longValue());
    }

    /**
     * What dispatch and the unit need, no more: a confidential appeal's identity is withheld from the unit (the
     * hotline keeps it), an anonymous one has none. The caller pseudonym (keyed hash, null when anonymous) lets
     * analytics see one caller's cases; a confidential citizen's is withheld too, so no consumer can link them.
     */
    private static CaseReceived toEvent(CaseEntity kase, AppealRequest appeal, String callerHash) {
        Citizen citizen = kase.confidential ? new Citizen(null, null, kase.anonymous, true) : citizenOf(kase);
        return new CaseReceived(kase.caseId, kase.externalId, appeal.channel(), kase.receivedAt, appeal.type(),
                kase.categoryCode, Enums.ValueSource.valueOf(kase.categorySource), Enums.Urgency.valueOf(kase.urgency),
                Enums.ValueSource.valueOf(kase.urgencySource), citizen, locationOf(kase), kase.content,
                attachmentsOf(kase), kase.confidential ? null : callerHash,
                kase.streetCode == null ? Boolean.TRUE : null);
    }

    public static Citizen citizenOf(CaseEntity kase) {
        return new Citizen(kase.citizenName, kase.citizenPhone, kase.anonymous, kase.confidential);
    }

    public static Location locationOf(CaseEntity kase) {
        return new Location(kase.districtCode, kase.streetCode, kase.communityCode, kase.community, kase.address,
                kase.latitude, kase.longitude);
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
