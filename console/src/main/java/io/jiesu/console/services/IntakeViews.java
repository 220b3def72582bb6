package io.jiesu.console.services;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * intake-service's answers as the console reads them (only the fields the pages use; the service may send more).
 * They mirror the service's OpenAPI, they are not the console's own data.
 */
public final class IntakeViews {
    private IntakeViews() {
    }

    public record CaseView(String caseId, String externalId, String status, String channel, Instant receivedAt,
            String type, String categoryCode, String categorySource, String urgency, String urgencySource,
            Citizen citizen, Location location, String content, String unitCode, String linkedCaseId,
            boolean flagged, List<TimelineEntry> timeline) {
    }

    public record Citizen(String name, String phone, boolean anonymous, boolean confidential) {
    }

    public record Location(String districtCode, String streetCode, String community, String communityCode,
            String address) {
    }

    public record TimelineEntry(Instant at, String kind, String summary, String unitCode) {
    }

    public record CaseSummary(String caseId, String status, Instant receivedAt, String type, String categoryCode,
            String urgency, String districtCode, String streetCode, String unitCode, boolean flagged) {
    }

    public record ClassificationHint(List<CategorySuggestion> categories, String urgency, List<Answer> answers) {
    }

    public record CategorySuggestion(String categoryCode, int score) {
    }

    public record Answer(String id, String question, String answer, String categoryCode, int matchedKeywords) {
    }

    public record CallerContext(List<RecentCase> recentCases, RepeatCandidate repeatCandidate, List<Flag> flags) {
    }

    public record RecentCase(String caseId, String status, Instant receivedAt, String type, String categoryCode,
            String streetCode, String unitCode) {
    }

    public record RepeatCandidate(String caseId, String reason) {
    }

    public record Flag(LocalDate day, int appealCount, String rule) {
    }
}
