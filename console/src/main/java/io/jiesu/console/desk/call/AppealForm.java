package io.jiesu.console.desk.call;

import jakarta.ws.rs.core.MultivaluedMap;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The call-taker's appeal form as typed, and the body intake receives from it. */
public record AppealForm(String externalId, String type, String categoryCode, String urgency, String content,
        String districtCode, String streetCode, String communityCode, String community, String address, String name, String phone,
        boolean anonymous, boolean confidential, String knowledgeEntryId) {

    static AppealForm empty() {
        return new AppealForm(CallDeskResource.newExternalId(), "COMPLAINT", null, null, null, null, null, null, null,
                null, null, null, false, false, null);
    }

    static AppealForm from(MultivaluedMap<String, String> f) {
        String externalId = CallDeskResource.trim(f.getFirst("externalId"));
        return new AppealForm(externalId == null ? CallDeskResource.newExternalId() : externalId,
                CallDeskResource.trim(f.getFirst("type")), CallDeskResource.trim(f.getFirst("categoryCode")),
                CallDeskResource.trim(f.getFirst("urgency")), CallDeskResource.trim(f.getFirst("content")),
                CallDeskResource.trim(f.getFirst("districtCode")), CallDeskResource.trim(f.getFirst("streetCode")),
                CallDeskResource.trim(f.getFirst("communityCode")), CallDeskResource.trim(f.getFirst("community")), CallDeskResource.trim(f.getFirst("address")),
                CallDeskResource.trim(f.getFirst("name")), CallDeskResource.trim(f.getFirst("phone")),
                f.containsKey("anonymous"), f.containsKey("confidential"),
                CallDeskResource.trim(f.getFirst("knowledgeEntryId")));
    }

    /** The JSON body of {@code POST /api/v1/appeals}; intake checks every field. */
    Map<String, Object> toAppeal(Instant now) {
        Map<String, Object> citizen = new LinkedHashMap<>();
        citizen.put("name", anonymous ? null : name);
        citizen.put("phone", phone);
        citizen.put("anonymous", anonymous);
        citizen.put("confidential", confidential);
        Map<String, Object> location = new LinkedHashMap<>();
        location.put("districtCode", districtCode);
        location.put("streetCode", streetCode);
        location.put("communityCode", communityCode);
        location.put("community", community);
        location.put("address", address);
        Map<String, Object> appeal = new LinkedHashMap<>();
        appeal.put("externalId", externalId);
        appeal.put("channel", "PHONE");
        appeal.put("receivedAt", now.toString());
        appeal.put("citizen", citizen);
        appeal.put("type", type);
        appeal.put("categoryCode", categoryCode);
        appeal.put("urgency", urgency);
        appeal.put("location", location);
        appeal.put("content", content);
        if (knowledgeEntryId != null && "CONSULTATION".equals(type)) {
            appeal.put("knowledgeEntryId", knowledgeEntryId);
        }
        return appeal;
    }

    /** intake names fields by their JSON path ({@code location.streetCode}); the form by its input name. */
    static Map<String, String> fieldErrors(Map<String, String> serviceErrors) {
        Map<String, String> errors = new LinkedHashMap<>();
        serviceErrors.forEach((field, message) -> {
            String key = field == null ? "" : field.replaceFirst("^.*?\\.(?=[a-zA-Z]+$)", "");
            key = key.replaceFirst("^(accept|submitAppeal)\\.(arg\\d+|appeal)\\.", "");
            errors.merge(key.isEmpty() ? "form" : key, message, (a, b) -> a + "; " + b);
        });
        return errors;
    }
}
