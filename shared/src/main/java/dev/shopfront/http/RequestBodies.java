package dev.shopfront.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shopfront.schema.AtLeastOneField;
import dev.shopfront.schema.ItemList;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/** Turns a request body into a validated record, or a 400/413/415 that names what is wrong. */
public final class RequestBodies {
    /** The contract's limit on a request body, in bytes. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    static final String TOO_LONG = tooLong(Json.MAX_NUMBER_LENGTH);

    static final String UNKNOWN = "is not a known property";

    private static final int MAX_NESTING_DEPTH =
            Json.MAPPER.getFactory().streamReadConstraints().getMaxNestingDepth();
    // ParameterMessageInterpolator: no Expression Language to load, the fastest to start; our
    // messages use {min}/{max} parameters at most.
    private static final Validator VALIDATOR = Validation.byProvider(HibernateValidator.class)
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator(Set.of(Locale.ENGLISH), Locale.ENGLISH, false))
            .buildValidatorFactory()
            .getValidator();

    private RequestBodies() {}

    /**
     * The body as a validated {@code type}, within the contract's usual 64 KiB.
     *
     * @param contentType the request's Content-Type header, or null
     * @param body the body bytes, or null when the request has none
     */
    public static <T> T read(String contentType, byte[] body, Class<T> type) {
        return read(contentType, body, type, MAX_BODY_BYTES);
    }

    /**
     * The body as a validated {@code type}, for a route whose body limit is not the usual one.
     *
     * @param maxBytes the largest body this route takes; a larger one is 413
     */
    public static <T> T read(String contentType, byte[] body, Class<T> type, int maxBytes) {
        if (body == null || body.length == 0) {
            throw new RequestRejectedException(ProblemType.INVALID_BODY, "A JSON object body is required");
        }
        requireJson(contentType);
        if (body.length > maxBytes) {
            throw new RequestRejectedException(
                    ProblemType.PAYLOAD_TOO_LARGE, "The body must be at most " + maxBytes + " bytes");
        }
        requireUtf8(body);
        T value = parse(body, type);
        List<FieldError> objectLevel = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>(violations(value, objectLevel));
        if (!errors.isEmpty() || !objectLevel.isEmpty()) {
            String detail = objectLevel.isEmpty()
                    ? "The request body has invalid fields"
                    : objectLevel.stream()
                            .filter(error -> error.field() == null)
                            .map(FieldError::message)
                            .collect(Collectors.joining("; "));
            objectLevel.stream().filter(error -> error.field() != null).forEach(errors::add);
            throw new RequestRejectedException(ProblemType.VALIDATION, detail, errors);
        }
        return value;
    }

    /**
     * One JSON value bound to {@code type} and validated exactly as a body of that type is, with what
     * is wrong returned instead of thrown: an unknown property, a wrong JSON type or an invalid value
     * each name the property; a value that is not an object is one entry without a field.
     */
    public static <T> Binding<T> bind(JsonNode json, Class<T> type) {
        if (json == null || !json.isObject()) {
            return Binding.invalid(List.of(new FieldError(null, "must be a JSON object")));
        }
        List<FieldError> tooLong = numbersTooLong((ObjectNode) json);
        if (!tooLong.isEmpty()) {
            return Binding.invalid(tooLong); // as a body holding them is refused: those fields alone
        }
        T value;
        try {
            value = Json.MAPPER.readerFor(type).readValue(json);
        } catch (JsonProcessingException e) {
            RequestRejectedException rejected = everyFailedField((ObjectNode) json, type, rejected(e));
            return Binding.invalid(
                    rejected.errors().isEmpty()
                            ? List.of(new FieldError(null, "does not match the expected shape"))
                            : rejected.errors());
        } catch (IOException e) {
            return Binding.invalid(List.of(new FieldError(null, "could not be read")));
        }
        List<FieldError> objectLevel = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>(violations(value, objectLevel));
        List<FieldError> ofFields =
                objectLevel.stream().filter(error -> error.field() != null).toList();
        errors.addAll(ofFields.isEmpty() ? objectLevel : ofFields);
        return errors.isEmpty() ? new Binding<>(value, List.of()) : Binding.invalid(errors);
    }

