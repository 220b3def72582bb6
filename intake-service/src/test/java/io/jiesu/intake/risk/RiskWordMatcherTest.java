package io.jiesu.intake.risk;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The risk-word rule alone: which words an appeal's content holds. */
class RiskWordMatcherTest {
    private final RiskWordMatcher matcher = new RiskWordMatcher(List.of(
            new RiskWordMatcher.RiskWord(1, "轻生", "SELF_HARM"),
            new RiskWordMatcher.RiskWord(2, "煤气味", "GAS"),
            new RiskWordMatcher.RiskWord(3, "坍塌", "COLLAPSE"),
            new RiskWordMatcher.RiskWord(4, "CO中毒", "GAS")));

    @Test
    void findsEveryWordOnceInTheListsOrder() {
        List<RiskWordMatcher.RiskWord> found = matcher.matches("楼道里有很重的煤气味，邻居说要轻生，煤气味越来越大");
        assertEquals(List.of("轻生", "煤气味"), found.stream().map(RiskWordMatcher.RiskWord::word).toList());
        assertEquals("SELF_HARM", found.get(0).kind());
    }

    @Test
    void spacesAndLineBreaksInsideAWordDoNotHideIt() {
        assertEquals(1, matcher.matches("他说想 轻\n生").size());
        assertEquals(1, matcher.matches("疑似co 中毒").size(), "latin letters compare without case");
    }

    @Test
    void contentWithoutWordsOrNoContentMatchesNothing() {
        assertTrue(matcher.matches("家里暖气不热，室温只有14度").isEmpty());
        assertTrue(matcher.matches("").isEmpty());
        assertTrue(matcher.matches(null).isEmpty());
        assertTrue(new RiskWordMatcher(List.of()).matches("轻生").isEmpty());
    }

    @Test
    void aBlankWordNeverMatchesEverything() {
        assertTrue(new RiskWordMatcher(List.of(new RiskWordMatcher.RiskWord(9, " ", "X"))).matches("任何内容").isEmpty());
    }
}
