package dev.shopfront.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import dev.shopfront.schema.ImportError;
import dev.shopfront.schema.ImportItemDeserializer;
import dev.shopfront.schema.ProductCreate;
import dev.shopfront.service.ImportItemRules;
import java.util.List;

/** Checks an imported item exactly as {@code POST /products} checks its body: the same binding, the same rules, the same messages. */
public final class ImportedProductRules implements ImportItemRules {
    /**
     * The longest property name an error repeats: an unknown property's name is the client's, and
     * a thousand long ones must not outgrow the import record.
     */
    static final int MAX_FIELD_LENGTH = 100;

    /** A property named twice: a body is malformed JSON for it; an item fails alone (ImportItemDeserializer). */
    static final String REPEATED = "appears more than once";

    @Override
    public CheckedItem check(int index, JsonNode item) {
        if (item instanceof POJONode pojo
                && pojo.getPojo() instanceof ImportItemDeserializer.UnreadableItem unreadable) {
            return CheckedItem.invalid(
                    index,
                    List.of(new ImportError(index, shortened(unreadable.field()), message(unreadable.reason()))));
        }
        RequestBodies.Binding<ProductCreate> bound = RequestBodies.bind(item, ProductCreate.class);
        if (bound.valid()) {
            return CheckedItem.valid(index, bound.value());
        }
        List<ImportError> errors = bound.errors().stream()
                .map(e -> new ImportError(index, shortened(e.field()), e.message()))
                .toList();
        return CheckedItem.invalid(index, errors);
    }

    private static String message(ImportItemDeserializer.Reason reason) {
        return switch (reason) {
            case OUT_OF_RANGE -> BoundedDecimalDeserializer.OUT_OF_RANGE;
            case REPEATED -> REPEATED;
        };
    }

    private static String shortened(String field) {
        if (field == null || field.codePointCount(0, field.length()) <= MAX_FIELD_LENGTH) {
            return field;
        }
        return field.substring(0, field.offsetByCodePoints(0, MAX_FIELD_LENGTH)) + "…";
    }
}
