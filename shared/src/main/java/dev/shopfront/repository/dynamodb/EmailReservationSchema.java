package dev.shopfront.repository.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;

import dev.shopfront.model.EmailReservationItem;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * How a {@link EmailReservationItem} is stored in the email reservations table: the enhanced client's static schema, built once per container
 * on first use (a static schema needs no reflection at cold start). Storage detail, kept out of the model.
 */
final class EmailReservationSchema {
    static final TableSchema<EmailReservationItem> SCHEMA = StaticTableSchema.builder(EmailReservationItem.class)
            .newItemSupplier(EmailReservationItem::new)
            .addAttribute(
                    String.class,
                    a -> a.name("email")
                            .getter(EmailReservationItem::getEmail)
                            .setter(EmailReservationItem::setEmail)
                            .tags(primaryPartitionKey()))
            .addAttribute(
                    String.class,
                    a -> a.name("userId")
                            .getter(EmailReservationItem::getUserId)
                            .setter(EmailReservationItem::setUserId))
            .addAttribute(
                    Long.class,
                    a -> a.name("reservedAtMillis")
                            .getter(EmailReservationItem::getReservedAtMillis)
                            .setter(EmailReservationItem::setReservedAtMillis))
            .build();

    private EmailReservationSchema() {}
}
