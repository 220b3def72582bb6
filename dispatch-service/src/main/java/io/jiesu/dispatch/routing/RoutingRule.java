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
    /** LOCATION_STREET: 属地; UNIT: unit_code; DISTRICT_BRANCH: unit_code's branch in the appeal's district. */
    public enum Target { LOCATION_STREET, UNIT, DISTRICT_BRANCH }

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

    /** This row as a line of the plain {@link ResponsibilityList}. */
    ResponsibilityList.Line line() {
        return new ResponsibilityList.Line(id, version, categoryCode, districtCode, streetCode, target, unitCode,
                description);
    }
}
