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
    /**
     * A district's coordinator (各区统筹): sees its streets'/towns' work and sends reminders (催办); its token carries
     * the {@value #DISTRICT_CODE_CLAIM} claim.
     */
    public static final String DISTRICT = "district";
    /** A leader of the hotline centre: publishes results, adopts monthly topics and the year's problem list. */
    public static final String LEADER = "leader";
    public static final String ADMIN = "admin";
    /**
     * A service identity, never a person: the console's citizen page (/track) asking intake for one case's progress
     * with its number and the caller's phone. Reaches that one operation only.
     */
    public static final String TRACKING = "tracking";

    /** The JWT claim naming the unit of a {@link #UNIT} token. */
    public static final String UNIT_CODE_CLAIM = "unit_code";
    /**
     * The JWT claim naming the district of a {@link #DISTRICT} token: its six-digit code as in the reference data
     * (e.g. {@code 110105}, whose supervisor unit is {@code D110105}).
     */
    public static final String DISTRICT_CODE_CLAIM = "district_code";

    private Roles() {
    }
}
