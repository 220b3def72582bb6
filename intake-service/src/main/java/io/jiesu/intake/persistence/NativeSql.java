package io.jiesu.intake.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import org.hibernate.query.NativeQuery;

/**
 * Native statements that name the tables they touch. Hibernate cannot see which tables a native query reads or writes,
 * so without them it flushes the whole session before each one — in a poll of many appeals that is work growing with
 * every case already in the session. With the tables named it flushes only pending changes to those tables.
 */
public final class NativeSql {
    private NativeSql() {
    }

    /** A native query on {@code tables} (each one its query space). */
    public static Query on(EntityManager em, String sql, String... tables) {
        if (tables.length == 0) {
            throw new IllegalArgumentException("name the tables the statement touches");
        }
        Query query = em.createNativeQuery(sql);
        @SuppressWarnings("rawtypes")
        NativeQuery nativeQuery = query.unwrap(NativeQuery.class);
        for (String table : tables) {
            nativeQuery.addSynchronizedQuerySpace(table);
        }
        return query;
    }
}
