package dev.shopfront.repository.dynamodb;

import static dev.shopfront.repository.dynamodb.DynamoDbCalls.call;

import dev.shopfront.model.EmailReservationItem;
import dev.shopfront.repository.EmailReservationRepository;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.DeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Email reservations in a DynamoDB table keyed by the normalized address. Every write is conditional. */
public final class DynamoDbEmailReservationRepository implements EmailReservationRepository {
    private static final Expression ADDRESS_IS_FREE =
            Expression.builder().expression("attribute_not_exists(email)").build();

    private final DynamoDbTable<EmailReservationItem> table;

    public DynamoDbEmailReservationRepository(DynamoDbEnhancedClient client, String tableName) {
        this.table = client.table(tableName, EmailReservationSchema.SCHEMA);
    }

    @Override
    public boolean reserve(EmailReservationItem reservation) {
        return conditionalPut("reserve an email", reservation, ADDRESS_IS_FREE);
    }

    @Override
    public Optional<EmailReservationItem> find(String email) {
        return Optional.ofNullable(call(
                "read an email reservation",
                () -> table.getItem(r -> r.key(key(email)).consistentRead(true))));
    }

    @Override
    public boolean takeOver(EmailReservationItem stale, EmailReservationItem replacement) {
        // Naming the stale owner and time: of several takers, exactly one matches.
        Expression stillStale = Expression.builder()
                .expression("userId = :staleOwner AND reservedAtMillis = :staleAt")
                .expressionValues(Map.of(
                        ":staleOwner", AttributeValue.fromS(stale.getUserId()),
                        ":staleAt", AttributeValue.fromN(Long.toString(stale.getReservedAtMillis()))))
                .build();
        return conditionalPut("take over a stale email reservation", replacement, stillStale);
    }

    @Override
    public boolean release(String email, String userId) {
        Expression namesUser = Expression.builder()
                .expression("userId = :owner")
                .expressionValues(Map.of(":owner", AttributeValue.fromS(userId)))
                .build();
        return conditionalDelete("release an email reservation", email, namesUser);
    }

    @Override
    public boolean withdraw(EmailReservationItem claim) {
        Expression exactlyThisClaim = Expression.builder()
                .expression("userId = :owner AND reservedAtMillis = :at")
                .expressionValues(Map.of(
                        ":owner", AttributeValue.fromS(claim.getUserId()),
                        ":at", AttributeValue.fromN(Long.toString(claim.getReservedAtMillis()))))
                .build();
        return conditionalDelete("withdraw an email claim", claim.getEmail(), exactlyThisClaim);
    }

    /** True when the reservation was deleted, false when {@code condition} did not hold (gone, or someone else's). */
    private boolean conditionalDelete(String what, String email, Expression condition) {
        try {
            call(
                    what,
                    () -> table.deleteItem(DeleteItemEnhancedRequest.builder()
                            .key(key(email))
                            .conditionExpression(condition)
                            .build()));
            return true;
        } catch (ConditionalCheckFailedException conditionFailed) {
            return false;
        }
    }

    private boolean conditionalPut(String what, EmailReservationItem item, Expression condition) {
        try {
            call(what, () -> {
                table.putItem(PutItemEnhancedRequest.builder(EmailReservationItem.class)
                        .item(item)
                        .conditionExpression(condition)
                        .build());
                return null;
            });
            return true;
        } catch (ConditionalCheckFailedException conditionNotMet) {
            return false;
        }
    }

    private static Key key(String email) {
        return Key.builder().partitionValue(email).build();
    }
}
