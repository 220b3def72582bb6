package io.jiesu.dispatch.workorder;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.TransactionScoped;
import org.hibernate.resource.jdbc.spi.StatementInspector;

import java.util.ArrayList;
import java.util.List;

/**
 * Test only: records the SQL Hibernate sends (native queries included) and the transactions begun, per thread, while a
 * test has switched it on — what a poll of received cases costs in statements and commits (copied from intake's test).
 */
@PersistenceUnitExtension
@ApplicationScoped
public class StatementLog implements StatementInspector {
    private static final List<String> STATEMENTS = new ArrayList<>();
    private static volatile boolean recording;
    private static int transactions;

    /** Starts recording the statements of every thread (one test at a time). */
    public static synchronized void start() {
        STATEMENTS.clear();
        transactions = 0;
        recording = true;
    }

    public static synchronized List<String> stop() {
        recording = false;
        return List.copyOf(STATEMENTS);
    }

    public static synchronized int transactions() {
        return transactions;
    }

    /** The request and consumer threads; not the kit's background relay, timers and retention. */
    private static boolean counted() {
        String thread = Thread.currentThread().getName();
        return !thread.contains("relay") && !thread.contains("timer") && !thread.contains("retention");
    }

    @Override
    public String inspect(String sql) {
        if (recording && counted()) {
            synchronized (StatementLog.class) {
                STATEMENTS.add("[" + Thread.currentThread().getName() + "] " + sql.replaceAll("\\s+", " ").trim());
            }
        }
        return sql;
    }

    void begun(@Observes @Initialized(TransactionScoped.class) Object transaction) {
        if (recording && counted()) {
            synchronized (StatementLog.class) {
                transactions++;
            }
        }
    }
}
