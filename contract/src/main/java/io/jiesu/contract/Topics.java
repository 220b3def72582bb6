package io.jiesu.contract;

import java.util.regex.Pattern;

/** Topic names of the public contract (CONTRACT.md). Each topic has exactly one writing service. */
public final class Topics {
    /** Written by the 12345 telephony system: call records that become appeals. */
    public static final String TELEPHONY_CALLS = "telephony.calls";
    public static final String CASE_INTAKE = "case.intake";
    public static final String CASE_DISPATCH = "case.dispatch";
    public static final String CASE_WHISTLE = "case.whistle";
    public static final String CASE_EVALUATION = "case.evaluation";
    public static final String EVALUATION_RESULTS = "evaluation.results";
    public static final String ANALYTICS_INSIGHTS = "analytics.insights";
    /** Template for the per-unit inbox; see {@link #unitInbox(String)}. */
    public static final String UNIT_INBOX_TEMPLATE = "unit.{unitCode}.inbox";
    /**
     * Template for a unit's command topic, written by that unit's own system (its Kafka credentials may write
     * only there) and read by dispatch-service; see {@link #unitCommands(String)}.
     */
    public static final String UNIT_COMMANDS_TEMPLATE = "unit.{unitCode}.commands";
    /** Dead letters of a topic go to the topic's name with this suffix, with the reason in headers. */
    public static final String DEAD_LETTER_SUFFIX = ".dlq";

    private static final Pattern UNIT_CODE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private Topics() {
    }

    /** {@code unit.<unitCode>.inbox}: everything addressed to one unit. */
    public static String unitInbox(String unitCode) {
        if (unitCode == null || !UNIT_CODE.matcher(unitCode).matches()) {
            throw new IllegalArgumentException("not a valid unit code for a topic name: " + unitCode);
        }
        return "unit." + unitCode + ".inbox";
    }

    /** {@code unit.<unitCode>.commands}: a unit's actions on its work orders, as CloudEvents. */
    public static String unitCommands(String unitCode) {
        if (unitCode == null || !UNIT_CODE.matcher(unitCode).matches()) {
            throw new IllegalArgumentException("not a valid unit code for a topic name: " + unitCode);
        }
        return "unit." + unitCode + ".commands";
    }

    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
