package io.jiesu.console.account;

import java.util.Locale;
import java.util.Optional;

/**
 * The roles of people who sign in to the console — the platform's roles less {@code telephony}, which is a system.
 * The role is what the services receive in the token's {@code groups}; they decide what it may see and do.
 */
public enum Role {
    /** 接线员: takes calls, records appeals; the hotline's return-visit staff work under this role too. */
    OPERATOR,
    /** 派单·审核: manual dispatch, returns, extensions, objections. */
    REVIEWER,
    /** 承办单位: a handling unit's staff; always with a unit code. */
    UNIT,
    /** 各区统筹: a district's coordinators; always with a district code (six digits, e.g. 110105). */
    DISTRICT,
    /** 领导: city leaders who publish rankings and adopt monthly topics and the year's problem list. */
    LEADER,
    ANALYST,
    ADMIN;

    /** The name in tokens and in the database: lower case. */
    public String claim() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether an account of this role is scoped to one unit ({@code unit}) or one district ({@code district}). */
    public boolean needsUnit() {
        return this == UNIT;
    }

    public boolean needsDistrict() {
        return this == DISTRICT;
    }

    public static Optional<Role> fromClaim(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (Role r : values()) {
            if (r.claim().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** The desk a person of this role lands on after signing in. */
    public String home() {
        return switch (this) {
            case OPERATOR -> "/desk/call";
            case REVIEWER -> "/desk/review";
            case UNIT -> "/desk/unit";
            case DISTRICT -> "/desk/district";
            case LEADER -> "/desk/leader";
            case ANALYST -> "/desk/analytics";
            case ADMIN -> "/admin";
        };
    }
}
