package io.jiesu.evaluation.objection;

/** An objection (申诉) is PENDING until a reviewer ACCEPTS (the case leaves the rates) or REJECTS it. */
public enum ObjectionStatus {
    PENDING, ACCEPTED, REJECTED
}
