package io.jiesu.dispatch.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jiesu.contract.Json;
import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.platform.persistence.NativeSql;
import io.jiesu.platform.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Changes to the responsibility list (职责清单). Every change makes a new version of the rule (optimistic: the caller
 * names the version it changes, a stale one is a 409) and writes the full new version, the actor and the reason to
 * {@code routing_rule_audit} in the same transaction. Rules are never deleted, only deactivated.
 */
@ApplicationScoped
public class RoutingRuleAdmin {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,59}");

    /** A rule as the admin API reads and writes it. */
    public record RuleView(String id, int version, String categoryCode, String districtCode, String streetCode,
            RoutingRule.Target target, String unitCode, String description, boolean active, Instant updatedAt) {
        static RuleView of(RoutingRule r) {
            return new RuleView(r.id, r.version, r.categoryCode, r.districtCode, r.streetCode, r.target, r.unitCode,
                    r.description, r.active, r.updatedAt);
        }
    }

    /** Body of create and update. {@code expectedVersion}: the version being changed (update only). */
    public record RuleRequest(String id, String categoryCode, String districtCode, String streetCode,
            RoutingRule.Target target, String unitCode, String description, Boolean active, Integer expectedVersion,
            String reason) {
    }

    /** One entry of a rule's audit trail. */
    public record AuditEntry(int version, String action, String actor, Instant at, String reason, RuleView rule) {
    }

    @Inject
    EntityManager em;

    @Transactional(dontRollbackOn = ProblemException.class)
    public RuleView create(RuleRequest body, String actor) {
        if (body == null || body.id() == null || !ID.matcher(body.id()).matches()) {
            throw ProblemException.unprocessable("id: required, lower-case letters, digits and '-', at most 60")
                    .with("field", "id");
        }
        if (RoutingRule.findById(body.id()) != null) {
            throw ProblemException.conflict("routing rule " + body.id() + " exists; change it with PUT");
        }
        RoutingRule rule = new RoutingRule();
        rule.id = body.id();
        rule.version = 1;
        apply(rule, body);
        rule.persist();
        audit(rule, "CREATED", actor, body.reason());
        return RuleView.of(rule);
    }

    @Transactional(dontRollbackOn = ProblemException.class)
    public RuleView update(String id, RuleRequest body, String actor) {
        RoutingRule rule = lockCurrent(id, body == null ? null : body.expectedVersion());
        if (body.id() != null && !body.id().equals(id)) {
            throw ProblemException.badRequest("id: the body names " + body.id() + " but the path " + id);
        }
        apply(rule, body);
        rule.version++;
        audit(rule, "UPDATED", actor, body.reason());
        return RuleView.of(rule);
    }

    @Transactional(dontRollbackOn = ProblemException.class)
    public RuleView deactivate(String id, Integer expectedVersion, String reason, String actor) {
        RoutingRule rule = lockCurrent(id, expectedVersion);
        if (!rule.active) {
            throw ProblemException.conflict("routing rule " + id + " is inactive already");
        }
        rule.active = false;
        rule.updatedAt = Instant.now();
        rule.version++;
        audit(rule, "DEACTIVATED", actor, reason);
        return RuleView.of(rule);
    }

    public List<RuleView> list(Boolean active) {
        List<RoutingRule> rules = active == null ? RoutingRule.listAll(io.quarkus.panache.common.Sort.by("id"))
                : RoutingRule.list("active", io.quarkus.panache.common.Sort.by("id"), active);
        return rules.stream().map(RuleView::of).toList();
    }

    public RuleView get(String id) {
        RoutingRule rule = RoutingRule.findById(id);
        if (rule == null) {
            throw ProblemException.notFound("no routing rule " + id);
        }
        return RuleView.of(rule);
    }

    @SuppressWarnings("unchecked")
    public List<AuditEntry> history(String id) {
        get(id);
        List<Object[]> rows = NativeSql.on(em, "routing_rule_audit").query("""
                SELECT version, action, actor, at, reason, snapshot FROM routing_rule_audit
                WHERE rule_id = ?1 ORDER BY version""").setParameter(1, id).getResultList();
        return rows.stream().map(r -> new AuditEntry(((Number) r[0]).intValue(), (String) r[1], (String) r[2],
                instant(r[3]), (String) r[4], read((String) r[5]))).toList();
    }

    private RoutingRule lockCurrent(String id, Integer expectedVersion) {
        RoutingRule rule = RoutingRule.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (rule == null) {
            throw ProblemException.notFound("no routing rule " + id);
        }
        if (expectedVersion == null) {
            throw ProblemException.unprocessable("expectedVersion: required, the version you are changing (now "
                    + rule.version + ")").with("field", "expectedVersion");
        }
        if (expectedVersion != rule.version) {
            throw ProblemException.conflict("routing rule " + id + " is at version " + rule.version + ", not "
                    + expectedVersion + "; read it again").with("currentVersion", rule.version);
        }
        return rule;
    }

    private static void apply(RoutingRule rule, RuleRequest body) {
        ReferenceData ref = ReferenceData.get();
        if (body.categoryCode() != null && ref.category(body.categoryCode()).isEmpty()) {
            throw invalid("categoryCode", "no category " + body.categoryCode() + " (GET /api/v1/categories on intake)");
        }
        if (body.districtCode() != null && ref.district(body.districtCode()).isEmpty()) {
            throw invalid("districtCode", "no district " + body.districtCode());
        }
        if (body.streetCode() != null) {
            boolean street = ref.unit(body.streetCode()).map(u -> u.kind().isStreetOrTown()).orElse(false);
            if (!street || (body.districtCode() != null && !ref.isStreetOfDistrict(body.streetCode(),
                    body.districtCode()))) {
                throw invalid("streetCode", body.streetCode() + " is not a street/town"
                        + (body.districtCode() == null ? "" : " of district " + body.districtCode()));
            }
        }
        if (body.target() == null) {
            throw invalid("target", "required, LOCATION_STREET (属地), UNIT or DISTRICT_BRANCH");
        }
        if (body.target() == RoutingRule.Target.UNIT) {
            if (body.unitCode() == null || ref.unit(body.unitCode()).isEmpty()) {
                throw invalid("unitCode", "required for target UNIT, a unit of the reference data");
            }
        } else if (body.target() == RoutingRule.Target.DISTRICT_BRANCH) {
            if (!ref.isCityDepartment(body.unitCode())) {
                throw invalid("unitCode", "required for target DISTRICT_BRANCH, a city-level department (e.g. "
                        + "DEPT_HR; the order goes to its branch in the appeal's district, e.g. DEPT_110105_HR)");
            }
        } else if (body.unitCode() != null) {
            throw invalid("unitCode", "must be empty for target LOCATION_STREET (the street/town of the location)");
        }
        if (body.description() == null || body.description().isBlank() || body.description().length() > 300) {
            throw invalid("description", "required, at most 300 characters: why this rule exists");
        }
        rule.categoryCode = body.categoryCode();
        rule.districtCode = body.districtCode();
        rule.streetCode = body.streetCode();
        rule.target = body.target();
        rule.unitCode = body.unitCode();
        rule.description = body.description().strip();
        rule.active = body.active() == null || body.active();
        rule.updatedAt = Instant.now();
    }

    private void audit(RoutingRule rule, String action, String actor, String reason) {
        em.flush();
        String snapshot;
        try {
            snapshot = Json.mapper().writeValueAsString(RuleView.of(rule));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        NativeSql.on(em, "routing_rule_audit").query("""
                INSERT INTO routing_rule_audit (rule_id, version, action, actor, at, reason, snapshot)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)""")
                .setParameter(1, rule.id).setParameter(2, rule.version).setParameter(3, action)
                .setParameter(4, actor).setParameter(5, Timestamp.from(rule.updatedAt))
                .setParameter(6, reason).setParameter(7, snapshot).executeUpdate();
    }

    private static RuleView read(String json) {
        try {
            return Json.mapper().readValue(json, RuleView.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static Instant instant(Object v) {
        return v instanceof Timestamp t ? t.toInstant() : v instanceof OffsetDateTime o ? o.toInstant() : (Instant) v;
    }

    private static ProblemException invalid(String field, String message) {
        return ProblemException.unprocessable(field + ": " + message).with("field", field);
    }
}
