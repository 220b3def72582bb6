package io.jiesu.dispatch.workorder;

import java.util.EnumSet;
import java.util.Set;

/**
 * States of a work order and the unit actions each allows (the state machine; anything else is a 409 naming the
 * current state and these actions). Reviewer decisions move RETURN_REQUESTED on; manual dispatch moves
 * AWAITING_MANUAL_DISPATCH on.
 */
public enum WorkOrderStatus {
    /** No rule could place the case, or it was returned too often: it waits for a hotline reviewer. */
    AWAITING_MANUAL_DISPATCH(EnumSet.noneOf(Action.class)),
    /** With its unit, not signed for yet. */
    DISPATCHED(EnumSet.of(Action.SIGN, Action.RETURN)),
    /** The unit asked to return it (退单); a reviewer decides. */
    RETURN_REQUESTED(EnumSet.noneOf(Action.class)),
    /** 重办: a return visit sent the completed order back to its lead unit; it signs for it again. */
    REOPENED(EnumSet.of(Action.SIGN)),
    /** 签收: the unit owns it to the end (首接负责制). */
    SIGNED_FOR(EnumSet.of(Action.CONTACT, Action.PROGRESS, Action.EXTENSION, Action.CO_HANDLER)),
    /** The citizen was contacted. */
    CONTACTED(EnumSet.of(Action.PROGRESS, Action.EXTENSION, Action.CO_HANDLER, Action.COMPLETE)),
    /** 办结 (until a return visit reopens it). */
    COMPLETED(EnumSet.noneOf(Action.class));

    private final Set<Action> actions;

    WorkOrderStatus(Set<Action> actions) {
        this.actions = actions;
    }

    /** The unit actions this state allows, before time windows and pending requests are considered. */
    public Set<Action> actions() {
        return EnumSet.copyOf(actions.isEmpty() ? EnumSet.noneOf(Action.class) : actions);
    }

    public boolean isOpen() {
        return this != COMPLETED;
    }
}
