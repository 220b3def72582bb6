package io.jiesu.intake.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.function.Supplier;

/** Makes the {@link RefreshedSnapshot}s of intake's rules, with the transactions they invalidate after. */
@ApplicationScoped
public class Snapshots {
    private final TransactionSynchronizationRegistry transactions;
    private final Duration rulesRefresh;

    Snapshots(TransactionSynchronizationRegistry transactions,
            @ConfigProperty(name = "jiesu.intake.rules.refresh", defaultValue = "PT10S") Duration rulesRefresh) {
        this.transactions = transactions;
        this.rulesRefresh = rulesRefresh;
    }

    /** Rules read again after {@code jiesu.intake.rules.refresh}. */
    public <T> RefreshedSnapshot<T> of(Supplier<T> load) {
        return of(rulesRefresh, load);
    }

    public <T> RefreshedSnapshot<T> of(Duration refresh, Supplier<T> load) {
        return new RefreshedSnapshot<>(refresh, load, transactions);
    }
}
