package dev.shopfront.service;

import dev.shopfront.error.InvalidParameterException;
import dev.shopfront.repository.ProductRepository;
import dev.shopfront.schema.ProductCreate;
import dev.shopfront.schema.ProductPage;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Pages of products: by category newest first from the category index, or the whole table in key
 * order. Each page reads at most limit + 1 items, whatever the table's size.
 */
public final class ProductListing {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    private static final Pattern CATEGORY = Pattern.compile(ProductCreate.CATEGORY);

    private final ProductRepository products;
    private final CursorCodec cursors;

    public ProductListing(ProductRepository products, CursorCodec cursors) {
        this.products = products;
        this.cursors = cursors;
    }

    /**
     * @param category the {@code category} query parameter, or null
     * @param limit the {@code limit} query parameter, or null for the default
     * @param cursor the {@code cursor} query parameter, or null for the first page
     * @throws InvalidParameterException naming the parameter that is not acceptable
     */
    public ProductPage list(String category, String limit, String cursor) {
        if (category != null && !CATEGORY.matcher(category).matches()) {
            throw new InvalidParameterException("category", "must be 1 to 50 characters of a-z, 0-9 and -");
        }
        int size = parseLimit(limit);
        // A cursor is bound to its list: one from another category, or from the unfiltered list, is refused.
        String list = category == null ? "all" : "category:" + category;
        Map<String, String> start = cursor == null ? null : cursors.decode(list, cursor);
        ProductRepository.Page page = products.list(category, size, start);
        return new ProductPage(
                page.items().stream().map(ProductService::toOut).toList(),
                page.nextKey() == null ? null : cursors.encode(list, page.nextKey()));
    }

    private static int parseLimit(String limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int parsed = Integer.parseInt(limit);
            if (parsed >= 1 && parsed <= MAX_LIMIT) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new InvalidParameterException("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }
}
