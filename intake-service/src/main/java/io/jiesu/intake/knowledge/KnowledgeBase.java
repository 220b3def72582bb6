package io.jiesu.intake.knowledge;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Comparator;
import java.util.Optional;

/** Finds the knowledge entry that answers a consultation: all its keywords present; the most specific wins. */
@ApplicationScoped
public class KnowledgeBase {
    public Optional<KnowledgeEntry> answerFor(String content) {
        return KnowledgeEntry.<KnowledgeEntry>list("active", true).stream()
                .filter(e -> !e.keywordList().isEmpty() && e.keywordList().stream().allMatch(content::contains))
                .max(Comparator.<KnowledgeEntry>comparingInt(e -> e.keywordList().size())
                        .thenComparing(e -> e.id, Comparator.reverseOrder()));
    }
}
