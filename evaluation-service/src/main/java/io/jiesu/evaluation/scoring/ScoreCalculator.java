package io.jiesu.evaluation.scoring;

import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.event.CommendationListPublished;
import io.jiesu.contract.event.CommendationListPublished.CommendedUnit;
import io.jiesu.contract.event.GovernanceListPublished;
import io.jiesu.contract.event.GovernanceListPublishedV2;
import io.jiesu.contract.event.GovernanceListPublishedV2.GovernanceEntry;
import io.jiesu.contract.event.ScoresPublished;
import io.jiesu.contract.event.UnitScore;
import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.contract.reference.Unit;
import io.jiesu.evaluation.governance.GovernanceRepository;
import io.jiesu.evaluation.governance.GovernanceRule;
import io.jiesu.evaluation.scheme.EvaluationScheme;
import io.jiesu.platform.outbox.Outbox;
import io.jiesu.platform.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Computes a month's scores with {@link ScoringRules} (the rules, plain code) from the case file, stores them as a new
 * revision and publishes it on {@code evaluation.results} — in one transaction, one calculation of a month at a time.
 * The governance-type list ({@link GovernanceRule}, over the stored ranks of the last K months) and the commendation
 * list ({@code CommendationRule}) are chosen, stored and published with it.
 */
@ApplicationScoped
public class ScoreCalculator {
    private static final Logger LOG = Logger.getLogger(ScoreCalculator.class);

    private final ScoreRepository repository;
    private final GovernanceRepository governance;
    private final Outbox outbox;
    private final ReferenceData reference = ReferenceData.get();

    public ScoreCalculator(ScoreRepository repository, GovernanceRepository governance, Outbox outbox) {
        this.repository = repository;
        this.governance = governance;
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
        // governance-type (治理类街乡镇): the scheme's rule over the stored ranks of the window's earlier months only
        GovernanceRule governanceRule = scheme.governanceRule();
        List<GovernanceRule.MonthRanks> earlier = governanceRule.multiMonth()
                ? governance.streetRanks(governanceRule.firstMonth(period), period) : List.of();
        List<GovernanceEntry> entries = governanceRule.select(GovernanceRule.MonthRanks.of(period, result.scores()),
                GovernanceRule.streetCases(result.scores()), earlier, this::population).stream()
                .map(l -> new GovernanceEntry(l.unitCode(), reference.unit(l.unitCode()).map(Unit::districtCode)
                        .orElse(null), l.rank(), l.bottomMonths(), governanceRule.ofLastMonths(), l.appealsPer10k(),
                        l.reasons())).toList();
        List<String> listed = entries.stream().map(GovernanceEntry::unitCode).toList();
        String rule = governanceRule.describe(scheme.minVolume, scheme.version);

        int revision = repository.latestRevision(period).orElse(0) + 1;
        repository.insertRevision(period, revision, scheme.version, now, reason, listed, rule);
        for (UnitScore s : result.scores()) {
            repository.insertScore(period, revision, s, result.attendanceRates().get(s.peerGroup() + "/" + s.unitCode()));
        }
        governance.insertEntries(period, revision, entries);
        ScoresPublished published = new ScoresPublished(period, revision, scheme.version, now, result.scores());
        outbox.publish(EventCatalog.SCORES_PUBLISHED, period, now, published);
        // v1 (codes only) stays for its readers (analytics' published_governance_list); v2 says why
        outbox.publish(EventCatalog.GOVERNANCE_LIST_PUBLISHED, period, now,
                new GovernanceListPublished(period, revision, rule, listed, now));
        outbox.publish(EventCatalog.GOVERNANCE_LIST_PUBLISHED_V2, period, now,
                new GovernanceListPublishedV2(period, revision, scheme.version, rule, entries, now));
        // commendation list (激励), when the scheme has the rule
        scheme.commendationRule().ifPresent(c -> {
            List<CommendedUnit> commended = c.select(result.scores(), Set.copyOf(listed)).stream()
                    .map(s -> new CommendedUnit(s.unitCode(), s.peerGroup(), s.rank(), s.composite(), s.cases()))
                    .toList();
            String words = c.describe(scheme.version);
            governance.insertCommendations(period, revision, words, commended);
            outbox.publish(EventCatalog.COMMENDATION_LIST_PUBLISHED, period, now,
                    new CommendationListPublished(period, revision, scheme.version, words, commended, now));
        });
        LOG.infof("scores of %s revision %d: %d units, governance-type %s (%d ms)", period, revision,
                result.scores().size(), listed, (System.nanoTime() - started) / 1_000_000);
        return published;
    }

    /**
     * Residents of a street/town (2020 census) for the per-10,000 rate; null: not known. The contract's reference
     * data has the population of districts only, so a scheme's appealsPer10k applies once streets/towns get theirs.
     */
    private Long population(String unitCode) {
        return null;
    }

    Optional<Integer> latestRevision(String period) {
        return repository.latestRevision(period);
    }
}
