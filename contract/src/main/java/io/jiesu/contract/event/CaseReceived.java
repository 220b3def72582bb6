package io.jiesu.contract.event;

import java.time.Instant;
import java.util.List;

/**
 * {@code jiesu.case.received.v1}: intake accepted an appeal that needs handling; dispatch routes it.
 *
 * @param callerHash keyed pseudonym of the caller: HMAC-SHA256 (hex) of the normalised phone, with a key that never
 *        leaves intake; null for anonymous callers and for confidential citizens (保密). It lets analytics recognise
 *        one caller's cases without any personal data. Added within v1: an additive, nullable field is backward
 *        compatible (consumers ignore unknown properties, and events without it read as null).
 * @param locationToConfirm {@code true}: 地点待确认 — the citizen gave a location (lat/long, an address) from which
 *        intake could not resolve the street/town, so {@code location.streetCode} (and maybe {@code districtCode}) is
 *        null and a hotline reviewer must place the case by hand. Null or false: the street/town is known, as in
 *        every event before this field existed (added within v1, additive and nullable like {@code callerHash}).
 */
public record CaseReceived(String caseId, String externalId, Enums.Channel channel, Instant receivedAt,
        Enums.AppealType type, String categoryCode, Enums.ValueSource categorySource, Enums.Urgency urgency,
        Enums.ValueSource urgencySource, Citizen citizen, Location location, String content,
        List<Attachment> attachments, String callerHash, Boolean locationToConfirm) {

    /** An event whose street/town is known (the shape before {@code locationToConfirm}); keeps callers compiling. */
    public CaseReceived(String caseId, String externalId, Enums.Channel channel, Instant receivedAt,
            Enums.AppealType type, String categoryCode, Enums.ValueSource categorySource, Enums.Urgency urgency,
            Enums.ValueSource urgencySource, Citizen citizen, Location location, String content,
            List<Attachment> attachments, String callerHash) {
        this(caseId, externalId, channel, receivedAt, type, categoryCode, categorySource, urgency, urgencySource,
                citizen, location, content, attachments, callerHash, null);
    }

    /** An event without a caller pseudonym (as before {@code callerHash} was added); keeps existing callers compiling. */
    public CaseReceived(String caseId, String externalId, Enums.Channel channel, Instant receivedAt,
            Enums.AppealType type, String categoryCode, Enums.ValueSource categorySource, Enums.Urgency urgency,
            Enums.ValueSource urgencySource, Citizen citizen, Location location, String content,
            List<Attachment> attachments) {
        this(caseId, externalId, channel, receivedAt, type, categoryCode, categorySource, urgency, urgencySource,
                citizen, location, content, attachments, null, null);
    }

    /** True only when intake marked the location 地点待确认 (null, from older events, reads as false). */
    public boolean locationNeedsConfirming() {
        return Boolean.TRUE.equals(locationToConfirm);
    }
}
