package io.jiesu.platform.security;

/** The roles of the platform, carried in the JWT {@code groups} claim. */
public final class Roles {
    /** The 12345 telephony system (CTI/IVR): creates appeals, records return visits. */
    public static final String TELEPHONY = "telephony";
    /** A hotline call-taker. */
    public static final String OPERATOR = "operator";
    /** A handling unit's user or system; its token carries the {@value #UNIT_CODE_CLAIM} claim. */
    public static final String UNIT = "unit";
    /** A hotline reviewer: decides returns, extensions, objections, manual dispatch. */
    public static final String REVIEWER = "reviewer";
    public static final String ANALYST = "analyst";
    public static final String ADMIN = "admin";

    /** The JWT claim naming the unit of a {@link #UNIT} token. */
    public static final String UNIT_CODE_CLAIM = "unit_code";

    private Roles() {
    }
}
