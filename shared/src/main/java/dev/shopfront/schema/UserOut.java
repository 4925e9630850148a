package dev.shopfront.schema;

/** A user as the API returns it: never a password, hash or salt. Timestamps are ISO-8601 UTC with milliseconds. */
public record UserOut(String id, String email, String name, String createdAt, String updatedAt) {}
