package dev.shopfront.users;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shopfront.devkit.junit.TestDynamoDb;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The tables as stored, read through the low-level client: what the API wrote, not what it answers. */
final class StoredItems {
    private final DynamoDbClient client;
    private final String usersTable;
    private final String emailsTable;

    StoredItems(TestDynamoDb db) {
        this.client = db.client();
        this.usersTable = db.table("UsersTable");
        this.emailsTable = db.table("EmailsTable");
    }

    String usersTable() {
        return usersTable;
    }

    String emailsTable() {
        return emailsTable;
    }

    List<Map<String, AttributeValue>> users() {
        return scan(usersTable);
    }

    List<Map<String, AttributeValue>> reservations() {
        return scan(emailsTable);
    }

    List<Map<String, AttributeValue>> usersWithEmail(String email) {
        return users().stream()
                .filter(item -> email.equals(text(item, "email")))
                .toList();
    }

    Optional<Map<String, AttributeValue>> reservation(String email) {
        return reservations().stream()
                .filter(item -> email.equals(text(item, "email")))
                .findFirst();
    }

    Optional<Map<String, AttributeValue>> user(String id) {
        return users().stream().filter(item -> id.equals(text(item, "id"))).findFirst();
    }

    /** Whether either table holds anything that mentions {@code text}, in any attribute. */
    boolean anyItemMentions(String text) {
        return scan(usersTable).stream().anyMatch(item -> mentions(item, text))
                || scan(emailsTable).stream().anyMatch(item -> mentions(item, text));
    }

    /** The contract's invariant: no two users have one email. */
    void assertNoTwoUsersShareAnEmail() {
        Map<String, Long> usersPerEmail =
                users().stream().collect(Collectors.groupingBy(item -> text(item, "email"), Collectors.counting()));
        usersPerEmail.forEach(
                (email, count) -> assertEquals(1L, count, () -> count + " users share the email " + email));
    }

    static String text(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        return value == null ? null : value.s();
    }

    private static boolean mentions(Map<String, AttributeValue> item, String text) {
        return item.entrySet().stream()
                .anyMatch(attribute -> attribute.getKey().contains(text)
                        || flatten(attribute.getValue()).contains(text));
    }

    /** Every string, number and binary (read as UTF-8) inside a value, nested ones included. */
    private static String flatten(AttributeValue value) {
        StringBuilder text = new StringBuilder();
        if (value.s() != null) {
            text.append(value.s());
        }
        if (value.n() != null) {
            text.append(value.n());
        }
        if (value.b() != null) {
            text.append(value.b().asUtf8String());
        }
        if (value.hasSs()) {
            value.ss().forEach(s -> text.append(s).append('\n'));
        }
        if (value.hasNs()) {
            value.ns().forEach(n -> text.append(n).append('\n'));
        }
        if (value.hasBs()) {
            value.bs().forEach(b -> text.append(b.asUtf8String()).append('\n'));
        }
        if (value.hasL()) {
            value.l().forEach(element -> text.append(flatten(element)).append('\n'));
        }
        if (value.hasM()) {
            value.m()
                    .forEach((name, element) -> text.append(name)
                            .append('\n')
                            .append(flatten(element))
                            .append('\n'));
        }
        return text.toString();
    }

    private List<Map<String, AttributeValue>> scan(String table) {
        return client.scanPaginator(r -> r.tableName(table).consistentRead(true)).items().stream()
                .toList();
    }
}
