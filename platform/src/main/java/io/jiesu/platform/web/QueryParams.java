package io.jiesu.platform.web;

import java.util.Arrays;

/** Query parameters read strictly: a value the operation does not know is the caller's mistake (400), never ignored. */
public final class QueryParams {
    private QueryParams() {
    }

    /** An enum query parameter: absent (null), or exactly one of its names; 400 naming the field otherwise. */
    public static <E extends Enum<E>> E enumOf(Class<E> type, String value, String field) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(field + ": one of " + Arrays.toString(type.getEnumConstants()))
                    .with("field", field);
        }
    }
}
