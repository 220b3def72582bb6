package io.jiesu.intake.classification;

import io.jiesu.contract.event.Enums;
import io.jiesu.contract.reference.ReferenceData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Classification assist: when the caller gives no category or urgency, suggest them from the content with the
 * rules in {@code classification_rule} and {@code urgency_rule}. A given value always wins.
 */
@ApplicationScoped
public class Classifier {
    public static final String FALLBACK_CATEGORY = "OTHER";
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    /** The category and urgency to use and where each came from. */
    public record Classification(String categoryCode, Enums.ValueSource categorySource, Enums.Urgency urgency,
            Enums.ValueSource urgencySource) {
    }

    @Inject
    EntityManager em;

    public Classification classify(String givenCategory, Enums.Urgency givenUrgency, String content, Instant at) {
        String category = givenCategory != null ? givenCategory : suggestCategory(content);
        Enums.ValueSource categorySource = givenCategory != null ? Enums.ValueSource.GIVEN : Enums.ValueSource.SUGGESTED;
        if (givenUrgency != null) {
            return new Classification(category, categorySource, givenUrgency, Enums.ValueSource.GIVEN);
        }
        boolean urgent = matchesUrgencyRule(content, at)
                || ReferenceData.get().category(category).map(c -> c.urgent()).orElse(false);
        return new Classification(category, categorySource, urgent ? Enums.Urgency.URGENT : Enums.Urgency.NORMAL,
                Enums.ValueSource.SUGGESTED);
    }

    /** A category the content points to, with the summed weight of the phrases that matched. */
    public record Suggestion(String categoryCode, int score) {
    }

    String suggestCategory(String content) {
        return rankCategories(content, 1).stream().findFirst().map(Suggestion::categoryCode).orElse(FALLBACK_CATEGORY);
    }

    /**
     * The categories the content's phrases point to, best first (highest weight; on a tie the alphabetically first
     * code, so the order never depends on the rules' order), at most {@code limit}.
     */
    @SuppressWarnings("unchecked")
    public List<Suggestion> rankCategories(String content, int limit) {
        List<Object[]> rules = em.createNativeQuery("SELECT category_code, phrase, weight FROM classification_rule")
                .getResultList();
        Map<String, Integer> scores = new HashMap<>();
        for (Object[] rule : rules) {
            if (content.contains((String) rule[1])) {
                scores.merge((String) rule[0], ((Number) rule[2]).intValue(), Integer::sum);
            }
        }
        return scores.entrySet().stream()
                .filter(e -> ReferenceData.get().category(e.getKey()).isPresent())
                .sorted(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue).reversed()
                        .thenComparing(Map.Entry::getKey))
                .limit(limit).map(e -> new Suggestion(e.getKey(), e.getValue())).toList();
    }

    @SuppressWarnings("unchecked")
    boolean matchesUrgencyRule(String content, Instant at) {
        int month = at.atZone(BEIJING).getMonthValue();
        List<Object[]> rules = em.createNativeQuery("SELECT phrase, months FROM urgency_rule").getResultList();
        return rules.stream().anyMatch(r -> content.contains((String) r[0])
                && (r[1] == null || Arrays.stream(((String) r[1]).split(",")).map(String::trim)
                        .anyMatch(m -> m.equals(String.valueOf(month)))));
    }
}
