package io.jiesu.local;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code caseId} and {@code status} of intake's 201 answer (a whole case view, a kilobyte or two) without building
 * a JSON tree per answer: a scan of the top-level object's members that stops when it has both. Both come first in
 * the answer. Anything the scan does not expect (an escape in one of the two values, not an object) goes to a full
 * parse instead. Works on the UTF-8 bytes: no byte of a multi-byte character is a quote, backslash or bracket.
 */
final class AnswerFields {
    private AnswerFields() {
    }

    /** {caseId, status}; either null when the answer does not have it. */
    static String[] caseIdAndStatus(byte[] body) {
        String[] scanned = scan(body);
        return scanned != null ? scanned : parsed(body);
    }

    /** Null when the scan cannot tell (the full parse decides). */
    static String[] scan(byte[] b) {
        int i = skipSpace(b, 0);
        if (i >= b.length || b[i] != '{') {
            return null;
        }
        String caseId = null;
        String status = null;
        i++;
        while (true) {
            i = skipSpace(b, i);
            if (i >= b.length) {
                return null;
            }
            if (b[i] == '}') {
                return new String[] {caseId, status};
            }
            if (b[i] == ',') {
                i = skipSpace(b, i + 1);
            }
            if (i >= b.length || b[i] != '"') {
                return null;
            }
            int keyEnd = stringEnd(b, i);
            if (keyEnd < 0) {
                return null;
            }
            boolean wantCase = is(b, i + 1, keyEnd, "caseId");
            boolean wantStatus = !wantCase && is(b, i + 1, keyEnd, "status");
            i = skipSpace(b, keyEnd + 1);
            if (i >= b.length || b[i] != ':') {
                return null;
            }
            i = skipSpace(b, i + 1);
            if (i >= b.length) {
                return null;
            }
            if ((wantCase || wantStatus) && b[i] == '"') {
                int end = stringEnd(b, i);
                if (end < 0) {
                    return null;
                }
                for (int k = i + 1; k < end; k++) {
                    if (b[k] == '\\') {
                        return null; // an escape in the value: let the parser decode it
                    }
                }
                String v = new String(b, i + 1, end - i - 1, StandardCharsets.UTF_8);
                if (wantCase) {
                    caseId = v;
                } else {
                    status = v;
                }
                if (caseId != null && status != null) {
                    return new String[] {caseId, status};
                }
                i = end + 1;
            } else {
                i = valueEnd(b, i);
                if (i < 0) {
                    return null;
                }
            }
        }
    }

    private static String[] parsed(byte[] body) {
        try (JsonReader reader = BenchAppeals.JSON.createReader(new ByteArrayInputStream(body))) {
            JsonObject view = reader.readObject();
            return new String[] {view.getString("caseId", null), view.getString("status", null)};
        }
    }

    private static int skipSpace(byte[] b, int i) {
        while (i < b.length && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
            i++;
        }
        return i;
    }

    /** The index of the closing quote of the string opening at {@code i}, or -1. */
    private static int stringEnd(byte[] b, int i) {
        for (int k = i + 1; k < b.length; k++) {
            if (b[k] == '\\') {
                k++;
            } else if (b[k] == '"') {
                return k;
            }
        }
        return -1;
    }

    /** The index just after the value starting at {@code i} (string, number, literal, object or array), or -1. */
    private static int valueEnd(byte[] b, int i) {
        if (b[i] == '"') {
            int end = stringEnd(b, i);
            return end < 0 ? -1 : end + 1;
        }
        if (b[i] != '{' && b[i] != '[') {
            while (i < b.length && b[i] != ',' && b[i] != '}' && b[i] != ']' && b[i] != ' ' && b[i] != '\n'
                    && b[i] != '\r' && b[i] != '\t') {
                i++;
            }
            return i;
        }
        int depth = 0;
        for (int k = i; k < b.length; k++) {
            byte c = b[k];
            if (c == '"') {
                k = stringEnd(b, k);
                if (k < 0) {
                    return -1;
                }
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (--depth == 0) {
                    return k + 1;
                }
            }
        }
        return -1;
    }

    private static boolean is(byte[] b, int from, int to, String ascii) {
        if (to - from != ascii.length()) {
            return false;
        }
        for (int k = 0; k < ascii.length(); k++) {
            if (b[from + k] != ascii.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
