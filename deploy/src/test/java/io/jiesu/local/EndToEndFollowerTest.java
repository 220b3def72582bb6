package io.jiesu.local;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class EndToEndFollowerTest {

    @Test
    void onlyCaseIntakeValuesAreCopiedOutOfTheFetch() {
        EndToEndFollower.IntakeValuesOnly values = new EndToEndFollower.IntakeValuesOnly();
        byte[] json = "{\"externalId\":\"BENCH-x-1\"}".getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.wrap(json);

        assertArrayEquals(json, values.deserialize(EndToEndFollower.INTAKE_TOPIC, new RecordHeaders(), buffer));
        assertEquals(0, buffer.position(), "the fetch's buffer is left as it was");
        assertNull(values.deserialize("unit.ENT_HEATING.inbox", new RecordHeaders(), buffer),
                "a work order is matched by key and headers: its value is not read");
        assertNull(values.deserialize(EndToEndFollower.TELEPHONY_DLQ_TOPIC, new RecordHeaders(), buffer));
        assertNull(values.deserialize(EndToEndFollower.INTAKE_TOPIC, new RecordHeaders(), (ByteBuffer) null),
                "a tombstone");
        assertArrayEquals(json, values.deserialize(EndToEndFollower.INTAKE_TOPIC, json));
        assertNull(values.deserialize("unit.ENT_HEATING.inbox", json));
    }
}
