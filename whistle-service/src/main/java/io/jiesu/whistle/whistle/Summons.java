package io.jiesu.whistle.whistle;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** One department summoned by a whistle, and its report-in (报到) once made. */
@Entity
@Table(name = "summons")
@IdClass(Summons.Key.class)
public class Summons extends PanacheEntityBase {
    public static class Key implements Serializable {
        public String whistleId;
        public String unitCode;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(whistleId, k.whistleId) && Objects.equals(unitCode, k.unitCode);
        }

        @Override
        public int hashCode() {
            return Objects.hash(whistleId, unitCode);
        }
    }

    @Id
    @Column(name = "whistle_id")
    public String whistleId;
    @Id
    @Column(name = "unit_code")
    public String unitCode;
    @Column(name = "summoned_at")
    public Instant summonedAt;
    @Column(name = "report_deadline")
    public Instant reportDeadline;
    @Column(name = "reported_at")
    public Instant reportedAt;
    @Column(name = "responsible_person")
    public String responsiblePerson;
    public String commitment;
    public Boolean late;

    public static List<Summons> of(String whistleId) {
        return list("whistleId", io.quarkus.panache.common.Sort.ascending("unitCode"), whistleId);
    }

    public boolean reported() {
        return reportedAt != null;
    }
}
