package io.jiesu.dispatch.workorder;

/** States of a work order. */
public enum WorkOrderStatus {
    /** No rule could place the case: it waits in the manual-dispatch queue for a hotline reviewer. */
    AWAITING_MANUAL_DISPATCH,
    DISPATCHED,
    SIGNED_FOR,
    CONTACTED,
    COMPLETED
}
