package io.jiesu.intake.risk;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The risk-word rule (风险词), apart from storage: which active words an appeal's content holds. Whitespace is ignored
 * (a call-taker typing "自 杀" or a line break inside a word must not hide it) and latin letters compare without case.
 * Cost is content length × number of words: the word list is small data, the history plays no part.
 */
public final class RiskWordMatcher {
    /** An active risk word and its kind (SELF_HARM, GAS, COLLAPSE…). */
    public record RiskWord(long id, String word, String kind) {
    }

    private final List<RiskWord> words;

    public RiskWordMatcher(List<RiskWord> words) {
        this.words = words.stream().filter(w -> !normalise(w.word()).isEmpty()).toList();
    }

    /** The words found in {@code content}, each once, in the list's order; empty when none. */
    public List<RiskWord> matches(String content) {
        if (content == null || content.isBlank() || words.isEmpty()) {
            return List.of();
        }
        String text = normalise(content);
        List<RiskWord> found = new ArrayList<>();
        for (RiskWord w : words) {
            if (text.contains(normalise(w.word())) && found.stream().noneMatch(f -> f.word().equals(w.word()))) {
                found.add(w);
            }
        }
        return List.copyOf(found);
    }

    static String normalise(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c)).forEach(b::appendCodePoint);
        return b.toString().toLowerCase(Locale.ROOT);
    }
}
