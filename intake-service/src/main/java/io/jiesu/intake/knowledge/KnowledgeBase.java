package io.jiesu.intake.knowledge;

import io.jiesu.platform.persistence.NativeSql;
import io.jiesu.intake.persistence.RefreshedSnapshot;
import io.jiesu.intake.persistence.Snapshots;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds the knowledge entry that answers a consultation: all its keywords present; the most specific wins. The active
 * entries are held in memory ({@link RefreshedSnapshot}: read again after {@code jiesu.intake.rules.refresh}, and at
 * once after an admin change on this instance), so an appeal costs no query for them.
 */
@ApplicationScoped
public class KnowledgeBase {
    /** An active entry as appeals use it. */
    public record Entry(String id, String question, List<String> keywords, String answer, String categoryCode) {
    }

    /** An entry a call-taker may offer: how many of its keywords the content holds. */
    public record Candidate(Entry entry, int matched) {
    }

    private final EntityManager em;
    private final RefreshedSnapshot<List<Entry>> active;

    KnowledgeBase(EntityManager em, Snapshots snapshots) {
        this.em = em;
        this.active = snapshots.of(this::load);
    }

    /** The entries changed on this instance: the next appeal reads them again (after the change's commit). */
    public void entriesChanged() {
        active.invalidate();
    }

    /**
     * Entries that share at least one keyword with the content, most keywords matched first — what the call-taker
     * sees while typing a consultation; the choice is theirs.
     */
    public List<Candidate> candidatesFor(String content, int limit) {
        return active.get().stream()
                .map(e -> new Candidate(e, (int) e.keywords().stream().filter(content::contains).count()))
                .filter(c -> c.matched() > 0)
                .sorted(Comparator.comparingInt(Candidate::matched).reversed().thenComparing(c -> c.entry().id()))
                .limit(limit).toList();
    }

    /** An active entry by id, for an answer the call-taker chose. */
    public Optional<Entry> active(String id) {
        return active.get().stream().filter(e -> e.id().equals(id)).findFirst();
    }

    public Optional<Entry> answerFor(String content) {
        return active.get().stream()
                .filter(e -> !e.keywords().isEmpty() && e.keywords().stream().allMatch(content::contains))
                .max(Comparator.<Entry>comparingInt(e -> e.keywords().size())
                        .thenComparing(Entry::id, Comparator.reverseOrder()));
    }

    @SuppressWarnings("unchecked")
    private List<Entry> load() {
        List<Object[]> rows = NativeSql.on(em, "knowledge_entry").query("""
                SELECT id, question, keywords, answer, category_code FROM knowledge_entry WHERE active""")
                .getResultList();
        return rows.stream().map(r -> new Entry((String) r[0], (String) r[1], KnowledgeEntry.keywordList((String) r[2]),
                (String) r[3], (String) r[4])).toList();
    }
}
