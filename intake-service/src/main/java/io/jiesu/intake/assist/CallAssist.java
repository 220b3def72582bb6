package io.jiesu.intake.assist;

import io.jiesu.contract.event.Enums;
import io.jiesu.intake.caller.CallerHash;
import io.jiesu.intake.classification.Classifier;
import io.jiesu.intake.knowledge.KnowledgeBase;
import io.jiesu.intake.repeat.RepeatDetector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;

/**
 * What a call-taker sees while the caller is still on the line (接线辅助): suggested categories and urgency as the
 * content is typed, knowledge-base answers for a consultation, and — once the phone number is known — the caller's
 * recent cases, the open case this appeal would repeat and whether the caller is flagged. Nothing is stored: the
 * appeal itself goes through {@code POST /api/v1/appeals}, where the same rules decide.
 */
@ApplicationScoped
public class CallAssist {
    static final int SUGGESTIONS = 5;
    static final int ANSWERS = 3;
    static final int RECENT_CASES = 5;

    public record ClassificationHint(List<Classifier.Suggestion> categories, Enums.Urgency urgency,
            List<Answer> answers) {
    }

    public record Answer(String id, String question, String answer, String categoryCode, int matchedKeywords) {
    }

    public record CallerContext(List<CallerHistory.RecentCase> recentCases, RepeatCandidate repeatCandidate,
            List<CallerHistory.Flag> flags) {
    }

    public record RepeatCandidate(String caseId, Enums.LinkReason reason) {
    }

    private final Classifier classifier;
    private final KnowledgeBase knowledge;
    private final RepeatDetector repeats;
    private final CallerHash callerHash;
    private final CallerHistory history;

    CallAssist(Classifier classifier, KnowledgeBase knowledge, RepeatDetector repeats, CallerHash callerHash,
            CallerHistory history) {
        this.classifier = classifier;
        this.knowledge = knowledge;
        this.repeats = repeats;
        this.callerHash = callerHash;
        this.history = history;
    }

    @Transactional
    public ClassificationHint classify(String content, Enums.AppealType type, Instant at) {
        List<Classifier.Suggestion> categories = classifier.rankCategories(content, SUGGESTIONS);
        String best = categories.isEmpty() ? Classifier.FALLBACK_CATEGORY : categories.get(0).categoryCode();
        Enums.Urgency urgency = classifier.classify(best, null, content, at).urgency();
        List<Answer> answers = type == null || type == Enums.AppealType.CONSULTATION
                ? knowledge.candidatesFor(content, ANSWERS).stream().map(c -> new Answer(c.entry().id(),
                        c.entry().question(), c.entry().answer(), c.entry().categoryCode(), c.matched())).toList()
                : List.of();
        return new ClassificationHint(categories, urgency, answers);
    }

    @Transactional
    public CallerContext caller(String phone, String categoryCode, String streetCode, String address, Instant now) {
        String hash = phone == null || phone.isBlank() ? null : callerHash.of(phone);
        RepeatCandidate repeat = categoryCode == null ? null
                : repeats.openCaseRepeatedBy(categoryCode, hash, streetCode, blankToNull(address), now)
                        .map(r -> new RepeatCandidate(r.caseId(), r.reason())).orElse(null);
        return new CallerContext(hash == null ? List.of() : history.recentCases(hash, RECENT_CASES), repeat,
                hash == null ? List.of() : history.recentFlags(hash, now));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
