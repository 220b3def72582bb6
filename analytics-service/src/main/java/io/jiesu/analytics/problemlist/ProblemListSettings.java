package io.jiesu.analytics.problemlist;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The default thresholds of the year's problem-list proposal ({@code jiesu.analytics.problem-list.*}): in force
 * until an administrator sets the rule through {@code PUT /api/v1/admin/problem-list/rule} ({@link ProblemListRules},
 * stored and audited); then the stored rule wins.
 */
@ConfigMapping(prefix = "jiesu.analytics.problem-list")
public interface ProblemListSettings {
    /** How many concentrated problems a proposal keeps at most. */
    @WithDefault("10")
    int top();

    /** Fewest appeals over the 12-month window for a category (× district) to be proposed. */
    @WithDefault("100")
    int minAppeals();

    /** Fewest months of the window with at least one appeal: a lasting problem, not a one-month spike. */
    @WithDefault("6")
    int minMonths();

    /** Default area of a proposal when the request names none: city-wide categories or category × district. */
    @WithDefault("city")
    ProposalRanking.Area area();
}
