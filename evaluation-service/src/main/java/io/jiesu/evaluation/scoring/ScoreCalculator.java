package io.jiesu.evaluation.scoring;

import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.event.GovernanceListPublished;
import io.jiesu.contract.event.ScoresPublished;
import io.jiesu.contract.event.UnitScore;
import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.contract.reference.Unit;
import io.jiesu.evaluation.scheme.EvaluationScheme;
import io.jiesu.platform.outbox.Outbox;
import io.jiesu.platform.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Optional;

/**
 * Computes a month's scores with {@link ScoringRules} (the rules, plain code) from the case file, stores them as a new
 * revision and publishes it on {@code evaluation.results} — in one transaction, one calculation of a month at a time.
 */
@ApplicationScoped
public class ScoreCalculator {
    private static final Logger LOG = Logger.getLogger(ScoreCalculator.class);

    private final ScoreRepository repository;
    private final Outbox outbox;
    private final ReferenceData reference = ReferenceData.get();

    public ScoreCalculator(ScoreRepository repository, Outbox outbox) {
        this.repository = repository;
        this.outbox = outbox;
    }

    @Transactional
    public ScoresPublished calculate(String period, String reason) {
        EvaluationScheme scheme = EvaluationScheme.forPeriod(period).orElseThrow(() ->
                ProblemException.unprocessable("no evaluation scheme is effective for " + period));
        long started = System.nanoTime();
        repository.lockPeriod(period);
        Instant now = Instant.now();
        ScoringRules.MonthResult result = ScoringRules.score(repository.tallies(period, now),
                repository.attendance(period), repository.overdueMarks(period), scheme.rules(),
                unit -> reference.unit(unit).map(Unit::kind).map(PeerGroup::of).orElse(null));
        int revision = repository.latestRevision(period).orElse(0) + 1;
        repository.insertRevision(period, revision, scheme.version, now, reason, result.governance(),
                result.governanceRule());
        for (UnitScore s : result.scores()) {
            repository.insertScore(period, revision, s, result.attendanceRates().get(s.peerGroup() + "/" + s.unitCode()));
        }
        ScoresPublished published = new ScoresPublished(period, revision, scheme.version, now, result.scores());
        outbox.publish(EventCatalog.SCORES_PUBLISHED, period, now, published);
        outbox.publish(EventCatalog.GOVERNANCE_LIST_PUBLISHED, period, now,
                new GovernanceListPublished(period, revision, result.governanceRule(), result.governance(), now));
        LOG.infof("scores of %s revision %d: %d units, governance-type %s (%d ms)", period, revision,
                result.scores().size(), result.governance(), (System.nanoTime() - started) / 1_000_000);
        return published;
    }

    Optional<Integer> latestRevision(String period) {
        return repository.latestRevision(period);
    }
}
