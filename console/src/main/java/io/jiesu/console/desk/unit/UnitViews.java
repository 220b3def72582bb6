package io.jiesu.console.desk.unit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The services' answers as the handling unit's desk reads them (only the fields its pages use). */
public final class UnitViews {
    private UnitViews() {
    }

    /** A work order as its unit sees it; {@code role} LEAD or CO_HANDLER, {@code nextDeadline} the one running now. */
    public record Order(String caseId, String unitCode, String role, String status, List<String> allowedActions,
            String mode, String ruleDescription, Instant dispatchedAt, Instant signForDeadline,
            Instant contactDeadline, Instant completionDeadline, boolean overdue, boolean extensionPending,
            Instant signedAt, Instant contactedAt, Instant completedAt, String outcome, String completionSummary,
            String completionReason, int returnCount, List<String> coHandlers, String urgency, String appealType,
            String categoryCode, String districtCode, String streetCode, String content, int round,
            String completionPlan, LocalDate followUpOn, Instant reopenedAt, String reopenReason,
            Instant nextDeadline, int reminderCount, Instant lastRemindedAt) {
        /** The deadline the unit is working against now: sign-for, then contact, then completion. */
        public Instant runningDeadline() {
            if (nextDeadline != null) {
                return nextDeadline;
            }
            if (signedAt == null && signForDeadline != null) {
                return signForDeadline;
            }
            if (contactedAt == null && contactDeadline != null) {
                return contactDeadline;
            }
            return completionDeadline;
        }

        /** Which deadline {@link #runningDeadline()} is: sign, contact or complete (a word in the unit bundle). */
        public String runningStep() {
            if (completedAt != null) {
                return "";
            }
            if (signedAt == null) {
                return "sign";
            }
            return contactedAt == null ? "contact" : "complete";
        }

        public boolean open() {
            return completedAt == null && !"COMPLETED".equals(status) && !"VISITED".equals(status);
        }
    }

    public record HistoryEntry(Instant at, String action, String unitCode, String actor, String detail) {
    }

    /** dispatch's answer for one order: the order, its whole history and what the caller may do now. */
    public record OrderDetail(Order order, List<HistoryEntry> history, List<String> allowedActions) {
        public boolean may(String action) {
            return allowedActions != null && allowedActions.contains(action);
        }
    }

    public record Place(String districtCode, String streetCode, String address) {
    }

    public record Summons(String unitCode, Instant reportDeadline, boolean reported, Instant reportedAt, Boolean late,
            String responsiblePerson, String commitment) {
    }

    public record Whistle(String whistleId, String caseId, String leadUnitCode, String matter, String reason,
            Place location, String urgency, String status, String escalationLevel, Instant blownAt,
            Instant reportDeadline, Instant closedAt, String outcome, List<Summons> summons,
            List<String> notReportedIn) {
        public boolean awaits(String unitCode) {
            return "OPEN".equals(status) && notReportedIn != null && notReportedIn.contains(unitCode);
        }
    }

    /** A row of the unit's whistles: led by it or summoning it; {@code notReportedIn} the units still missing. */
    public record WhistleSummary(String whistleId, String caseId, String leadUnitCode, String matter, String urgency,
            String status, String escalationLevel, Instant blownAt, Instant reportDeadline,
            List<String> notReportedIn) {
    }

    public record WhistlePage(List<WhistleSummary> items, int page, int size, long total) {
    }

    public record Score(String period, int revision, String peerGroup, String unitCode, int cases,
            double responseRate, double resolutionRate, double satisfactionRate, Double attendanceRate,
            double composite, Integer rank) {
        public String response() {
            return percent(responseRate);
        }

        public String resolution() {
            return percent(resolutionRate);
        }

        public String satisfaction() {
            return percent(satisfactionRate);
        }

        public String attendance() {
            return attendanceRate == null ? "" : percent(attendanceRate);
        }

        public String compositeScore() {
            return String.format(java.util.Locale.ROOT, "%.2f", composite);
        }

        static String percent(double rate) {
            return String.format(java.util.Locale.ROOT, "%.1f%%", rate * 100);
        }
    }

    public record Objection(String objectionId, String caseId, String unitCode, String reason, String statement,
            String status, Instant filedAt, Instant decidedAt, String reviewer, String comment) {
    }
}
