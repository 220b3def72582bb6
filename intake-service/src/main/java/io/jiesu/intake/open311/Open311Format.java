package io.jiesu.intake.open311;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiesu.contract.Json;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/**
 * The two representations GeoReport v2 requires: JSON, and XML whose elements are named after the JSON keys (a
 * list under {@code services} holds {@code <service>} elements, and so on).
 */
enum Open311Format {
    JSON("application/json; charset=UTF-8"), XML("text/xml; charset=UTF-8");

    /**
     * The contract's mapper, but printing nulls: the spec lists every field of a request, service and attribute, and
     * clients read a missing one as a malformed answer ({@code "address": null}, not no {@code address}).
     */
    private static final ObjectMapper MAPPER = Json.mapper().copy().setSerializationInclusion(JsonInclude.Include.ALWAYS);

    final String mediaType;

    Open311Format(String mediaType) {
        this.mediaType = mediaType;
    }

    static Open311Format of(String extension) {
        return switch (extension) {
            case "json" -> JSON;
            case "xml" -> XML;
            default -> null;
        };
    }

    /**
     * @param root the XML root element (e.g. {@code services}); ignored for JSON
     * @param item the XML element of each list item (e.g. {@code service}); ignored for JSON
     */
    Response render(int status, String root, String item, Object body) {
        String entity;
        if (this == JSON) {
            try {
                entity = MAPPER.writeValueAsString(body);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
            if (body instanceof List<?> list) {
                xml.append('<').append(root).append('>');
                for (Object o : list) {
                    element(xml, item, o);
                }
                xml.append("</").append(root).append('>');
            } else {
                element(xml, root, body);
            }
            entity = xml.toString();
        }
        return Response.status(status).entity(entity).type(mediaType).build();
    }

    Response errors(int status, String description) {
        return render(status, "errors", "error", List.of(Map.of("code", status, "description", description)));
    }

    private static void element(StringBuilder xml, String name, Object value) {
        if (value == null) {
            xml.append('<').append(name).append("/>");
            return;
        }
        xml.append('<').append(name).append('>');
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> element(xml, (String) k, v));
        } else if (value instanceof List<?> list) {
            String itemName = name.endsWith("s") ? name.substring(0, name.length() - 1) : name + "_item";
            list.forEach(v -> element(xml, itemName, v));
        } else {
            escape(xml, value.toString());
        }
        xml.append("</").append(name).append('>');
    }

    private static void escape(StringBuilder xml, String text) {
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> xml.append("&lt;");
                case '>' -> xml.append("&gt;");
                case '&' -> xml.append("&amp;");
                case '"' -> xml.append("&quot;");
                case '\'' -> xml.append("&apos;");
                default -> xml.append(c);
            }
        }
    }
}
