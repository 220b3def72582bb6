package io.jiesu.analytics.problemlist;

import io.jiesu.platform.security.CallerIdentity;
import io.jiesu.platform.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;

/** The problem-list rule in force (the stored row, or the configuration's defaults) and its audited changes. */
@ApplicationScoped
public class ProblemListRules {
    private final ProblemListRuleRepository repo;
    private final ProblemListSettings defaults;
    private final CallerIdentity caller;

    public ProblemListRules(ProblemListRuleRepository repo, ProblemListSettings defaults, CallerIdentity caller) {
        this.repo = repo;
        this.defaults = defaults;
        this.caller = caller;
    }

    public ProblemListRule current() {
        return repo.current().orElseGet(() -> ProblemListRule.ofConfig(defaults));
    }

    /** Stores a change (422 with every problem when it cannot be), audited; the next proposal uses it. */
    @Transactional
    public ProblemListRule change(ProblemListRule.Change change) {
        if (change == null) {
            throw ProblemException.badRequest("a JSON body is required: top, minAppeals, minMonths, area, reason");
        }
        List<String> problems = ProblemListRule.problemsOf(change);
        if (!problems.isEmpty()) {
            throw ProblemException.unprocessable("the problem-list rule cannot be stored: " + String.join("; ", problems))
                    .with("problems", problems);
        }
        ProblemListRule rule = new ProblemListRule(change.top(), change.minAppeals(), change.minMonths(),
                ProblemListRule.areaOf(change.area()), ProblemListRule.Source.ADMIN, change.reason().trim(),
                caller.subject(), Instant.now());
        repo.save(rule);
        return rule;
    }

    public List<ProblemListRule> history(int limit) {
        return repo.history(limit);
    }
}
