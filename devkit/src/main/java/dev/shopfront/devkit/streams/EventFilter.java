package dev.shopfront.devkit.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An event source's {@code FilterCriteria}, applied to records as Lambda's event filtering applies it:
 * a record is delivered when any filter's pattern matches it. Supported in patterns: nested keys, arrays
 * of exact values (strings, numbers, booleans, null), and the operators {@code prefix}, {@code suffix},
 * {@code equals-ignore-case}, {@code exists}, {@code anything-but} and {@code numeric}. Anything else is
 * refused when the filter is read, never silently matched.
 */
public final class EventFilter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventFilter EVERYTHING = new EventFilter(List.of());

    private final List<JsonNode> patterns;

    private EventFilter(List<JsonNode> patterns) {
        this.patterns = patterns;
    }

    /** No filter: every record is delivered. */
    public static EventFilter matchingAll() {
        return EVERYTHING;
    }

    /**
     * The filter of an event's {@code FilterCriteria} ({@code {"Filters": [{"Pattern": "<json>"}]}});
     * a missing or empty one matches everything.
     *
     * @throws IllegalArgumentException for a pattern that is not JSON, or uses an operator not supported here
     */
    public static EventFilter of(JsonNode filterCriteria) {
        if (filterCriteria == null || filterCriteria.isMissingNode() || filterCriteria.isNull()) {
            return EVERYTHING;
        }
        List<JsonNode> patterns = new ArrayList<>();
        for (JsonNode filter : filterCriteria.path("Filters")) {
            JsonNode pattern = filter.path("Pattern");
            try {
                JsonNode parsed = pattern.isTextual() ? JSON.readTree(pattern.asText()) : pattern;
                if (!parsed.isObject()) {
                    throw new IllegalArgumentException("A filter pattern is a JSON object: " + pattern);
                }
                validate(parsed, "");
                patterns.add(parsed);
            } catch (IOException notJson) {
                throw new IllegalArgumentException("A filter pattern is not JSON: " + pattern, notJson);
            }
        }
        return new EventFilter(List.copyOf(patterns));
    }

    /** Whether {@code record} (a stream record in its wire form) passes the filter. */
    public boolean matches(JsonNode record) {
        return patterns.isEmpty() || patterns.stream().anyMatch(pattern -> matchesObject(pattern, record));
    }

    @Override
    public String toString() {
        return patterns.isEmpty() ? "EventFilter[everything]" : "EventFilter" + patterns;
    }

    // ------------------------------------------------------------------ matching

    private static boolean matchesObject(JsonNode pattern, JsonNode value) {
        for (Map.Entry<String, JsonNode> field : pattern.properties()) {
            JsonNode nested = value == null || !value.isObject() ? null : value.get(field.getKey());
            boolean matched = field.getValue().isObject()
                    ? matchesObject(field.getValue(), nested)
                    : matchesAnyOf(field.getValue(), nested);
            if (!matched) {
                return false;
            }
        }
        return true;
    }

    /** A leaf: the value (or, for an array value, any of its elements) matches any of the matchers. */
    private static boolean matchesAnyOf(JsonNode matchers, JsonNode value) {
        for (JsonNode matcher : matchers) {
            if (matcher.isObject() && matcher.has("exists")) {
                if (matcher.get("exists").asBoolean() == (value != null)) {
                    return true;
                }
                continue;
            }
            if (value == null) {
                continue;
            }
            if (value.isArray()) {
                for (JsonNode element : value) {
                    if (matchesOne(matcher, element)) {
                        return true;
                    }
                }
            } else if (matchesOne(matcher, value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesOne(JsonNode matcher, JsonNode value) {
        if (!matcher.isObject()) {
            return equal(matcher, value);
        }
        Map.Entry<String, JsonNode> operator = matcher.properties().iterator().next();
        JsonNode operand = operator.getValue();
        return switch (operator.getKey()) {
            case "prefix" -> value.isTextual() && value.asText().startsWith(operand.asText());
            case "suffix" -> value.isTextual() && value.asText().endsWith(operand.asText());
            case "equals-ignore-case" ->
                value.isTextual()
                        && value.asText()
                                .toLowerCase(Locale.ROOT)
                                .equals(operand.asText().toLowerCase(Locale.ROOT));
            case "anything-but" -> {
                if (operand.isArray()) {
                    for (JsonNode excluded : operand) {
                        if (equal(excluded, value)) {
                            yield false;
                        }
                    }
                    yield true;
                }
                yield !equal(operand, value);
            }
            case "numeric" -> value.isNumber() && numeric(operand, value.decimalValue());
            default -> throw new IllegalStateException("unreachable: validated " + operator.getKey());
        };
    }

    private static boolean equal(JsonNode expected, JsonNode value) {
        if (expected.isNumber() && value.isNumber()) {
            return expected.decimalValue().compareTo(value.decimalValue()) == 0;
        }
        return expected.equals(value);
    }

    private static boolean numeric(JsonNode conditions, BigDecimal value) {
        for (int i = 0; i + 1 < conditions.size(); i += 2) {
            int comparison = value.compareTo(conditions.get(i + 1).decimalValue());
            boolean holds = switch (conditions.get(i).asText()) {
                case "=" -> comparison == 0;
                case "<" -> comparison < 0;
                case "<=" -> comparison <= 0;
                case ">" -> comparison > 0;
                case ">=" -> comparison >= 0;
                default -> throw new IllegalStateException("unreachable: validated " + conditions.get(i));
            };
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ reading

    private static void validate(JsonNode pattern, String path) {
        for (Map.Entry<String, JsonNode> field : pattern.properties()) {
            String where = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                validate(value, where);
            } else if (value.isArray()) {
                value.forEach(matcher -> validateMatcher(matcher, where));
            } else {
                throw new IllegalArgumentException(
                        "Filter pattern " + where + ": a leaf is an array of matchers, was " + value);
            }
        }
    }

    private static void validateMatcher(JsonNode matcher, String where) {
        if (!matcher.isObject()) {
            return; // an exact value
        }
        if (matcher.size() != 1) {
            throw new IllegalArgumentException(
                    "Filter pattern " + where + ": one operator per matcher, was " + matcher);
        }
        String operator = matcher.fieldNames().next();
        JsonNode operand = matcher.get(operator);
        boolean valid = switch (operator) {
            case "prefix", "suffix", "equals-ignore-case" -> operand.isTextual();
            case "exists" -> operand.isBoolean();
            case "anything-but" -> operand.isValueNode() || operand.isArray() && allValues(operand);
            case "numeric" -> numericConditions(operand);
            default ->
                throw new IllegalArgumentException("Filter pattern " + where + ": operator " + operator
                        + " is not supported by the local event source (supported: prefix, suffix, equals-ignore-case,"
                        + " exists, anything-but, numeric)");
        };
        if (!valid) {
            throw new IllegalArgumentException(
                    "Filter pattern " + where + ": bad operand for " + operator + ": " + operand);
        }
    }

    private static boolean allValues(JsonNode array) {
        for (JsonNode element : array) {
            if (!element.isValueNode()) {
                return false;
            }
        }
        return true;
    }

    private static boolean numericConditions(JsonNode operand) {
        if (!operand.isArray() || operand.isEmpty() || operand.size() % 2 != 0) {
            return false;
        }
        for (int i = 0; i < operand.size(); i += 2) {
            if (!List.of("=", "<", "<=", ">", ">=").contains(operand.get(i).asText())
                    || !operand.get(i + 1).isNumber()) {
                return false;
            }
        }
        return true;
    }
}
