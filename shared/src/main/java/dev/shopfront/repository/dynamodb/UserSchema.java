package dev.shopfront.repository.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;

import dev.shopfront.model.UserItem;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * How a {@link UserItem} is stored in the users table: the enhanced client's static schema, built once per container
 * on first use (a static schema needs no reflection at cold start). Storage detail, kept out of the model.
 */
final class UserSchema {
    static final TableSchema<UserItem> SCHEMA = StaticTableSchema.builder(UserItem.class)
            .newItemSupplier(UserItem::new)
            .addAttribute(
                    String.class,
                    a -> a.name("id")
                            .getter(UserItem::getId)
                            .setter(UserItem::setId)
                            .tags(primaryPartitionKey()))
            .addAttribute(
                    String.class,
                    a -> a.name("email").getter(UserItem::getEmail).setter(UserItem::setEmail))
            .addAttribute(
                    String.class, a -> a.name("name").getter(UserItem::getName).setter(UserItem::setName))
            .addAttribute(
                    String.class,
                    a -> a.name("passwordHash")
                            .getter(UserItem::getPasswordHash)
                            .setter(UserItem::setPasswordHash))
            .addAttribute(
                    String.class,
                    a -> a.name("createdAt").getter(UserItem::getCreatedAt).setter(UserItem::setCreatedAt))
            .addAttribute(
                    String.class,
                    a -> a.name("updatedAt").getter(UserItem::getUpdatedAt).setter(UserItem::setUpdatedAt))
            .build();

    private UserSchema() {}
}
