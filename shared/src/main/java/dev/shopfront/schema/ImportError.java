package dev.shopfront.schema;

/**
 * Why one item of an import failed.
 *
 * @param index the item's position in the request's {@code items}, from 0
 * @param field the JSON property at fault, or null when the item as a whole is
 */
public record ImportError(int index, String field, String message) {}
