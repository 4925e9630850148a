package dev.shopfront.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shopfront.devkit.FunctionDefinition;
import dev.shopfront.devkit.SamTemplate;

/** A function property as SAM deploys it: the function's own value merged over {@code Globals.Function}. */
final class EffectiveProperty {
    private EffectiveProperty() {}

    /** The merged value, or a missing node when neither the function nor the Globals set it. */
    static JsonNode of(SamTemplate template, FunctionDefinition function, String name) {
        JsonNode global = template.root().path("Globals").path("Function").path(name);
        return merge(global, function.properties().path(name));
    }

    // SAM's Globals rules: maps merge key by key, lists are the global items then the function's,
    // any other value of the function replaces the global one.
    private static JsonNode merge(JsonNode global, JsonNode local) {
        if (local.isMissingNode()) {
            return global;
        }
        if (global.isMissingNode()) {
            return local;
        }
        if (global.isObject() && local.isObject()) {
            ObjectNode merged = global.deepCopy();
            local.properties().forEach(e -> merged.set(e.getKey(), merge(global.path(e.getKey()), e.getValue())));
            return merged;
        }
        if (global.isArray() && local.isArray()) {
            ArrayNode merged = global.deepCopy();
            merged.addAll((ArrayNode) local);
            return merged;
        }
        return local;
    }
}
