package io.jiesu.dispatch.workorder;

/**
 * Why an order waits in the manual-dispatch queue, shown to the reviewer who places it (queue rows' {@code reason}).
 */
public enum QueueReason {
    /** No line of the responsibility list places the category at the location. */
    NO_ROUTE,
    /** Returned (退单) too often, or a return was approved without naming a new unit. */
    RETURNED,
    /** A proactive request (未诉先办) named a unit the reference data does not know. */
    UNKNOWN_UNIT,
    /**
     * 地点待确认: intake could not resolve the street/town from the location the citizen gave (lat/long, an address
     * naming none); the reviewer confirms where the matter is and places it. Never routed automatically: a guess at
     * the place would send the case to the wrong street.
     */
    LOCATION_TO_CONFIRM
}
