package io.jiesu.contract.event;

/**
 * The person behind an appeal. Personal data: only intake, dispatch (for the unit to call back) and the unit see
 * it; analytics never stores it. {@code confidential}: the unit must not disclose the caller's identity.
 */
public record Citizen(String name, String phone, boolean anonymous, boolean confidential) {
}
