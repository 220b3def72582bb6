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
import io.jiesu.intake.cases.CaseView;
import io.jiesu.intake.classification.Classifier;
import io.jiesu.platform.web.ProblemException;
import io.jiesu.intake.knowledge.KnowledgeBase;
import io.jiesu.intake.location.LocationResolver;
import io.jiesu.platform.persistence.NativeSql;
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
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
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

    /**
     * The outcome of an intake: the case, whether this request created it and, for a case it created, the timeline it
     * wrote. A created case is the row as stored, built in memory and not managed (its answer needs no read); an
     * earlier one is read back.
     */
    public record Accepted(CaseEntity kase, boolean created, List<CaseView.TimelineEntry> timeline) {
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
        return accept(given, null);
    }

    /**
     * The appeal's statements (issue 19): the repeat probe, one insert that also numbers the case and answers a retry
     * (nothing inserted: the externalId's case is read back), the outbox row(s), the caller's counters and one insert of
     * the timeline lines — rules, knowledge and risk words come from memory and nothing written is read again.
     *
     * @param open311KeyId the partner key of an Open311 submission, stored with the case (null otherwise)
     */
    @Transactional
    public Accepted accept(AppealRequest given, Long open311KeyId) {
        return acceptChecked(checked(given), open311KeyId);
    }

    /**
     * The checks that need no database — the location resolved, the codes known, a knowledge entry only on a
     * consultation — so a REST appeal that fails them is answered (422) before it joins a group of others
     * ({@link AppealCommitter}) and cannot break that group's transaction.
     *
     * @return the appeal with its location resolved, for {@link #acceptChecked}
     */
    public AppealRequest checked(AppealRequest given) {
        AppealRequest appeal = resolveLocation(given);
        referenceCheck.check(appeal);
        if (appeal.knowledgeEntryId() != null && appeal.type() != Enums.AppealType.CONSULTATION) {
            throw ProblemException.unprocessable("knowledgeEntryId answers a CONSULTATION only (type is "
                    + appeal.type() + ")").with("field", "knowledgeEntryId");
        }
        return appeal;
    }

    /** {@link #accept(AppealRequest, Long)} of an appeal {@link #checked} already. */
    @Transactional
    public Accepted acceptChecked(AppealRequest appeal, Long open311KeyId) {
        // the database keeps microseconds: what the answer and the events say is what a read would give
        Instant now = micros(Instant.now());
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

        Optional<KnowledgeBase.Entry> answer;
        if (appeal.type() != Enums.AppealType.CONSULTATION) {
            answer = Optional.empty();
        } else if (appeal.knowledgeEntryId() != null) {
            answer = knowledgeBase.active(appeal.knowledgeEntryId());
            if (answer.isEmpty()) {
                // a retry is answered with its case even when the chosen entry has gone inactive since
                Optional<CaseEntity> earlier = CaseEntity.byExternalId(appeal.externalId());
                if (earlier.isPresent()) {
                    return replay(earlier.get());
                }
                throw unknownKnowledgeEntry(appeal.knowledgeEntryId());
            }
        } else {
            answer = !risks.isEmpty() ? Optional.empty() // a caller at risk is handled, not closed with a stock answer
                    : knowledgeBase.answerFor(appeal.content());
        }
        Optional<RepeatDetector.Repeat> repeat = answer.isPresent() ? Optional.empty()
                : repeats.openCaseRepeatedBy(c.categoryCode(), hash, appeal.location().streetCode(),
                        appeal.location().address(), now);
        CaseStatus status = answer.isPresent() ? CaseStatus.ANSWERED_DIRECTLY
                : repeat.isPresent() ? CaseStatus.LINKED : CaseStatus.RECEIVED;

        CaseEntity kase = asStored(appeal, c, status, hash, contentHash, now,
                repeat.map(RepeatDetector.Repeat::caseId).orElse(null),
                answer.map(KnowledgeBase.Entry::id).orElse(null), open311KeyId);
        if (!insert(kase, now)) {
            // a retry, or one that lost a race with an identical request: the first one created the case
            return replay(CaseEntity.byExternalId(appeal.externalId()).orElseThrow());
        }
        String caseId = kase.caseId;
        List<CaseTimeline.Line> lines = new ArrayList<>();
        lines.add(new CaseTimeline.Line(caseId, "RECEIVED", "Appeal received via " + appeal.channel() + " as "
                + appeal.type() + " / " + c.categoryCode() + " (category " + c.categorySource().name().toLowerCase()
                + ", urgency " + c.urgency() + " " + c.urgencySource().name().toLowerCase() + ")"));

        if (answer.isPresent()) {
            KnowledgeBase.Entry entry = answer.get();
            lines.add(new CaseTimeline.Line(caseId, "ANSWERED_DIRECTLY",
                    "Answered directly from knowledge entry " + entry.id()));
            outbox.publish(EventCatalog.CASE_ANSWERED_DIRECTLY, caseId, now, new CaseAnsweredDirectly(caseId,
                    kase.externalId, appeal.channel(), kase.receivedAt, now, c.categoryCode(), locationOf(kase),
                    entry.id(), entry.answer()));
            LOG.infof("case %s answered directly (%s, knowledge %s)", caseId, appeal.externalId(), entry.id());
        } else if (repeat.isPresent()) {
            RepeatDetector.Repeat r = repeat.get();
            lines.add(new CaseTimeline.Line(caseId, "LINKED", "Repeat of open case " + r.caseId() + " ("
                    + r.reason() + ")"));
            lines.add(new CaseTimeline.Line(r.caseId(), "REPEAT_APPEAL", "Repeat appeal " + caseId + " ("
                    + r.reason() + ")"));
            outbox.publish(EventCatalog.CASE_LINKED, r.caseId(), now, new CaseLinked(r.caseId(), caseId,
                    kase.externalId, r.reason(), kase.receivedAt, kase.content));
            LOG.infof("case %s linked to open case %s (%s)", caseId, r.caseId(), r.reason());
        } else {
            if (kase.streetCode == null) {
                lines.add(new CaseTimeline.Line(caseId, "LOCATION_TO_CONFIRM", "地点待确认: no street/town could be "
                        + "resolved from " + givenLocation(appeal.location())
                        + "; the case waits for a hotline reviewer to place it"));
            }
            outbox.publish(EventCatalog.CASE_RECEIVED, caseId, now, toEvent(kase, appeal, hash));
            // the common outcome: not worth a log line per appeal at a peak
            LOG.debugf("case %s received (%s, %s %s, %s, street %s)", caseId, appeal.externalId(), c.categoryCode(),
                    c.categorySource(), c.urgency(), appeal.location().streetCode());
        }
        if (!risks.isEmpty()) {
            flagRisk(kase, repeat.map(RepeatDetector.Repeat::caseId).orElse(caseId), risks, urgencyBeforeRisk,
                    appeal.urgency() != null, now, lines);
        }
        if (abuse.check(hash, contentHash, now)) {
            kase.flagged = true; // the answer shows it; the row is marked below (rare: only over the limits)
            NativeSql.on(em, "intake_case").query("UPDATE intake_case SET flagged = true WHERE case_id = ?1")
                    .setParameter(1, caseId).executeUpdate();
            lines.add(new CaseTimeline.Line(caseId, "CALLER_FLAGGED", "Caller over the abusive-calling limits"));
        }
        timeline.addAll(now, lines);
        return new Accepted(kase, true, lines.stream().filter(l -> l.caseId().equals(caseId))
                .map(l -> new CaseView.TimelineEntry(now, l.kind(), l.summary(), null)).toList());
    }

    /**
     * Records why the appeal became URGENT and tells the supervisors ({@code jiesu.intake.risk-flagged.v1}, keyed by
     * the case it concerns: the new case, or the open case a repeat appeal was linked to), in the appeal's transaction.
     */
    private void flagRisk(CaseEntity appealCase, String caseId, List<RiskWordMatcher.RiskWord> risks,
            Enums.Urgency before, boolean urgencyGiven, Instant now, List<CaseTimeline.Line> lines) {
        String words = risks.stream().map(w -> w.word() + " (" + w.kind() + ")")
                .collect(java.util.stream.Collectors.joining(", "));
        String why = "Risk words " + words + ": urgency " + (before == Enums.Urgency.URGENT ? "stays URGENT"
                : "raised to URGENT (" + (urgencyGiven ? "given " : "suggested ") + before + ")")
                + "; the district's and the hotline's supervisors are told";
        lines.add(new CaseTimeline.Line(appealCase.caseId, "RISK_FLAGGED", why));
        if (!caseId.equals(appealCase.caseId)) {
            lines.add(new CaseTimeline.Line(caseId, "RISK_FLAGGED", "Repeat appeal " + appealCase.caseId
                    + " holds risk words " + words));
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

    /** The knowledge entry a call-taker chose to answer with must be active. */
    private static ProblemException unknownKnowledgeEntry(String knowledgeEntryId) {
        return ProblemException.unprocessable("knowledgeEntryId '" + knowledgeEntryId
                + "' is not an active knowledge entry (GET /api/v1/admin/knowledge)").with("field", "knowledgeEntryId");
    }

    private Accepted replay(CaseEntity existing) {
        LOG.infof("appeal %s retried: already case %s", existing.externalId, existing.caseId);
        return new Accepted(existing, false, null);
    }

    /**
     * The case as the insert below stores it (every column it writes; the rest as the table's defaults), without its id.
     * Times are given in microseconds, as the database keeps them, so the answer built from it is what a read gives.
     */
    private static CaseEntity asStored(AppealRequest appeal, Classifier.Classification c, CaseStatus status,
            String hash, String contentHash, Instant now, String linkedCaseId, String knowledgeEntryId,
            Long open311KeyId) {
        boolean anonymous = appeal.citizen().anonymous();
        CaseEntity kase = new CaseEntity();
        kase.externalId = appeal.externalId();
        kase.channel = appeal.channel().name();
        kase.receivedAt = micros(appeal.receivedAt());
        kase.acceptedAt = now;
        kase.updatedAt = now;
        kase.appealType = appeal.type().name();
        kase.categoryCode = c.categoryCode();
        kase.categorySource = c.categorySource().name();
        kase.urgency = c.urgency().name();
        kase.urgencySource = c.urgencySource().name();
        kase.citizenName = anonymous ? null : appeal.citizen().name();
        kase.citizenPhone = anonymous ? null : appeal.citizen().phone();
        kase.anonymous = anonymous;
        kase.confidential = appeal.citizen().confidential();
        kase.districtCode = appeal.location().districtCode();
        kase.streetCode = appeal.location().streetCode();
        kase.communityCode = appeal.location().communityCode();
        kase.community = appeal.location().community();
        kase.address = appeal.location().address();
        kase.latitude = appeal.location().latitude();
        kase.longitude = appeal.location().longitude();
        kase.content = appeal.content();
        kase.attachments = attachmentsJson(appeal);
        kase.status = status.name();
        kase.linkedCaseId = linkedCaseId;
        kase.knowledgeEntryId = knowledgeEntryId;
        kase.callerHash = hash;
        kase.contentHash = contentHash;
        kase.open311KeyId = open311KeyId;
        return kase;
    }

    /** An instant rounded to the microsecond as PostgreSQL stores a timestamptz (half up, like the JDBC driver). */
    static Instant micros(Instant t) {
        return t.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Stores the case with its number from the sequence ({@code <prefix><Beijing day><at least 7 digits>}) and sets
     * its id; false when the externalId already has a case (nothing stored).
     */
    private boolean insert(CaseEntity kase, Instant now) {
        List<?> ids = NativeSql.on(em, "intake_case").query("""
                INSERT INTO intake_case (case_id, external_id, channel, received_at, accepted_at, appeal_type,
                    category_code, category_source, urgency, urgency_source, citizen_name, citizen_phone, anonymous,
                    confidential, district_code, street_code, community, address, latitude, longitude, content,
                    attachments, status, updated_at, linked_case_id, knowledge_entry_id, caller_hash, content_hash,
                    community_code, open311_key_id)
                VALUES ((SELECT CAST(?1 AS varchar) || lpad(n, greatest(7, length(n)), '0')
                         FROM (SELECT CAST(nextval('case_number_seq') AS varchar) AS n) number),
                    ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
                    ?21, ?22, ?23, ?5, ?24, ?25, ?26, ?27, ?28, CAST(?29 AS bigint))
                ON CONFLICT (external_id) DO NOTHING
                RETURNING case_id""")
                .setParameter(1, caseIdPrefix + DAY.format(now)).setParameter(2, kase.externalId)
                .setParameter(3, kase.channel).setParameter(4, kase.receivedAt)
                .setParameter(5, now).setParameter(6, kase.appealType)
                .setParameter(7, kase.categoryCode).setParameter(8, kase.categorySource)
                .setParameter(9, kase.urgency).setParameter(10, kase.urgencySource)
                .setParameter(11, kase.citizenName).setParameter(12, kase.citizenPhone)
                .setParameter(13, kase.anonymous).setParameter(14, kase.confidential)
                .setParameter(15, kase.districtCode).setParameter(16, kase.streetCode)
                .setParameter(17, kase.community).setParameter(18, kase.address)
                .setParameter(19, kase.latitude).setParameter(20, kase.longitude)
                .setParameter(21, kase.content).setParameter(22, kase.attachments)
                .setParameter(23, kase.status).setParameter(24, kase.linkedCaseId)
                .setParameter(25, kase.knowledgeEntryId).setParameter(26, kase.callerHash)
                .setParameter(27, kase.contentHash).setParameter(28, kase.communityCode)
                .setParameter(29, kase.open311KeyId)
                .getResultList();
        if (ids.isEmpty()) {
            return false;
        }
        kase.caseId = (String) ids.get(0);
        return true;
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
