package io.jiesu.platform.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import org.hibernate.query.NativeQuery;
import org.hibernate.query.QueryFlushMode;

/**
 * Native SQL that does not flush the whole Hibernate session. A plain {@code createNativeQuery} names no table, so
 * Hibernate must assume it touches every one and flushes all pending entity changes before it runs: in a batch
 * consumer that is a flush per statement, each one writing what JDBC batching would have sent together at the
 * commit. A query made here names its tables (Hibernate's query spaces): pending changes are still written first when
 * — and only when — one of these tables has some (Hibernate 7's partial auto-flush), so the statement still sees all
 * the transaction changed there.
 * <p>
 * Name every table the statement reads or writes, and for an INSERT (or an UPDATE of a key column) also each table
 * its foreign keys point at: the referenced row may be an entity not flushed yet. A table no entity maps never causes
 * a flush. {@code NativeSql.on(em, "work_order_history", "work_order").query("INSERT INTO work_order_history …")}
 */
public final class NativeSql {
    private NativeSql() {
    }

    /** The tables a statement reads or writes; {@link #query} makes the statement. */
    public record Tables(EntityManager em, String... names) {
        /** A native query synchronized on these tables. */
        public Query query(String sql) {
            NativeQuery<?> query = em.createNativeQuery(sql).unwrap(NativeQuery.class);
            for (String table : names) {
                query.addSynchronizedQuerySpace(table);
            }
            return query;
        }
    }

    /** Names the tables (at least one) of the statement made next with {@link Tables#query}. */
    public static Tables on(EntityManager em, String... tables) {
        if (tables.length == 0) {
            throw new IllegalArgumentException("name the tables the statement reads or writes");
        }
        return new Tables(em, tables);
    }

    /** A native statement that reads and writes no table (e.g. {@code set_config}, {@code nextval}): never flushes. */
    public static Query withoutTables(EntityManager em, String sql) {
        return em.createNativeQuery(sql).unwrap(NativeQuery.class).setQueryFlushMode(QueryFlushMode.NO_FLUSH);
    }
}
