package dev.shopfront.repository.dynamodb;

import static dev.shopfront.repository.dynamodb.DynamoDbCalls.call;
import static dev.shopfront.repository.dynamodb.DynamoDbCalls.retried;

import dev.shopfront.error.ConcurrentChangeException;
import dev.shopfront.error.NotFoundException;
import dev.shopfront.model.UserItem;
import dev.shopfront.repository.UserRepository;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.DeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.IgnoreNullsMode;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Users in a DynamoDB table keyed by {@code id}. */
public final class DynamoDbUserRepository implements UserRepository {
    private static final Expression ID_IS_NEW =
            Expression.builder().expression("attribute_not_exists(id)").build();
    private static final Expression ID_EXISTS =
            Expression.builder().expression("attribute_exists(id)").build();

    private final DynamoDbTable<UserItem> table;

    public DynamoDbUserRepository(DynamoDbEnhancedClient client, String tableName) {
        this.table = client.table(tableName, UserSchema.SCHEMA);
    }

    @Override
    public Optional<UserItem> find(String id) {
        return Optional.ofNullable(call(
                "read a user", () -> table.getItem(r -> r.key(key(id)).consistentRead(true))));
    }

    @Override
    public boolean insertIfAbsent(UserItem user) {
        try {
            call("insert a user", () -> {
                table.putItem(PutItemEnhancedRequest.builder(UserItem.class)
                        .item(user)
                        .conditionExpression(ID_IS_NEW)
                        .build());
                return null;
            });
            return true;
        } catch (ConditionalCheckFailedException idInUse) {
            return false;
        }
    }

    @Override
    public UserItem update(UserItem changes, String expectedEmail) {
        // Only the given attributes are written, so concurrent changes of other fields are kept.
        Expression condition = expectedEmail == null
                ? ID_EXISTS
                : Expression.builder()
                        .expression("attribute_exists(id) AND email = :expectedEmail")
                        .expressionValues(Map.of(":expectedEmail", AttributeValue.fromS(expectedEmail)))
                        .build();
        try {
            return call(
                    "update a user",
                    () -> table.updateItem(UpdateItemEnhancedRequest.builder(UserItem.class)
                            .item(changes)
                            .ignoreNullsMode(IgnoreNullsMode.SCALAR_ONLY)
                            .conditionExpression(condition)
                            .build()));
        } catch (ConditionalCheckFailedException failed) {
            Optional<UserItem> current = find(changes.getId());
            if (current.isEmpty()) {
                throw new NotFoundException("User not found");
            }
            if (retried(failed)
                    && changes.getEmail() != null
                    && changes.getEmail().equals(current.get().getEmail())) {
                // This call's first attempt changed the email; its answer was lost and the SDK's retry found the
                // email no longer the expected one. The stored user is this change's outcome.
                return current.get();
            }
            throw new ConcurrentChangeException("The user's email was changed by another request; try again");
        }
    }

    @Override
    public Optional<UserItem> delete(String id) {
        try {
            return Optional.ofNullable(call(
                    "delete a user",
                    () -> table.deleteItem(DeleteItemEnhancedRequest.builder()
                            .key(key(id))
                            .conditionExpression(ID_EXISTS)
                            .build())));
        } catch (ConditionalCheckFailedException gone) {
            if (retried(gone)) {
                // This call's first attempt deleted the user; its answer, the deleted item, was lost, and the SDK's
                // retry found nothing to delete (docs/user-cleanup.md).
                UserItem deleted = new UserItem();
                deleted.setId(id);
                return Optional.of(deleted);
            }
            return Optional.empty();
        }
    }

    private static Key key(String id) {
        return Key.builder().partitionValue(id).build();
    }
}
