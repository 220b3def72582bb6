package io.jiesu.dispatch.workorder;

/**
 * Who acts on a work order: the unit (from its token, or from the command topic it wrote to) and a name for the
 * record (token subject or {@code kafka:<ce_source>}).
 */
public record Actor(String unitCode, String name) {
}
