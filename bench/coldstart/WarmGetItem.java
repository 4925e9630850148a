import dev.shopfront.config.Environment;
import dev.shopfront.repository.dynamodb.DynamoDbClients;
import java.util.Arrays;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * One warm round: the DynamoDB client exactly as the artifact's DynamoDbClients builds it (its HTTP
 * client, one keep-alive connection), 500 GetItem calls of warm-up, then the given number of calls,
 * each timed. Prints one WARM line with p50 and p99 in microseconds. Run by ColdStartBenchmark with
 * the function's environment. Figures, not a test.
 *
 * <p>Arguments: the product id to read, the number of timed calls.
 */
public final class WarmGetItem {
    public static void main(String[] args) {
        Environment environment = Environment.system();
        GetItemRequest request = GetItemRequest.builder()
                .tableName(environment.require("PRODUCTS_TABLE"))
                .key(Map.of("id", AttributeValue.fromS(args[0])))
                .build();
        int calls = Integer.parseInt(args[1]);
        long[] micros = new long[calls];
        try (DynamoDbClient client = DynamoDbClients.create(
                environment.require("AWS_REGION"), environment.optional(DynamoDbClients.ENDPOINT_VARIABLE))) {
            for (int i = 0; i < 500; i++) {
                if (!client.getItem(request).hasItem()) {
                    throw new IllegalStateException("No product " + args[0]);
                }
            }
            for (int i = 0; i < calls; i++) {
                long start = System.nanoTime();
                client.getItem(request);
                micros[i] = (System.nanoTime() - start) / 1000;
            }
        }
        Arrays.sort(micros);
        System.out.println("WARM p50Micros=" + micros[calls / 2] + " p99Micros=" + micros[(int) (calls * 0.99)]);
    }
}
