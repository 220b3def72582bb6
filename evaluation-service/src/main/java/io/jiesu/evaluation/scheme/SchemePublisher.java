package io.jiesu.evaluation.scheme;

import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.SchemePublished;
import io.jiesu.platform.outbox.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes each scheme version once on {@code evaluation.results} through the outbox, so readers (analytics) rate
 * visits with evaluation's credits. A version added through the API is published in its own transaction; versions
 * seeded by a migration are published at start-up (a row lock keeps two instances from both publishing one).
 */
@ApplicationScoped
public class SchemePublisher {
    private static final Logger LOG = Logger.getLogger(SchemePublisher.class);

    private final Outbox outbox;
    private final EntityManager em;

    public SchemePublisher(Outbox outbox, EntityManager em) {
        this.outbox = outbox;
        this.em = em;
    }

    void onStart(@Observes StartupEvent start) {
        QuarkusTransaction.requiringNew().run(() -> {
            List<EvaluationScheme> unpublished = em.createQuery(
                    "from EvaluationScheme where publishedAt is null order by effectiveFrom", EvaluationScheme.class)
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE).setHint("jakarta.persistence.lock.timeout", -2)
                    .getResultList();
            unpublished.forEach(this::publish);
            if (!unpublished.isEmpty()) {
                LOG.infof("published %d seeded evaluation scheme(s)", unpublished.size());
            }
        });
    }

    /** Within the caller's transaction. */
    public void publish(EvaluationScheme s) {
        Instant now = Instant.now();
        s.publishedAt = now;
        SchemeRules rules = s.rules();
        Map<String, Double> resolution = new LinkedHashMap<>();
        for (Enums.Resolution r : Enums.Resolution.values()) {
            resolution.put(r.name(), rules.resolutionCredit(r));
        }
        Map<String, Double> satisfaction = new LinkedHashMap<>();
        for (Enums.Satisfaction r : Enums.Satisfaction.values()) {
            satisfaction.put(r.name(), rules.satisfactionCredit(r));
        }
        Map<String, Double> caps = new LinkedHashMap<>();
        rules.outcomeCaps().forEach((o, c) -> caps.put(o.name(), c));
        outbox.publish(EventCatalog.SCHEME_PUBLISHED, s.version, now, new SchemePublished(s.version, s.effectiveFrom,
                rules.responseWeight(), rules.resolutionWeight(), rules.satisfactionWeight(), resolution, satisfaction,
                caps, s.description, now));
    }
}