    /**
     * The properties of {@code object} holding a number of more than {@link Json#MAX_NUMBER_LENGTH} digits, which a
     * list of items was read with (its parser takes up to {@link Json#MAX_LISTED_NUMBER_LENGTH}), with the message a
     * body holding one gets. Digits are counted without the exponent, which the binding bounds on its own.
     */
    private static List<FieldError> numbersTooLong(ObjectNode object) {
        List<FieldError> tooLong = new ArrayList<>();
        for (Map.Entry<String, JsonNode> property : object.properties()) {
            JsonNode value = property.getValue();
            if (value.isNumber() && digits(value) > Json.MAX_NUMBER_LENGTH) {
                tooLong.add(new FieldError(property.getKey(), TOO_LONG));
            }
        }
        return tooLong;
    }

    private static int digits(JsonNode number) {
        if (number.isBigInteger()) {
            return number.bigIntegerValue().abs().toString().length();
        }
        return number.isBigDecimal() ? number.decimalValue().precision() : 0; // an int, long or double is short
    }

    /**
     * A value bound by {@link #bind}: the valid record, or the failures (never both).
     *
     * @param value the record, or null when it is not valid
     * @param errors one entry per failed field ({@code field} null for the value as a whole)
     */
    public record Binding<T>(T value, List<FieldError> errors) {
        public Binding {
            errors = List.copyOf(errors);
            if ((value == null) == errors.isEmpty()) {
                throw new IllegalArgumentException("A binding is either a value or errors");
            }
        }

        static <T> Binding<T> invalid(List<FieldError> errors) {
            return new Binding<>(null, errors);
        }

        public boolean valid() {
            return value != null;
        }
    }

    /** Refuses with 415 a body whose content type is not {@code application/json}. */
    static void requireJson(String contentType) {
        if (!isJson(contentType)) {
            throw new RequestRejectedException(
                    ProblemType.UNSUPPORTED_MEDIA_TYPE, "The body must be sent as Content-Type: application/json");
        }
    }

    /**
     * Refuses a body in UTF-16 or UTF-32, which the parser would otherwise detect and read (API.md: bodies are
     * UTF-8). Their byte order marks begin with 0xFE or 0xFF, bytes UTF-8 never uses, and every JSON text begins
     * with an ASCII character, which either encoding writes with a zero byte; UTF-8 JSON holds no zero byte (a
     * control character must be escaped). UTF-8's own byte order mark is taken, as RFC 8259 allows.
     */
    static void requireUtf8(byte[] body) {
        boolean wideBom = (body[0] & 0xFF) >= 0xFE;
        if (wideBom || holdsZero(body)) {
            throw new RequestRejectedException(ProblemType.MALFORMED_JSON, "The body must be JSON in UTF-8");
        }
    }

    private static boolean holdsZero(byte[] body) {
        for (byte b : body) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }

