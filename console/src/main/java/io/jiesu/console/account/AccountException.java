package io.jiesu.console.account;

/** A refused account change, naming the field to fix. */
public class AccountException extends RuntimeException {
    private final String field;

    public AccountException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
