package dev.shopfront.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Translates between HTTP and API Gateway HTTP API payload format 2.0, as AWS does. */
final class HttpApiEvents {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter.ofPattern(
                    "dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private HttpApiEvents() {}

    /** The event API Gateway would send for {@code request} on {@code route}. */
    static ObjectNode requestEvent(
            IncomingRequest request, String routeKey, Map<String, String> pathParameters, String requestId) {
        Instant now = Instant.now();
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        event.put("rawPath", request.rawPath());
        event.put("rawQueryString", request.rawQuery() == null ? "" : request.rawQuery());

        List<String> cookies = new ArrayList<>();
        ObjectNode headers = event.putObject("headers");
        request.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                // Payload 2.0 moves cookies out of the headers into their own list.
                for (String value : values) {
                    for (String cookie : value.split(";")) {
                        if (!cookie.isBlank()) {
                            cookies.add(cookie.strip());
                        }
                    }
                }
                return;
            }
            String joined = String.join(",", values);
            headers.put(lower, headers.has(lower) ? headers.get(lower).asText() + "," + joined : joined);
        });
        headers.put("x-forwarded-for", request.sourceIp());
        headers.put("x-forwarded-proto", "http");
        if (!cookies.isEmpty()) {
            ArrayNode list = event.putArray("cookies");
            cookies.forEach(list::add);
        }

        Map<String, String> query = queryParameters(request.rawQuery());
        if (!query.isEmpty()) {
            ObjectNode parameters = event.putObject("queryStringParameters");
            query.forEach(parameters::put);
        }
        if (!pathParameters.isEmpty()) {
            ObjectNode parameters = event.putObject("pathParameters");
            pathParameters.forEach(parameters::put);
        }

        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "000000000000");
        context.put("apiId", "local");
        String host = headers.path("host").asText("127.0.0.1");
        context.put("domainName", host);
        context.put("domainPrefix", host.contains(".") ? host.substring(0, host.indexOf('.')) : host);
        ObjectNode http = context.putObject("http");
        http.put("method", request.method());
        http.put("path", request.rawPath());
        http.put("protocol", request.protocol());
        http.put("sourceIp", request.sourceIp());
        http.put("userAgent", headers.path("user-agent").asText(""));
        context.put("requestId", requestId);
        context.put("routeKey", routeKey);
        context.put("stage", "$default");
        context.put("time", REQUEST_TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());

        byte[] body = request.body();
        if (body != null && body.length > 0) {
            // A body that is not UTF-8 cannot travel as a JSON string without being changed (a decoder
            // would put U+FFFD in place of each bad byte, so two different emails became one): it travels
            // base64-encoded, as API Gateway sends bodies it does not take for text, and the function's
            // JSON parser refuses it.
            if (isText(headers.path("content-type").asText(null)) && isUtf8(body)) {
                event.put("body", new String(body, StandardCharsets.UTF_8));
                event.put("isBase64Encoded", false);
            } else {
                event.put("body", Base64.getEncoder().encodeToString(body));
                event.put("isBase64Encoded", true);
            }
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    /** Shaped like API Gateway's own request ids: random bytes, base64, no padding. */
    static String newRequestId() {
        byte[] bytes = new byte[12];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * An HTTP response from the function's output, read as API Gateway reads payload 2.0 output: a
     * JSON object with a {@code statusCode} is a structured response; anything else is the body of a 200.
     */
    static OutgoingResponse response(byte[] output) {
        JsonNode node;
        try {
            node = output.length == 0 ? JSON.nullNode() : JSON.readTree(output);
        } catch (java.io.IOException notJson) {
            return new OutgoingResponse(
                    500,
                    Map.of("content-type", List.of("application/json")),
                    "{\"message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8));
        }
        if (node.isObject() && node.has("statusCode")) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            node.path("headers")
                    .properties()
                    .forEach(h -> headers.put(h.getKey(), List.of(h.getValue().asText())));
            node.path("multiValueHeaders").properties().forEach(h -> {
                List<String> values = new ArrayList<>();
                h.getValue().forEach(v -> values.add(v.asText()));
                headers.put(h.getKey(), values);
            });
            List<String> cookies = new ArrayList<>();
            node.path("cookies").forEach(c -> cookies.add(c.asText()));
            if (!cookies.isEmpty()) {
                headers.put("set-cookie", cookies);
            }
            JsonNode body = node.get("body");
            byte[] bytes = body == null || body.isNull()
                    ? new byte[0]
                    : node.path("isBase64Encoded").asBoolean(false)
                            ? Base64.getDecoder().decode(body.asText())
                            : body.asText().getBytes(StandardCharsets.UTF_8);
            return new OutgoingResponse(node.get("statusCode").asInt(), headers, bytes);
        }
        byte[] body = node.isTextual() ? node.asText().getBytes(StandardCharsets.UTF_8) : output;
        return new OutgoingResponse(200, Map.of("content-type", List.of("application/json")), body);
    }

    private static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            // Repeated parameters arrive comma-joined in payload 2.0.
            parameters.merge(name, value, (a, b) -> a + "," + b);
        }
        return parameters;
    }

    /**
     * A query component percent-decoded as {@link java.net.URLDecoder} does ({@code +} is a space), except
     * that a {@code %} not followed by two hex digits stays as written, where the JDK's decoder throws: a
     * client's malformed escape reaches the function, which refuses or ignores the parameter, and is
     * never a 500.
     */
    static String decode(String text) {
        if (text.indexOf('%') < 0 && text.indexOf('+') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '+') {
                bytes.write(' ');
                i++;
            } else if (c == '%'
                    && i + 2 < text.length()
                    && Character.digit(text.charAt(i + 1), 16) >= 0
                    && Character.digit(text.charAt(i + 2), 16) >= 0) {
                bytes.write(Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
                i += 3;
            } else {
                int end = i + Character.charCount(text.codePointAt(i));
                bytes.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException notUtf8) {
            return false;
        }
    }

    private static boolean isText(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/")
                || type.contains("json")
                || type.contains("xml")
                || type.startsWith("application/x-www-form-urlencoded")
                || type.startsWith("application/javascript");
    }
}