    /** True for {@code application/json}, with or without parameters such as charset. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return mediaType.equalsIgnoreCase("application/json");
    }

    private static String tooLong(int digits) {
        return "is too long: a number has at most " + digits + " digits";
    }

    private static <T> T parse(byte[] body, Class<T> type) {
        return parse(body, type, ItemList.class.isAssignableFrom(type));
    }

    /** @param itemList whether the body is a list of items ({@link ItemList}), read with their bound on numbers */
    private static <T> T parse(byte[] body, Class<T> type, boolean itemList) {
        try (JsonParser parser = (itemList ? Json.ITEM_LISTS : Json.MAPPER.getFactory()).createParser(body)) {
            try {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw new RequestRejectedException(ProblemType.INVALID_BODY, "The body must be a JSON object");
                }
                // Trailing content is checked here, not by the mapper, which would report it as a shape error.
                ObjectReader reader =
                        Json.MAPPER.readerFor(type).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
                // An item that names a property twice fails alone: ImportItemDeserializer.
                T value = (itemList ? reader.with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY) : reader)
                        .readValue(parser);
                if (parser.nextToken() != null) {
                    throw new RequestRejectedException(
                            ProblemType.MALFORMED_JSON, "The body must hold exactly one JSON value");
                }
                return value;
            } catch (JsonMappingException e) {
                // The mapper wraps the parser's refusal of a value nested too deeply (an import's items are
                // read as trees) and names the item it was in: the document, not that item, is what was refused.
                if (tooDeep(parser)) {
                    throw tooDeep();
                }
                throw e;
            } catch (StreamConstraintsException e) {
                if (tooDeep(parser)) {
                    throw tooDeep();
                }
                // A number of more than Json.MAX_NUMBER_LENGTH digits (MAX_LISTED_NUMBER_LENGTH in a list of items).
                throw refusedAt(
                        parser,
                        itemList ? tooLong(Json.MAX_LISTED_NUMBER_LENGTH) : TOO_LONG,
                        "The body holds a value too long to read");
            } catch (NumberFormatException e) {
                // A number whose exponent no BigDecimal holds (1e-2147483648): valid JSON, refused as a value, not as a
                // JSON error. Out of every range we take, like any number beyond one.
                throw refusedAt(
                        parser, BoundedDecimalDeserializer.OUT_OF_RANGE, "The body holds a number out of range");
            }
        } catch (JsonMappingException e) {
            RequestRejectedException first = rejected(e);
            if (first.errors().isEmpty() || type == ObjectNode.class) {
                throw first;
            }
            // The body is read again as a tree, which also finds what is wrong after the first failure
            // (malformed JSON, a duplicate key) before any field is reported.
            throw everyFailedField(parse(body, ObjectNode.class, itemList), type, first);
        } catch (JsonProcessingException e) {
            throw rejected(e);
        } catch (IOException e) {
            throw new RequestRejectedException(ProblemType.MALFORMED_JSON, "The body could not be read as JSON");
        }
    }

    /**
     * Every failed field of {@code object}, which did not bind to {@code type} as a whole; {@code first}
     * is what the mapper said, which stops at the first property it cannot bind. The contract asks for
     * one entry per failed field, so each property is bound on its own, and the properties that bind
     * are then validated together as a body is (a property that failed to bind is not also reported
     * missing, nor is the object's own rule, such as "at least one field", which such a property
     * would satisfy). This runs only for a body that is refused anyway.
     */
    private static RequestRejectedException everyFailedField(
            ObjectNode object, Class<?> type, RequestRejectedException first) {
        ObjectReader reader = Json.MAPPER.readerFor(type);
        ObjectNode bindable = object.objectNode();
        Map<String, FieldError> failed = new TreeMap<>();
        boolean wrongShape = false;
        for (Map.Entry<String, JsonNode> property : object.properties()) {
            try {
                ObjectNode alone = object.objectNode();
                alone.set(property.getKey(), property.getValue());
                reader.readValue(alone);
                bindable.set(property.getKey(), property.getValue());
            } catch (UnrecognizedPropertyException e) {
                // Each by name, as API.md asks; an import's list of them is bounded by its error budget.
                failed.putIfAbsent(property.getKey(), new FieldError(property.getKey(), UNKNOWN));
                wrongShape = true;
            } catch (IOException e) {
                RequestRejectedException alone =
                        e instanceof JsonProcessingException processing ? rejected(processing) : first;
                if (alone.errors().isEmpty()) {
                    // A failure that names no property (the record's constructor refused the value):
                    // the first answer is the most precise there is.
                    return first;
                }
                wrongShape |= alone.kind() != ProblemType.VALIDATION;
                alone.errors().forEach(error -> failed.putIfAbsent(error.field(), error));
            }
        }
        Object rest;
        try {
            rest = reader.readValue(bindable);
        } catch (IOException e) {
            return first;
        }
        for (FieldError violation : violations(rest, new ArrayList<>())) {
            failed.putIfAbsent(violation.field(), violation);
        }
        if (failed.isEmpty() || List.copyOf(failed.values()).equals(first.errors())) {
            return first;
        }
        // A property of the wrong type or unknown makes the body's shape wrong, whatever else is.
        return new RequestRejectedException(
                wrongShape ? ProblemType.INVALID_BODY : ProblemType.VALIDATION,
                "The request body has invalid fields",
                List.copyOf(failed.values()));
    }

    /**
     * A value the parser refused as it read it, before the mapper knew the property: the parser's position
     * names the field ({@code reason} its message), or the body as a whole when it is at the root.
     */
    private static RequestRejectedException refusedAt(JsonParser parser, String reason, String bodyDetail) {
        String field = fieldAt(parser.getParsingContext());
        if (field.isEmpty()) {
            return new RequestRejectedException(ProblemType.INVALID_BODY, bodyDetail);
        }
        return new RequestRejectedException(
                ProblemType.VALIDATION, "The request body has invalid fields", List.of(new FieldError(field, reason)));
    }

    /** Whether the parser stopped at the deepest nesting it reads ({@code StreamReadConstraints}, 1000 levels). */
    private static boolean tooDeep(JsonParser parser) {
        return parser.getParsingContext().getNestingDepth() >= MAX_NESTING_DEPTH;
    }

    private static RequestRejectedException tooDeep() {
        return new RequestRejectedException(
                ProblemType.INVALID_BODY,
                "The body nests arrays or objects more than " + MAX_NESTING_DEPTH + " levels deep");
    }

    /** What a binding failure means for the client, naming the field and never repeating the library's message. */
    private static RequestRejectedException rejected(JsonProcessingException e) {
        if (e instanceof UnacceptableValueException unacceptable) {
            return new RequestRejectedException(
                    ProblemType.VALIDATION,
                    "The request body has invalid fields",
                    List.of(new FieldError(fieldOf(unacceptable), unacceptable.reason())));
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return new RequestRejectedException(
                    ProblemType.INVALID_BODY,
                    "The body has a property this request does not take",
                    List.of(new FieldError(fieldOf(unknown), UNKNOWN)));
        }
        if (e instanceof MismatchedInputException mismatch) {
            String field = fieldOf(mismatch);
            if (field.isEmpty()) {
                return new RequestRejectedException(
                        ProblemType.INVALID_BODY, "The body does not match this request's shape");
            }
            return new RequestRejectedException(
                    ProblemType.INVALID_BODY,
                    "A property has the wrong JSON type",
                    List.of(new FieldError(field, "must be " + jsonTypeOf(mismatch.getTargetType()))));
        }
        if (e instanceof JsonMappingException mapping) {
            if (mapping.getCause() instanceof InputCoercionException
                    && !fieldOf(mapping).isEmpty()) {
                // An integer beyond the Java type's range (a long of thirty digits): out of every range we take.
                return new RequestRejectedException(
                        ProblemType.VALIDATION,
                        "The request body has invalid fields",
                        List.of(new FieldError(fieldOf(mapping), BoundedDecimalDeserializer.OUT_OF_RANGE)));
            }
            // A constructor or value failure while binding: report the field, never the library's message.
            return new RequestRejectedException(
                    ProblemType.INVALID_BODY,
                    "The body does not match this request's shape",
                    fieldOf(mapping).isEmpty()
                            ? List.of()
                            : List.of(new FieldError(fieldOf(mapping), "has an invalid value")));
        }
        return new RequestRejectedException(ProblemType.MALFORMED_JSON, "The body is not well-formed JSON");
    }

    /**
     * The failed fields of {@code value}, one entry per field in a stable order; failures of the object
     * as a whole go to {@code objectLevel}: once without a field, and for an {@link AtLeastOneField} rule
     * once more for each field it names.
     */
    private static <T> List<FieldError> violations(T value, List<FieldError> objectLevel) {
        Set<ConstraintViolation<T>> violations = VALIDATOR.validate(value);
        if (violations.isEmpty()) {
            return List.of();
        }
        Map<String, String> byField = new LinkedHashMap<>();
        violations.stream()
                .sorted(Comparator.comparing((ConstraintViolation<T> v) ->
                                v.getPropertyPath().toString())
                        .thenComparing(ConstraintViolation::getMessage))
                .forEach(v -> {
                    String field = v.getPropertyPath().toString();
                    if (field.isEmpty()) {
                        objectLevel.add(new FieldError(null, v.getMessage()));
                        if (v.getConstraintDescriptor().getAnnotation() instanceof AtLeastOneField rule) {
                            for (String named : rule.fields()) {
                                objectLevel.add(new FieldError(named, v.getMessage()));
                            }
                        }
                    } else {
                        byField.putIfAbsent(field, v.getMessage());
                    }
                });
        return byField.entrySet().stream()
                .map(e -> new FieldError(e.getKey(), e.getValue()))
                .toList();
    }

    /** The property path of the parser's position, in the form {@link #fieldOf} gives. */
    private static String fieldAt(JsonStreamContext position) {
        Deque<String> names = new ArrayDeque<>();
        for (JsonStreamContext at = position; at != null && !at.inRoot(); at = at.getParent()) {
            if (at.inArray()) {
                names.addFirst("[" + Math.max(0, at.getCurrentIndex()) + "]");
            } else if (at.getCurrentName() != null) {
                names.addFirst(at.getCurrentName());
            }
        }
        return String.join(".", names);
    }

    private static String fieldOf(JsonMappingException e) {
        return e.getPath().stream()
                .map(reference ->
                        reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String jsonTypeOf(Class<?> target) {
        if (target == null) {
            return "of another JSON type";
        }
        if (target == String.class) {
            return "a string";
        }
        if (target == Integer.class
                || target == int.class
                || target == Long.class
                || target == long.class
                || target == BigInteger.class) {
            return "an integer";
        }
        if (target == BigDecimal.class || Number.class.isAssignableFrom(target) || target == double.class) {
            return "a number";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "a boolean";
        }
        if (java.util.Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
