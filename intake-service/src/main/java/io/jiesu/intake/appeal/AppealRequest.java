package io.jiesu.intake.appeal;

import io.jiesu.contract.event.Enums;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/**
 * The body of {@code POST /api/v1/appeals} (and the data of a {@code telephony.calls} record): one appeal as the
 * telephony system or a channel hands it over. {@code externalId} (e.g. the call id) makes the request idempotent.
 */
public record AppealRequest(
        @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._:/-]+", message = "may hold letters, digits and . _ : / - only") String externalId,
        @NotNull Enums.Channel channel,
        @NotNull Instant receivedAt,
        @NotNull @Valid CitizenPart citizen,
        @NotNull Enums.AppealType type,
        @Size(max = 60) String categoryCode,
        Enums.Urgency urgency,
        @NotNull @Valid LocationPart location,
        @NotBlank @Size(max = 4000) String content,
        @Size(max = 20) List<@Valid AttachmentPart> attachments,
        /** A consultation the call-taker answered on the line with this knowledge entry (直接答复); optional. */
        @Size(max = 60) String knowledgeEntryId) {

    /** The same appeal at another location (intake's resolved codes in place of the given ones). */
    public AppealRequest withLocation(LocationPart resolved) {
        return new AppealRequest(externalId, channel, receivedAt, citizen, type, categoryCode, urgency, resolved,
                content, attachments, knowledgeEntryId);
    }

    /** The same appeal arriving as a {@code telephony.calls} record. */
    public static AppealRequest from(io.jiesu.contract.event.TelephonyCall call) {
        var c = call.citizen();
        var l = call.location();
        return new AppealRequest(call.externalId(), call.channel() == null ? Enums.Channel.PHONE : call.channel(),
                call.receivedAt(), c == null ? null : new CitizenPart(c.name(), c.phone(), c.anonymous(), c.confidential()),
                call.type(), call.categoryCode(), call.urgency(),
                l == null ? null : new LocationPart(l.districtCode(), l.streetCode(), l.communityCode(), l.community(),
                        l.address(), l.latitude(), l.longitude()),
                call.content(), call.attachments() == null ? null : call.attachments().stream()
                        .map(a -> new AttachmentPart(a.kind(), a.url())).toList(), null);
    }

    public record CitizenPart(
            @Size(max = 100) String name,
            @Pattern(regexp = "\\+?[0-9][0-9 -]{4,30}", message = "must be a phone number") String phone,
            boolean anonymous,
            boolean confidential) {
    }

    /**
     * Where the matter is, as the citizen gives it: district and street/town codes, or only an address, or only
     * latitude/longitude — any of them is a location ({@code location/LocationResolver} resolves the codes it can; a
     * case whose street/town stays unknown waits for a reviewer, 地点待确认). None at all is a 400.
     * {@code communityCode} (optional): the community/village code of the reference data, checked against the street;
     * {@code community} stays free text for clients that send no code.
     */
    @LocationGiven
    public record LocationPart(
            @Size(max = 20) String districtCode,
            @Size(max = 20) String streetCode,
            @Size(max = 20) String communityCode,
            @Size(max = 200) String community,
            @Size(max = 500) String address,
            @DecimalMin("-90") @DecimalMax("90") Double latitude,
            @DecimalMin("-180") @DecimalMax("180") Double longitude) {

        /** Without a community code (Open311 and older callers). */
        public LocationPart(String districtCode, String streetCode, String community, String address, Double latitude,
                Double longitude) {
            this(districtCode, streetCode, null, community, address, latitude, longitude);
        }
    }

    public record AttachmentPart(
            @NotBlank @Size(max = 40) String kind,
            @NotBlank @Size(max = 1000) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String url) {
    }
}
