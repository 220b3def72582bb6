package io.jiesu.contract;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jiesu.contract.event.CaseReceived;
import io.jiesu.contract.event.TelephonyCall;
import io.jiesu.contract.reference.ReferenceData;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/examples/telephony-call.json is exactly a jiesu.telephony.call.v1 record: no field the contract lacks; the
 * case.received example of docs/asyncapi.yaml is exactly a {@link CaseReceived}, and an event written before
 * {@code locationToConfirm} existed still reads (as a known location).
 */
class ExamplesContractTest {
    private static final ObjectMapper STRICT = Json.configure(new ObjectMapper())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    @SuppressWarnings("unchecked")
    void theCaseReceivedExampleIsAStrictCaseReceivedWithItsLocationToConfirm() throws Exception {
        Path file = Path.of(System.getProperty("jiesu.docs.dir", "../docs"), "asyncapi.yaml");
        Map<String, Object> doc = new ObjectMapper(new YAMLFactory()).readValue(Files.readString(file), Map.class);
        Map<String, Object> message = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                doc.get("components")).get("messages")).get(EventCatalog.CASE_RECEIVED.type());
        List<Map<String, Object>> examples = (List<Map<String, Object>>) message.get("examples");
        assertNotNull(examples, "docs/asyncapi.yaml: jiesu.case.received.v1 has an example");
        for (Map<String, Object> example : examples) {
            CaseReceived r = STRICT.convertValue(example.get("payload"), CaseReceived.class);
            assertTrue(r.locationNeedsConfirming(), "the example shows a location to confirm");
            assertNull(r.location().streetCode(), "a location to confirm has no street/town code");
            assertNotNull(r.location().latitude());
        }
    }

    @Test
    void aCaseReceivedWrittenBeforeLocationToConfirmReadsAsAKnownLocation() throws Exception {
        String older = """
                {"caseId":"C202611250000042","externalId":"CTI-1","channel":"PHONE","receivedAt":"2026-11-25T01:30:12Z",
                 "type":"COMPLAINT","categoryCode":"HEATING","categorySource":"GIVEN","urgency":"URGENT",
                 "urgencySource":"GIVEN","citizen":{"anonymous":true,"confidential":false},
                 "location":{"districtCode":"110101","streetCode":"110101001"},"content":"暖气不热","attachments":[]}""";
        CaseReceived r = STRICT.readValue(older, CaseReceived.class);
        assertNull(r.locationToConfirm());
        assertFalse(r.locationNeedsConfirming());
        assertEquals("110101001", r.location().streetCode());
        String written = Json.mapper().writeValueAsString(r);
        assertFalse(written.contains("locationNeedsConfirming"), "the helper is no property: " + written);
    }

    @Test
    void theTelephonyCallExampleIsAStrictTelephonyCall() throws Exception {
        ObjectMapper strict = STRICT;
        Path file = Path.of(System.getProperty("jiesu.docs.dir", "../docs"), "examples", "telephony-call.json");
        TelephonyCall call = strict.readValue(Files.readString(file), TelephonyCall.class);
        assertNotNull(call.externalId());
        assertNotNull(call.receivedAt());
        ReferenceData data = ReferenceData.get();
        assertTrue(data.isStreetOfDistrict(call.location().streetCode(), call.location().districtCode()));
        assertTrue(data.category(call.categoryCode()).isPresent());
    }
}
