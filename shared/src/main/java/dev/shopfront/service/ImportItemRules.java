package dev.shopfront.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shopfront.schema.ImportError;
import dev.shopfront.schema.ProductCreate;
import java.util.List;

/** The rules an imported item must pass: exactly those of a {@code POST /products} body (the HTTP adapter supplies them). */
@FunctionalInterface
public interface ImportItemRules {
    /** The item as a product to create, or every reason it is not one. */
    CheckedItem check(int index, JsonNode item);

    /**
     * One item, checked: a valid product, or its errors (never both).
     *
     * @param product the product to create, or null when the item is not valid
     * @param errors one entry per failed field, each with {@code index}
     */
    record CheckedItem(int index, ProductCreate product, List<ImportError> errors) {
        public CheckedItem {
            errors = List.copyOf(errors);
            if ((product == null) == errors.isEmpty()) {
                throw new IllegalArgumentException("A checked item is either a product or errors");
            }
        }

        public static CheckedItem valid(int index, ProductCreate product) {
            return new CheckedItem(index, product, List.of());
        }

        public static CheckedItem invalid(int index, List<ImportError> errors) {
            return new CheckedItem(index, null, errors);
        }

        public boolean valid() {
            return product != null;
        }
    }
}
