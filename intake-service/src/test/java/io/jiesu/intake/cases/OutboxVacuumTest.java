package io.jiesu.intake.cases;

import io.agroal.api.AgroalDataSource;
import io.jiesu.intake.Appeals;
import io.jiesu.testing.JiesuTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * The outbox is a queue table: the relay vacuums it itself every {@code vacuum-every} deleted rows, because the
 * PostgreSQL it runs on may have autovacuum off (this project's machines do) and the dead rows would make every
 * relay batch slower.
 */
@QuarkusTest
@TestProfile(OutboxVacuumTest.VacuumOften.class)
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "intake"))
class OutboxVacuumTest {

    public static class VacuumOften implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("jiesu.outbox.relay.vacuum-every", "5");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theRelayVacuumsTheOutboxOnceEnoughRowsWereDeleted() throws Exception {
        long before = vacuums();
        for (int i = 0; i < 12; i++) {
            Appeals.post(Appeals.unique()).then().statusCode(201);
        }
        // every appeal's case.received was relayed and deleted, and the table was vacuumed by the relay
        await().atMost(Duration.ofSeconds(30)).until(() -> liveOutboxRows() == 0 && vacuums() > before);
    }

    private long vacuums() throws SQLException {
        return single("SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = 'outbox_event'");
    }

    private long liveOutboxRows() throws SQLException {
        return single("SELECT count(*) FROM outbox_event");
    }

    private long single(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
