package io.jiesu.intake.caller;

import io.agroal.api.AgroalDataSource;
import io.jiesu.platform.retention.BookkeepingRetention;
import io.jiesu.testing.JiesuTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The abusive-caller counters of past days are deleted by the kit's retention run; today's stay. */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "intake"))
class CallerCountRetentionTest {
    @Inject
    BookkeepingRetention retention;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void countsOfOldDaysAreDeletedAndTodaysKept() throws Exception {
        String caller = "test-" + UUID.randomUUID();
        LocalDate today = LocalDate.now();
        insert(caller, today.minusDays(5));
        insert(caller, today.minusDays(3));
        insert(caller, today);
        assertTrue(retention.run(java.time.Instant.now()).deleted().get("caller_day_count") >= 2);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT day FROM caller_day_count WHERE caller_hash = ?")) {
            ps.setString(1, caller);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(today, rs.getDate(1).toLocalDate());
                assertTrue(!rs.next(), "only today's row is left");
            }
        }
    }

    private void insert(String caller, LocalDate day) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO caller_day_count (caller_hash, day, content_hash, appeals) VALUES (?, ?, '', 3)")) {
            ps.setString(1, caller);
            ps.setDate(2, Date.valueOf(day));
            ps.executeUpdate();
        }
    }
}
