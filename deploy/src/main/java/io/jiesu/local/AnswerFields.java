package io.jiesu.local;

import jakarta.json.stream.JsonParser;

import java.io.ByteArrayInputStream;

/**
 * {@code caseId} and {@code status} of intake's 201 answer (a whole case view, a kilobyte or two) without building
 * a JSON tree per answer: the JSON library's streaming parser reads the top-level members and stops when it has both
 * (both come first in the answer); nested look-alikes are skipped, escapes decoded by the parser.
 */
final class AnswerFields {
    private AnswerFields() {
    }

    /** {caseId, status}; either null when the answer does not have it. */
    static String[] caseIdAndStatus(byte[] body) {
        String caseId = null;
        String status = null;
        try (JsonParser p = BenchAppeals.JSON.createParser(new ByteArrayInputStream(body))) {
            if (!p.hasNext() || p.next() != JsonParser.Event.START_OBJECT) {
                return new String[] {null, null};
            }
            while (p.hasNext() && (caseId == null || status == null)) {
                JsonParser.Event e = p.next();
                if (e == JsonParser.Event.END_OBJECT) {
                    break;
                }
                String key = p.getString(); // a top-level member's name: values that are containers are skipped
                JsonParser.Event value = p.next();
                if (value == JsonParser.Event.START_OBJECT) {
                    p.skipObject();
                } else if (value == JsonParser.Event.START_ARRAY) {
                    p.skipArray();
                } else if (value == JsonParser.Event.VALUE_STRING && key.equals("caseId")) {
                    caseId = p.getString();
                } else if (value == JsonParser.Event.VALUE_STRING && key.equals("status")) {
                    status = p.getString();
                }
            }
        }
        return new String[] {caseId, status};
    }
}
