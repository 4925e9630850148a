package dev.shopfront.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
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
import java.util.stream.Collectors;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/** Turns a request body into a validated record, or a 400/413/415 that names what is wrong. */
public final class RequestBodies {
    /** The contract's limit on a request body, in bytes. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    static final String TOO_LONG = "is too long: a number has at most " + Json.MAX_NUMBER_LENGTH + " digits";

    // ParameterMessageInterpolator: no Expression Language to load, the fastest to start; our
    // messages use {min}/{max} parameters at most.
    private static final Validator VALIDATOR = Validation.byProvider(HibernateValidator.class)
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator(Set.of(Locale.ENGLISH), Locale.ENGLISH, false))
            .buildValidatorFactory()
            .getValidator();

    private RequestBodies() {
    }

    /**
     * @param contentType the request's Content-Type header, or null
     * @param body the body bytes, or null when the request has none
     */
    public static <T> T read(String contentType, byte[] body, Class<T> type) {
        if (body == null || body.length == 0) {
            throw new RequestRejectedException(ProblemType.INVALID_BODY, "A JSON object body is required");
        }
        if (!isJson(contentType)) {
            throw new RequestRejectedException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "The body must be sent as Content-Type: application/json");
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new RequestRejectedException(ProblemType.PAYLOAD_TOO_LARGE, "The body must be at most " + MAX_BODY_BYTES + " bytes");
        }
        T value = parse(body, type);
        validate(value);
        return value;
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

    private static <T> T parse(byte[] body, Class<T> type) {
        try (JsonParser parser = Json.MAPPER.createParser(body)) {
            try {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw new RequestRejectedException(ProblemType.INVALID_BODY, "The body must be a JSON object");
                }
                // Trailing content is checked here, not by the mapper, which would report it as a shape error.
                T value = Json.MAPPER.readerFor(type).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(parser);
                if (parser.nextToken() != null) {
                    throw new RequestRejectedException(ProblemType.MALFORMED_JSON, "The body must hold exactly one JSON value");
                }
                return value;
            } catch (StreamConstraintsException e) {
                // Raised by the parser while it reads a value (a number of more than Json.MAX_NUMBER_LENGTH digits),
                // before the mapper knows the property: the parser's position names it.
                String field = fieldAt(parser.getParsingContext());
                if (field.isEmpty()) {
                    throw new RequestRejectedException(ProblemType.INVALID_BODY, "The body holds a value too long to read");
                }
                throw new RequestRejectedException(ProblemType.VALIDATION, "The request body has invalid fields",
                        List.of(new FieldError(field, TOO_LONG)));
            }
        } catch (UnacceptableValueException e) {
            throw new RequestRejectedException(ProblemType.VALIDATION, "The request body has invalid fields",
                    List.of(new FieldError(fieldOf(e), e.reason())));
        } catch (UnrecognizedPropertyException e) {
            throw new RequestRejectedException(ProblemType.INVALID_BODY, "The body has a property this request does not take",
                    List.of(new FieldError(fieldOf(e), "is not a known property")));
        } catch (MismatchedInputException e) {
            String field = fieldOf(e);
            if (field.isEmpty()) {
                throw new RequestRejectedException(ProblemType.INVALID_BODY, "The body does not match this request's shape");
            }
            throw new RequestRejectedException(ProblemType.INVALID_BODY, "A property has the wrong JSON type",
                    List.of(new FieldError(field, "must be " + jsonTypeOf(e.getTargetType()))));
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof InputCoercionException && !fieldOf(e).isEmpty()) {
                // An integer beyond the Java type's range (a long of thirty digits): out of every range we take.
                throw new RequestRejectedException(ProblemType.VALIDATION, "The request body has invalid fields",
                        List.of(new FieldError(fieldOf(e), BoundedDecimalDeserializer.OUT_OF_RANGE)));
            }
            // A constructor or value failure while binding: report the field, never the library's message.
            throw new RequestRejectedException(ProblemType.INVALID_BODY, "The body does not match this request's shape",
                    fieldOf(e).isEmpty() ? List.of() : List.of(new FieldError(fieldOf(e), "has an invalid value")));
        } catch (JsonProcessingException e) {
            throw new RequestRejectedException(ProblemType.MALFORMED_JSON, "The body is not well-formed JSON");
        } catch (IOException e) {
            throw new RequestRejectedException(ProblemType.MALFORMED_JSON, "The body could not be read as JSON");
        }
    }

    private static <T> void validate(T value) {
        Set<ConstraintViolation<T>> violations = VALIDATOR.validate(value);
        if (violations.isEmpty()) {
            return;
        }
        // One entry per field, in a stable order; object-level rules become the detail.
        Map<String, String> byField = new LinkedHashMap<>();
        List<String> objectLevel = new ArrayList<>();
        violations.stream()
                .sorted(Comparator.comparing((ConstraintViolation<T> v) -> v.getPropertyPath().toString())
                        .thenComparing(ConstraintViolation::getMessage))
                .forEach(v -> {
                    String field = v.getPropertyPath().toString();
                    if (field.isEmpty()) {
                        objectLevel.add(v.getMessage());
                    } else {
                        byField.putIfAbsent(field, v.getMessage());
                    }
                });
        List<FieldError> errors = byField.entrySet().stream().map(e -> new FieldError(e.getKey(), e.getValue())).toList();
        String detail = objectLevel.isEmpty()
                ? "The request body has invalid fields"
                : objectLevel.stream().collect(Collectors.joining("; "));
        throw new RequestRejectedException(ProblemType.VALIDATION, detail, errors);
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
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String jsonTypeOf(Class<?> target) {
        if (target == null) {
            return "of another JSON type";
        }
        if (target == String.class) {
            return "a string";
        }
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class || target == BigInteger.class) {
            return "an integer";
        }
        if (target == BigDecimal.class || Number.class.isAssignableFrom(target) || target == double.class) {
            return "a number";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "a boolean";
        }
        return "an object";
    }
}
