package io.jiesu.contract.event;

import java.time.Instant;
import java.util.List;

/**
 * {@code jiesu.telephony.call.v1} on {@code telephony.calls}: a call record from the 12345 telephony system that
 * becomes an appeal. Same fields and rules as {@code POST /api/v1/appeals}; {@code externalId} (the call id) makes
 * it idempotent. Category and urgency may be left out for classification assist.
 */
public record TelephonyCall(String externalId, Enums.Channel channel, Instant receivedAt, Citizen citizen,
        Enums.AppealType type, String categoryCode, Enums.Urgency urgency, Location location, String content,
        List<Attachment> attachments) {
}
