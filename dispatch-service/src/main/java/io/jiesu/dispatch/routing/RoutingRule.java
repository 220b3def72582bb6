package io.jiesu.dispatch.routing;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One line of the responsibility list (职责清单). */
@Entity
@Table(name = "routing_rule")
public class RoutingRule extends PanacheEntityBase {
    public enum Target { LOCATION_STREET, UNIT }

    @Id
    public String id;
    public int version;
    @Column(name = "category_code")
    public String categoryCode;
    @Column(name = "district_code")
    public String districtCode;
    @Column(name = "street_code")
    public String streetCode;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Target target;
    @Column(name = "unit_code")
    public String unitCode;
    public String description;
    public boolean active;
    @Column(name = "updated_at")
    public Instant updatedAt;

    boolean matches(String category, String district, String street) {
        return (categoryCode == null || categoryCode.equals(category))
                && (districtCode == null || districtCode.equals(district))
                && (streetCode == null || streetCode.equals(street));
    }

    /** Higher is more specific: a street/town beats a district beats city-wide; a category adds to either. */
    int specificity() {
        return (streetCode != null ? 4 : districtCode != null ? 2 : 0) + (categoryCode != null ? 1 : 0);
    }
}
