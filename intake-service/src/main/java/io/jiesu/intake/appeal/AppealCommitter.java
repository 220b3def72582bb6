package io.jiesu.intake.appeal;

import io.jiesu.intake.cases.CaseQueries;
import io.jiesu.intake.cases.CaseView;
import io.jiesu.intake.persistence.GroupCommit;
import io.jiesu.platform.web.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * Group commit of REST appeals ({@code POST /api/v1/appeals}, Open311 {@code POST requests}; issue 19): concurrent appeals are stored in one transaction, one commit for all of
 * them, and each is answered from memory as if alone ({@link GroupCommit}: no timer, a group is whatever arrived while
 * the previous one was committing; a failed group is taken apart and each appeal stored alone, one by one, until one
 * fails for the database's sake rather than its own — then each caller tries its own at once). In one group the
 * appeals are taken in arrival order and each sees what the earlier ones wrote: a repeat of an earlier appeal of the
 * group is linked to it, a caller's counters count both, a retry of the same externalId gets the case (200).
 * {@code jiesu.intake.group-commit.max-size} (64) bounds a group, {@code max-groups} (2) the groups stored at once (one
 * built while another commits); {@code max-size=1} stores every appeal alone as before. Metrics:
 * {@code jiesu_intake_group_commit_appeals} (a summary: count = groups, sum = appeals) and
 * {@code jiesu_intake_group_commit_failed_total} (groups taken apart).
 */
@ApplicationScoped
public class AppealCommitter {
    private static final Logger LOG = Logger.getLogger(AppealCommitter.class);

    /** An appeal's answer: 201 with the case built from memory, or 200 with the existing case read back. */
    public record Answer(boolean created, CaseView view) {
    }

    /** An appeal {@link AppealService#checked} already, with the Open311 partner key that sent it (or null). */
    private record Submission(AppealRequest appeal, Long open311KeyId) {
    }

    private final AppealService appeals;
    private final CaseQueries cases;
    private final GroupCommit<Submission, Answer> groups;

    AppealCommitter(AppealService appeals, CaseQueries cases, MeterRegistry metrics,
            @ConfigProperty(name = "jiesu.intake.group-commit.max-size", defaultValue = "64") int maxSize,
            @ConfigProperty(name = "jiesu.intake.group-commit.max-groups", defaultValue = "2") int maxGroups) {
        this.appeals = appeals;
        this.cases = cases;
        DistributionSummary sizes = DistributionSummary.builder("jiesu.intake.group.commit.appeals")
                .description("REST appeals stored per transaction (group commit)").register(metrics);
        Counter failed = Counter.builder("jiesu.intake.group.commit.failed")
                .description("Groups of REST appeals that failed and were stored again one by one").register(metrics);
        this.groups = new GroupCommit<>(maxSize, maxGroups, new GroupCommit.Work<>() {
            @Override
            public List<Answer> together(List<Submission> group) {
                return QuarkusTransaction.requiringNew().call(() -> {
                    List<Answer> answers = new ArrayList<>(group.size());
                    for (Submission appeal : group) {
                        answers.add(answer(appeal));
                    }
                    return answers;
                });
            }

            @Override
            public Answer alone(Submission appeal) {
                return QuarkusTransaction.requiringNew().call(() -> answer(appeal));
            }

            @Override
            public boolean itemsOwn(Throwable failure) {
                return failure instanceof ProblemException p && p.status() < 500; // a 4xx: this appeal's fault
            }
        }, (size, groupFailed, why) -> {
            sizes.record(size);
            if (groupFailed) {
                failed.increment();
                LOG.infof("a group of %d appeals failed (%s); each stored alone", size, why);
            }
        });
    }

    /**
     * Stores an appeal {@link AppealService#checked} already, with whatever other appeals wait, and answers it; its own
     * exception (a 422, a database failure) is rethrown in the caller's thread.
     */
    public Answer accept(AppealRequest checked, Long open311KeyId) {
        return groups.submit(new Submission(checked, open311KeyId));
    }

    /** Inside the transaction: a new case answered from what was just stored (no read), a retry's case read back. */
    private Answer answer(Submission submission) {
        AppealService.Accepted accepted = appeals.acceptChecked(submission.appeal(), submission.open311KeyId());
        return accepted.created() ? new Answer(true, CaseQueries.viewOf(accepted.kase(), accepted.timeline()))
                : new Answer(false, cases.view(accepted.kase().caseId));
    }

    /** The groups themselves (tests hold them to make a group of known appeals). */
    public GroupCommit<?, Answer> groups() {
        return groups;
    }
}
