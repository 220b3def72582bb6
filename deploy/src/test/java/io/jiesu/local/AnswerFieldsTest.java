package io.jiesu.local;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class AnswerFieldsTest {

    private static String[] fields(String json) {
        return AnswerFields.caseIdAndStatus(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void caseIdAndStatusOfACaseView() {
        String view = "{\"caseId\":\"JS-20261207-000123\",\"externalId\":\"BENCH-x-1\",\"status\":\"RECEIVED\","
                + "\"channel\":\"PHONE\",\"citizen\":{\"name\":\"王先生\",\"phone\":\"13900000000\"},"
                + "\"content\":\"市民反映：暖气不热\",\"timeline\":[{\"kind\":\"RECEIVED\",\"summary\":\"x\"}]}";
        assertArrayEquals(new String[] {"JS-20261207-000123", "RECEIVED"}, fields(view));
    }

    @Test
    void membersInAnyOrderAndNestedLookalikesIgnored() {
        String view = "{ \"citizen\" : {\"status\":\"NESTED\", \"caseId\": \"NESTED\"}, \"n\": 12.5, \"ok\": true,"
                + " \"list\": [\"}\", {\"status\": \"]\"}], \"text\": \"\\\"status\\\":\\\"FAKE\\\"\","
                + " \"status\" : \"DISPATCHED\", \"caseId\" : \"C-1\" }";
        assertArrayEquals(new String[] {"C-1", "DISPATCHED"}, fields(view));
    }

    @Test
    void aMissingMemberIsNull() {
        String[] f = fields("{\"caseId\":\"C-2\",\"other\":null}");
        assertArrayEquals(new String[] {"C-2", null}, f);
        assertNull(fields("{}")[0]);
    }

    @Test
    void anEscapeInAValueIsDecoded() {
        String escaped = "{\"caseId\":\"C\\u002d3\",\"status\":\"RECEIVED\"}";
        assertArrayEquals(new String[] {"C-3", "RECEIVED"}, fields(escaped));
    }
}
