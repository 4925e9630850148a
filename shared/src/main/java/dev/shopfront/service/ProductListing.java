package dev.shopfront.service;

import dev.shopfront.error.InvalidParameterException;
import dev.shopfront.repository.ProductRepository;
import dev.shopfront.repository.ProductRepository.Scope;
import dev.shopfront.schema.ProductCreate;
import dev.shopfront.schema.ProductPage;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Pages of products: by category or by owner, newest first, from their indexes, or the whole table
 * in key order. Each page reads at most limit + 1 items, whatever the table's size.
 */
public final class ProductListing {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    private static final Pattern CATEGORY = Pattern.compile(ProductCreate.CATEGORY);
    private static final Pattern UUID =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private final ProductRepository products;
    private final CursorCodec cursors;

    public ProductListing(ProductRepository products, CursorCodec cursors) {
        this.products = products;
        this.cursors = cursors;
    }

    /**
     * @param category the {@code category} query parameter, or null
     * @param ownerId the {@code ownerId} query parameter, or null
     * @param limit the {@code limit} query parameter, or null for the default
     * @param cursor the {@code cursor} query parameter, or null for the first page
     * @throws InvalidParameterException naming the parameter that is not acceptable
     */
    public ProductPage list(String category, String ownerId, String limit, String cursor) {
        Scope scope = scope(category, ownerId);
        int size = parseLimit(limit);
        // A cursor is bound to its list: one from another category or owner, or from the unfiltered list, is refused.
        String list = switch (scope) {
            case Scope.AllProducts() -> "all";
            case Scope.InCategory(String name) -> "category:" + name;
            case Scope.OwnedBy(String owner) -> "owner:" + owner;
        };
        Map<String, String> start = cursor == null ? null : cursors.decode(list, cursor);
        ProductRepository.Page page = products.list(scope, size, start);
        return new ProductPage(
                page.items().stream().map(ProductService::toOut).toList(),
                page.nextKey() == null ? null : cursors.encode(list, page.nextKey()));
    }

    private static Scope scope(String category, String ownerId) {
        if (ownerId != null) {
            if (!UUID.matcher(ownerId).matches()) {
                throw new InvalidParameterException("ownerId", "must be a user id (a UUID)");
            }
            // The owner index knows nothing of categories. ownerId is the parameter named: category is a
            // complete list on its own and came first, ownerId is the one that cannot be combined with it.
            if (category != null) {
                throw new InvalidParameterException("ownerId", "cannot be combined with category");
            }
            // Ids are stored lower-case, as the token's subject holds them.
            return new Scope.OwnedBy(ownerId.toLowerCase(Locale.ROOT));
        }
        if (category != null) {
            if (!CATEGORY.matcher(category).matches()) {
                throw new InvalidParameterException("category", "must be 1 to 50 characters of a-z, 0-9 and -");
            }
            return new Scope.InCategory(category);
        }
        return new Scope.AllProducts();
    }

    private static int parseLimit(String limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        // Digits only: parseInt would also take a sign ("+5") or other scripts' digits ("٥").
        if (limit.matches("[0-9]{1,9}")) {
            int parsed = Integer.parseInt(limit);
            if (parsed >= 1 && parsed <= MAX_LIMIT) {
                return parsed;
            }
        }
        throw new InvalidParameterException("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }
}
