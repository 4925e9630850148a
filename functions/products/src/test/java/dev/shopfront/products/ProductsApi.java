package dev.shopfront.products;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.shopfront.config.Environment;
import dev.shopfront.config.Wiring;
import dev.shopfront.devkit.junit.TestDynamoDb;
import dev.shopfront.devkit.testing.Answer;
import dev.shopfront.devkit.testing.HttpApiEvent;
import dev.shopfront.schema.UserCreate;
import dev.shopfront.service.FingerprintSeal;
import dev.shopfront.service.ProductService;
import dev.shopfront.service.UserService;
import java.time.Clock;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The five /products handlers over one product service and listing, called with real-shaped events the way Lambda calls them. */
final class ProductsApi {
    private final ProductService products;
    private final CreateProductHandler create;
    private final GetProductHandler get;
    private final ListProductsHandler list;
    private final UpdateProductHandler update;
    private final DeleteProductHandler delete;

    private ProductsApi(TestDynamoDb db, DynamoDbClient client, Clock clock) {
        Environment environment = Environment.of(db.environment());
        this.products = Wiring.productService(environment, client, clock);
        this.create = new CreateProductHandler(
                products, Wiring.idempotency(environment, client, FingerprintSeal.PLAIN, clock));
        this.get = new GetProductHandler(Wiring.productLookup(environment, client));
        this.list = new ListProductsHandler(Wiring.productListing(environment, client));
        this.update = new UpdateProductHandler(products);
        this.delete = new DeleteProductHandler(products);
    }

    /** The handlers as the template configures them, storing through {@code client}. */
    static ProductsApi over(TestDynamoDb db, DynamoDbClient client, Clock clock) {
        return new ProductsApi(db, client, clock);
    }

    /** The service behind the handlers, for seeding many products fast. */
    ProductService service() {
        return products;
    }

    Answer call(HttpApiEvent event) {
        RequestStreamHandler handler = switch (event.routeKey()) {
            case "POST /products" -> create;
            case "GET /products/{id}" -> get;
            case "GET /products" -> list;
            case "PATCH /products/{id}" -> update;
            case "DELETE /products/{id}" -> delete;
            default -> throw new IllegalArgumentException("No handler for " + event.routeKey());
        };
        return event.sendTo(handler);
    }

    Answer create(String callerId, String body) {
        return call(ProductEvents.createProduct(callerId).body(body));
    }

    /** Creates a product that must be accepted; returns its id. */
    String created(String callerId, String body) {
        return create(callerId, body).idOf(201);
    }

    Answer get(String id) {
        return call(ProductEvents.getProduct(id));
    }

    /** GET /products with query parameters from name-value pairs. */
    Answer list(String... namesAndValues) {
        HttpApiEvent event = ProductEvents.listProducts();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            event.query(namesAndValues[i], namesAndValues[i + 1]);
        }
        return call(event);
    }

    Answer update(String callerId, String id, String body) {
        return call(ProductEvents.updateProduct(id, callerId).body(body));
    }

    Answer delete(String callerId, String id) {
        return call(ProductEvents.deleteProduct(id, callerId));
    }

    /** Registers a user (Argon2id hashing: about 60 ms) and returns its id, as the token's {@code sub} holds it. */
    static String registerUser(TestDynamoDb db, String name) {
        String email = name + "-" + UUID.randomUUID() + "@example.com";
        return users(db).create(new UserCreate(email, "correct horse", name)).id();
    }

    /** Deletes a user as the user itself would. */
    static void deleteUser(TestDynamoDb db, String id) {
        users(db).delete(id, id);
    }

    private static UserService users(TestDynamoDb db) {
        return Wiring.userService(Environment.of(db.environment()), db.client(), Clock.systemUTC());
    }
}
