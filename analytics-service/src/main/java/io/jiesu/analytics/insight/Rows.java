package io.jiesu.analytics.insight;

import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * A select over plain JDBC, for statements that take a poll's groups as arrays ({@code unnest(?::text[], …)}), which
 * native Hibernate queries do not bind. It reads tables no entity of the consumer path writes (case_fact,
 * place_day_count, risk_alert, hotspot), so it needs no flush; the transaction is the caller's.
 */
final class Rows {
    private Rows() {
    }

    /** {@code String[]} parameters are sent as text arrays (cast them in SQL), others as they are. */
    static List<Object[]> select(EntityManager em, String sql, Object... params) {
        List<Object[]> rows = new ArrayList<>();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    if (params[i] instanceof String[] array) {
                        ps.setArray(i + 1, connection.createArrayOf("text", array));
                    } else {
                        ps.setObject(i + 1, params[i]);
                    }
                }
                try (ResultSet rs = ps.executeQuery()) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        Object[] row = new Object[n];
                        for (int c = 0; c < n; c++) {
                            row[c] = rs.getObject(c + 1);
                        }
                        rows.add(row);
                    }
                }
            }
        });
        return rows;
    }
}
