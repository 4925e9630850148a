package dev.shopfront.model;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/** A user as stored in the users table. The password is kept only as an Argon2id PHC string. */
public final class UserItem {
    /** Built once: a static schema needs no reflection at cold start. */
    public static final TableSchema<UserItem> SCHEMA = StaticTableSchema.builder(UserItem.class)
            .newItemSupplier(UserItem::new)
            .addAttribute(String.class, a -> a.name("id").getter(UserItem::getId).setter(UserItem::setId).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("email").getter(UserItem::getEmail).setter(UserItem::setEmail))
            .addAttribute(String.class, a -> a.name("name").getter(UserItem::getName).setter(UserItem::setName))
            .addAttribute(String.class, a -> a.name("passwordHash").getter(UserItem::getPasswordHash).setter(UserItem::setPasswordHash))
            .addAttribute(String.class, a -> a.name("createdAt").getter(UserItem::getCreatedAt).setter(UserItem::setCreatedAt))
            .addAttribute(String.class, a -> a.name("updatedAt").getter(UserItem::getUpdatedAt).setter(UserItem::setUpdatedAt))
            .build();

    private String id;
    private String email;
    private String name;
    private String passwordHash;
    private String createdAt;
    private String updatedAt;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public String getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(String createdAt) {
        this.createdAt = createdAt;
    }

    public String getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(String updatedAt) {
        this.updatedAt = updatedAt;
    }

    @Override
    public String toString() {
        return "UserItem[id=" + id + ", email=" + email + "]";
    }
}
