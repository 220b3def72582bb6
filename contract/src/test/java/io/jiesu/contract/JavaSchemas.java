package io.jiesu.contract;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schema a Java event record stands for under {@link Json}'s settings — the yardstick the AsyncAPI
 * document is held against. Records become objects, enums closed string lists, Instant date-time strings.
 */
final class JavaSchemas {
    private JavaSchemas() {
    }

    static Map<String, Object> of(Type type) {
        Map<String, Object> schema = new LinkedHashMap<>();
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            if (List.class.isAssignableFrom(raw)) {
                schema.put("type", "array");
                schema.put("items", of(p.getActualTypeArguments()[0]));
            } else if (Map.class.isAssignableFrom(raw)) {
                schema.put("type", "object");
                schema.put("additionalProperties", of(p.getActualTypeArguments()[1]));
            } else {
                throw new IllegalArgumentException("unsupported generic type " + type);
            }
            return schema;
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            schema.put("type", "string");
        } else if (c == Instant.class) {
            schema.put("type", "string");
            schema.put("format", "date-time");
        } else if (c == LocalDate.class) {
            schema.put("type", "string");
            schema.put("format", "date");
        } else if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
            schema.put("type", "integer");
        } else if (c == double.class || c == Double.class) {
            schema.put("type", "number");
        } else if (c == boolean.class || c == Boolean.class) {
            schema.put("type", "boolean");
        } else if (c.isEnum()) {
            schema.put("type", "string");
            schema.put("enum", Arrays.stream(c.getEnumConstants()).map(Object::toString).toList());
        } else if (c.isRecord()) {
            schema.put("type", "object");
            Map<String, Object> properties = new LinkedHashMap<>();
            for (RecordComponent rc : c.getRecordComponents()) {
                properties.put(rc.getName(), of(rc.getGenericType()));
            }
            schema.put("properties", properties);
        } else {
            throw new IllegalArgumentException("unsupported type " + c);
        }
        return schema;
    }
}
