package io.jiesu.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The console's own settings ({@code jiesu.console.*}). */
@ConfigMapping(prefix = "jiesu.console")
public interface ConsoleConfig {
    Lockout lockout();

    Token token();

    interface Lockout {
        @WithDefault("5")
        int maxFailures();

        @WithDefault("PT15M")
        Duration duration();
    }

    /** Tokens the console signs for local accounts when it calls a service on their behalf. */
    interface Token {
        String issuer();

        @WithDefault("PT5M")
        Duration lifetime();
    }
}
