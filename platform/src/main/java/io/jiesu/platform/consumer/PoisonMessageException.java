package io.jiesu.platform.consumer;

/**
 * A record that can never be processed (unreadable, invalid, missing CloudEvents headers). It is not retried: it
 * goes to the topic's dead-letter topic with this message as the reason, and the partition moves on.
 */
public class PoisonMessageException extends RuntimeException {
    public PoisonMessageException(String message) {
        super(message);
    }

    public PoisonMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
