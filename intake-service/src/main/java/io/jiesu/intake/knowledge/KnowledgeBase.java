package io.jiesu.intake.knowledge;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Comparator;
import java.util.Optional;

/** Finds the knowledge entry that answers a consultation: all its keywords present; the most specific wins. */
@ApplicationScoped
public class KnowledgeBase {
    /** An entry a call-taker may offer: how many of its keywords the content holds. */
    public record Candidate(KnowledgeEntry entry, int matched) {
    }

    /**
     * Entries that share at least one keyword with the content, most keywords matched first — what the call-taker
     * sees while typing a consultation; the choice is theirs.
     */
    public java.util.List<Candidate> candidatesFor(String content, int limit) {
        return KnowledgeEntry.<KnowledgeEntry>list("active", true).stream()
                .map(e -> new Candidate(e, (int) e.keywordList().stream().filter(content::contains).count()))
                .filter(c -> c.matched() > 0)
                .sorted(Comparator.comparingInt(Candidate::matched).reversed().thenComparing(c -> c.entry().id))
                .limit(limit).toList();
    }

    /** An active entry by id, for an answer the call-taker chose. */
    public Optional<KnowledgeEntry> active(String id) {
        return KnowledgeEntry.<KnowledgeEntry>findByIdOptional(id).filter(e -> e.active);
    }

    public Optional<KnowledgeEntry> answerFor(String content) {
        return KnowledgeEntry.<KnowledgeEntry>list("active", true).stream()
                .filter(e -> !e.keywordList().isEmpty() && e.keywordList().stream().allMatch(content::contains))
                .max(Comparator.<KnowledgeEntry>comparingInt(e -> e.keywordList().size())
                        .thenComparing(e -> e.id, Comparator.reverseOrder()));
    }
}
