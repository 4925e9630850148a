package dev.shopfront.repository.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;

import dev.shopfront.model.IdempotencyItem;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * How a {@link IdempotencyItem} is stored in the idempotency table: the enhanced client's static schema, built once per container
 * on first use (a static schema needs no reflection at cold start). Storage detail, kept out of the model.
 */
final class IdempotencySchema {
    static final TableSchema<IdempotencyItem> SCHEMA = StaticTableSchema.builder(IdempotencyItem.class)
            .newItemSupplier(IdempotencyItem::new)
            .addAttribute(
                    String.class,
                    a -> a.name("id")
                            .getter(IdempotencyItem::getId)
                            .setter(IdempotencyItem::setId)
                            .tags(primaryPartitionKey()))
            .addAttribute(
                    String.class,
                    a -> a.name("state").getter(IdempotencyItem::getState).setter(IdempotencyItem::setState))
            .addAttribute(
                    String.class,
                    a -> a.name("fingerprint")
                            .getter(IdempotencyItem::getFingerprint)
                            .setter(IdempotencyItem::setFingerprint))
            .addAttribute(
                    String.class,
                    a -> a.name("resourceId")
                            .getter(IdempotencyItem::getResourceId)
                            .setter(IdempotencyItem::setResourceId))
            .addAttribute(
                    String.class,
                    a -> a.name("leaseOwner")
                            .getter(IdempotencyItem::getLeaseOwner)
                            .setter(IdempotencyItem::setLeaseOwner))
            .addAttribute(
                    Long.class,
                    a -> a.name("leaseUntilMillis")
                            .getter(IdempotencyItem::getLeaseUntilMillis)
                            .setter(IdempotencyItem::setLeaseUntilMillis))
            .addAttribute(
                    Long.class,
                    a -> a.name("expiresAt")
                            .getter(IdempotencyItem::getExpiresAt)
                            .setter(IdempotencyItem::setExpiresAt))
            .addAttribute(
                    Integer.class,
                    a -> a.name("status").getter(IdempotencyItem::getStatus).setter(IdempotencyItem::setStatus))
            .addAttribute(
                    EnhancedType.mapOf(String.class, String.class),
                    a -> a.name("headers").getter(IdempotencyItem::getHeaders).setter(IdempotencyItem::setHeaders))
            .addAttribute(
                    String.class,
                    a -> a.name("body").getter(IdempotencyItem::getBody).setter(IdempotencyItem::setBody))
            .build();

    private IdempotencySchema() {}
}
