package io.jiesu.contract.event;

/** A link to material kept elsewhere, e.g. the call recording. */
public record Attachment(String kind, String url) {
}
