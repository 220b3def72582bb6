package io.jiesu.whistle.whistle;

import io.jiesu.contract.event.Enums;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/** Request and response bodies of the whistle API. */
public final class WhistleRequests {
    private WhistleRequests() {
    }

    /** {@code POST /api/v1/whistles}. Without a caseId the whistle is about a place in the caller's own area. */
    public record Blow(@Size(max = 40) String caseId,
            @NotEmpty @Size(max = 20) List<@NotBlank String> summonedUnitCodes,
            @NotBlank @Size(max = 2000) String matter,
            @NotBlank @Size(max = 2000) String reason,
            @NotNull @Valid Place location,
            @NotNull Enums.Urgency urgency) {
    }

    public record Place(@NotBlank String districtCode, @NotBlank String streetCode, @Size(max = 500) String address) {
    }

    /** {@code POST /api/v1/whistles/{id}/reports}: the department reports in with who is responsible and what it will do. */
    public record Report(@NotBlank @Size(max = 100) String responsiblePerson,
            @NotBlank @Size(max = 4000) String commitment) {
    }

    /** {@code POST /api/v1/whistles/{id}/close}: the joint outcome. */
    public record Close(@NotBlank @Size(max = 4000) String outcome) {
    }

    public record SummonsView(String unitCode, Instant reportDeadline, boolean reported, Instant reportedAt,
            Boolean late, String responsiblePerson, String commitment) {
        static SummonsView of(Summons s) {
            return new SummonsView(s.unitCode, s.reportDeadline, s.reported(), s.reportedAt, s.late,
                    s.responsiblePerson, s.commitment);
        }
    }

    public record WhistleView(String whistleId, String caseId, String leadUnitCode, String matter, String reason,
            Place location, String urgency, String status, String escalationLevel, Instant blownAt,
            Instant reportDeadline, Instant closedAt, String outcome, List<SummonsView> summons,
            List<String> notReportedIn) {
        static WhistleView of(Whistle w, List<Summons> summons) {
            return new WhistleView(w.whistleId, w.caseId, w.leadUnitCode, w.matter, w.reason,
                    new Place(w.districtCode, w.streetCode, w.address), w.urgency, w.status, w.escalationLevel,
                    w.blownAt, w.reportDeadline, w.closedAt, w.outcome,
                    summons.stream().map(SummonsView::of).toList(),
                    summons.stream().filter(s -> !s.reported()).map(s -> s.unitCode).toList());
        }
    }

    /** A row of {@code GET /api/v1/whistles}: enough for a desk's table; the detail is {@code GET /whistles/{id}}. */
    public record WhistleSummary(String whistleId, String caseId, String leadUnitCode, String matter,
            String districtCode, String streetCode, String urgency, String status, String escalationLevel,
            Instant blownAt, Instant reportDeadline, Instant closedAt, List<String> notReportedIn) {
        static WhistleSummary of(Whistle w, List<String> notReportedIn) {
            return new WhistleSummary(w.whistleId, w.caseId, w.leadUnitCode, w.matter, w.districtCode, w.streetCode,
                    w.urgency, w.status, w.escalationLevel, w.blownAt, w.reportDeadline, w.closedAt, notReportedIn);
        }
    }
}
