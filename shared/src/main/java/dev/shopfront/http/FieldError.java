package dev.shopfront.http;

/** One failed field of a request body; {@code field} is the JSON property name. */
public record FieldError(String field, String message) {}
