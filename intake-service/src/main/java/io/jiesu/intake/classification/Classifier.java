package io.jiesu.intake.classification;

import io.jiesu.contract.event.Enums;
import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.platform.persistence.NativeSql;
import io.jiesu.intake.persistence.RefreshedSnapshot;
import io.jiesu.intake.persistence.Snapshots;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Classification assist: when the caller gives no category or urgency, suggest them from the content with the
 * rules in {@code classification_rule} and {@code urgency_rule}. A given value always wins. The rules are held in
 * memory ({@link RefreshedSnapshot}: read again after {@code jiesu.intake.rules.refresh}, and at once after an admin
 * change on this instance), so classifying costs no query.
 */
@ApplicationScoped
public class Classifier {
    public static final String FALLBACK_CATEGORY = "OTHER";
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    /** The category and urgency to use and where each came from. */
    public record Classification(String categoryCode, Enums.ValueSource categorySource, Enums.Urgency urgency,
            Enums.ValueSource urgencySource) {
    }

    /** A phrase pointing to a category, with its weight. */
    private record CategoryRule(String categoryCode, String phrase, int weight) {
    }

    /** A phrase that makes an appeal urgent, in the listed months (Beijing time) or, with no list (null), all year. */
    private record UrgencyRule(String phrase, Set<String> months) {
        boolean matches(String content, int month) {
            return content.contains(phrase) && (months == null || months.contains(String.valueOf(month)));
        }
    }

    private record Rules(List<CategoryRule> categories, List<UrgencyRule> urgency) {
    }

    private final EntityManager em;
    private final RefreshedSnapshot<Rules> rules;

    Classifier(EntityManager em, Snapshots snapshots) {
        this.em = em;
        this.rules = snapshots.of(this::load);
    }

    /** The rules changed on this instance: the next classification reads them again (after the change's commit). */
    public void rulesChanged() {
        rules.invalidate();
    }

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
    public List<Suggestion> rankCategories(String content, int limit) {
        Map<String, Integer> scores = new HashMap<>();
        for (CategoryRule rule : rules.get().categories()) {
            if (content.contains(rule.phrase())) {
                scores.merge(rule.categoryCode(), rule.weight(), Integer::sum);
            }
        }
        return scores.entrySet().stream()
                .filter(e -> ReferenceData.get().category(e.getKey()).isPresent())
                .sorted(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue).reversed()
                        .thenComparing(Map.Entry::getKey))
                .limit(limit).map(e -> new Suggestion(e.getKey(), e.getValue())).toList();
    }

    boolean matchesUrgencyRule(String content, Instant at) {
        int month = at.atZone(BEIJING).getMonthValue();
        return rules.get().urgency().stream().anyMatch(r -> r.matches(content, month));
    }

    @SuppressWarnings("unchecked")
    private Rules load() {
        List<Object[]> categories = NativeSql.on(em, "classification_rule")
                .query("SELECT category_code, phrase, weight FROM classification_rule").getResultList();
        List<Object[]> urgency = NativeSql.on(em, "urgency_rule").query("SELECT phrase, months FROM urgency_rule")
                .getResultList();
        return new Rules(categories.stream().map(r -> new CategoryRule((String) r[0], (String) r[1],
                ((Number) r[2]).intValue())).toList(),
                urgency.stream().map(r -> new UrgencyRule((String) r[0], months((String) r[1]))).toList());
    }

    /** {@code "11,12,1"} as the months' numbers; null (all year) stays null. */
    private static Set<String> months(String months) {
        return months == null ? null
                : Arrays.stream(months.split(",")).map(String::trim).collect(Collectors.toUnmodifiableSet());
    }
}
