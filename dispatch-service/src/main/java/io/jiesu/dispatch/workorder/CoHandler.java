package io.jiesu.dispatch.workorder;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/** A co-handling unit (协办单位) of an order: receives it, reports progress; the lead unit stays the lead. */
@Entity
@Table(name = "co_handler")
@IdClass(CoHandler.Key.class)
public class CoHandler extends PanacheEntityBase {
    public record Key(String caseId, String unitCode) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "case_id")
    public String caseId;
    @Id
    @Column(name = "unit_code")
    public String unitCode;
    @Column(name = "added_at")
    public Instant addedAt;
    @Column(name = "added_by")
    public String addedBy;
    public String note;

    public static List<String> unitsOf(String caseId) {
        return CoHandler.<CoHandler>list("caseId", caseId).stream().map(c -> c.unitCode).sorted().toList();
    }

    public static boolean isCoHandler(String caseId, String unitCode) {
        return count("caseId = ?1 and unitCode = ?2", caseId, unitCode) > 0;
    }
}
