package io.jiesu.intake.open311;

import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An {@code application/x-www-form-urlencoded} body decoded by the charset its Content-Type declares (UTF-8 when it
 * declares none): a city's app may send {@code charset=GBK}, and JAX-RS' form reading would take it as UTF-8.
 */
final class FormBody {
    private final Map<String, String> fields;

    private FormBody(Map<String, String> fields) {
        this.fields = fields;
    }

    /** The first value of each field. @throws IllegalArgumentException for an unknown charset */
    static FormBody parse(byte[] body, String contentType) {
        Charset charset = charsetOf(contentType);
        String text = new String(body == null ? new byte[0] : body, charset);
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), charset);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), charset);
            fields.putIfAbsent(name, value);
        }
        return new FormBody(fields);
    }

    /** True when {@code contentType} names a form body (whatever its parameters). */
    static boolean isForm(String contentType) {
        return contentType != null && contentType.split(";")[0].trim()
                .equalsIgnoreCase("application/x-www-form-urlencoded");
    }

    /** The first value of the field, as JAX-RS' MultivaluedMap#getFirst names it; null when absent. */
    String getFirst(String name) {
        return fields.get(name);
    }

    private static Charset charsetOf(String contentType) {
        if (contentType != null) {
            for (String param : contentType.split(";")) {
                String[] kv = param.trim().split("=", 2);
                if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("charset")) {
                    String name = kv[1].trim().replace("\"", "");
                    try {
                        return Charset.forName(name);
                    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                        throw new IllegalArgumentException("unknown charset " + name, e);
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }
}
