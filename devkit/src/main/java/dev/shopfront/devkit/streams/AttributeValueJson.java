package dev.shopfront.devkit.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items between DynamoDB's JSON wire form ({@code {"id": {"S": "..."}}}, as requests and stream records
 * carry them) and the SDK's {@link AttributeValue}s, as the capture's own client reads them.
 */
public final class AttributeValueJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    private static final Base64.Decoder BASE64_DECODER = Base64.getDecoder();

    private AttributeValueJson() {}

    /** An item in DynamoDB JSON, attributes in the item's order. */
    public static ObjectNode toJson(Map<String, AttributeValue> item) {
        ObjectNode json = NODES.objectNode();
        item.forEach((name, value) -> json.set(name, toJson(value)));
        return json;
    }

    /** One value in DynamoDB JSON, such as {@code {"N": "42"}}. */
    public static ObjectNode toJson(AttributeValue value) {
        ObjectNode json = NODES.objectNode();
        switch (value.type()) {
            case S -> json.put("S", value.s());
            case N -> json.put("N", value.n());
            case B -> json.put("B", BASE64.encodeToString(value.b().asByteArray()));
            case SS -> json.set("SS", strings(value.ss()));
            case NS -> json.set("NS", strings(value.ns()));
            case BS -> {
                ArrayNode array = json.putArray("BS");
                value.bs().forEach(bytes -> array.add(BASE64.encodeToString(bytes.asByteArray())));
            }
            case M -> json.set("M", toJson(value.m()));
            case L -> {
                ArrayNode array = json.putArray("L");
                value.l().forEach(element -> array.add(toJson(element)));
            }
            case BOOL -> json.put("BOOL", value.bool());
            case NUL -> json.put("NULL", true);
            default -> throw new IllegalArgumentException("Unknown DynamoDB attribute type: " + value.type());
        }
        return json;
    }

    /** An item from DynamoDB JSON. */
    public static Map<String, AttributeValue> fromJson(JsonNode item) {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        item.properties().forEach(entry -> attributes.put(entry.getKey(), valueFromJson(entry.getValue())));
        return attributes;
    }

    /** One value from DynamoDB JSON. */
    public static AttributeValue valueFromJson(JsonNode value) {
        if (!value.isObject() || value.size() != 1) {
            throw new IllegalArgumentException("A DynamoDB JSON value has exactly one type key: " + value);
        }
        String type = value.fieldNames().next();
        JsonNode content = value.get(type);
        return switch (type) {
            case "S" -> AttributeValue.fromS(content.asText());
            case "N" -> AttributeValue.fromN(content.asText());
            case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(BASE64_DECODER.decode(content.asText())));
            case "SS" -> AttributeValue.fromSs(texts(content));
            case "NS" -> AttributeValue.fromNs(texts(content));
            case "BS" ->
                AttributeValue.fromBs(texts(content).stream()
                        .map(text -> SdkBytes.fromByteArray(BASE64_DECODER.decode(text)))
                        .toList());
            case "M" -> AttributeValue.fromM(fromJson(content));
            case "L" -> {
                List<AttributeValue> list = new ArrayList<>();
                content.forEach(element -> list.add(valueFromJson(element)));
                yield AttributeValue.fromL(list);
            }
            case "BOOL" -> AttributeValue.fromBool(content.asBoolean());
            case "NULL" -> AttributeValue.fromNul(true);
            default -> throw new IllegalArgumentException("Unknown DynamoDB attribute type: " + type);
        };
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }
}
