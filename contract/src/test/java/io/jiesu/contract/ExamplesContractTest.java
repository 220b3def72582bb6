package io.jiesu.contract;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiesu.contract.event.TelephonyCall;
import io.jiesu.contract.reference.ReferenceData;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/examples/telephony-call.json is exactly a jiesu.telephony.call.v1 record: no field the contract lacks. */
class ExamplesContractTest {
    @Test
    void theTelephonyCallExampleIsAStrictTelephonyCall() throws Exception {
        ObjectMapper strict = Json.configure(new ObjectMapper())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        Path file = Path.of(System.getProperty("jiesu.docs.dir", "../docs"), "examples", "telephony-call.json");
        TelephonyCall call = strict.readValue(Files.readString(file), TelephonyCall.class);
        assertNotNull(call.externalId());
        assertNotNull(call.receivedAt());
        ReferenceData data = ReferenceData.get();
        assertTrue(data.isStreetOfDistrict(call.location().streetCode(), call.location().districtCode()));
        assertTrue(data.category(call.categoryCode()).isPresent());
    }
}
