package dev.shopfront.imports;

import dev.shopfront.devkit.testing.JsonBody;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/** Import bodies for the tests: valid items, and invalid ones at chosen indexes. */
final class Items {
    /** Three invalid items at 7, 20 and 33, each failing one named field. */
    static final Map<Integer, String> THREE_INVALID = Map.of(
            7, "{\"name\":\"\",\"price\":1,\"currency\":\"EUR\"}",
            20, "{\"name\":\"Bad price\",\"price\":1.999,\"currency\":\"EUR\"}",
            33, "{\"name\":\"Bad currency\",\"price\":1,\"currency\":\"euro\"}");

    static final Map<Integer, String> THREE_INVALID_FIELDS = Map.of(7, "name", 20, "price", 33, "currency");

    private Items() {}

    /** A valid item whose name and price tell its index. */
    static String valid(int index) {
        return JsonBody.object()
                .with("name", "Item " + index)
                .withRaw("price", index + ".5")
                .with("currency", "EUR")
                .with("stock", index)
                .with("category", "imported")
                .toString();
    }

    /** {@code {"items":[...]}} of {@code count} items: valid ones, except those in {@code invalid}. */
    static String body(int count, Map<Integer, String> invalid) {
        return body(count, index -> invalid.getOrDefault(index, valid(index)));
    }

    static String body(int count, IntFunction<String> item) {
        List<String> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(item.apply(i));
        }
        return "{\"items\":[" + String.join(",", items) + "]}";
    }
}
