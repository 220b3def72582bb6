package io.jiesu.whistle.lead;

import io.jiesu.platform.persistence.NativeSql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;

/** The lead unit of a case, as this service learned it from dispatch. */
@ApplicationScoped
public class CaseLeads {
    @Inject
    EntityManager em;

    @Transactional
    @SuppressWarnings("unchecked")
    public Optional<String> leadOf(String caseId) {
        List<String> rows = NativeSql.on(em, "case_lead").query("SELECT unit_code FROM case_lead WHERE case_id = ?1")
                .setParameter(1, caseId).getResultList();
        return rows.stream().findFirst();
    }
}
