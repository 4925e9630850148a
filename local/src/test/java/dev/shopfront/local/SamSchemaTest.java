package dev.shopfront.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.shopfront.devkit.SamTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** template.yaml against the SAM project's own JSON Schema, so a misspelt or misplaced property fails here, not at deploy. */
class SamSchemaTest {
    private static final Schema SAM_SCHEMA = loadSamSchema();

    @Test
    void template_validatesAgainstSamSchema() {
        List<Error> errors = validate(SamTemplate.ofRepository().root());

        assertEquals(List.of(), errors.stream().map(Error::toString).toList());
    }

    @Test
    void misspeltGlobalsProperty_isReported() {
        JsonNode template = SamTemplate.ofRepository().root().deepCopy();
        rename((ObjectNode) template.path("Globals").path("Function"), "Runtime", "Runtim");

        List<Error> errors = validate(template);

        assertTrue(errors.stream().anyMatch(e -> e.toString().contains("Runtim")), errors.toString());
    }

    @Test
    void misspeltFunctionProperty_isReported() {
        // A Resources entry is an anyOf of every resource kind; the catch-all kind excludes
        // AWS::Serverless::*, so a bad function property still fails the whole document.
        JsonNode template = SamTemplate.ofRepository().root().deepCopy();
        String function = SamTemplate.ofRepository().functions().getFirst().logicalId();
        rename((ObjectNode) template.path("Resources").path(function).path("Properties"), "Handler", "Handlr");

        List<Error> errors = validate(template);

        assertTrue(
                errors.stream()
                        .anyMatch(e -> e.toString().contains("/Resources/" + function + "/Properties")
                                && e.toString().contains("Handlr")),
                errors.toString());
    }

    private static List<Error> validate(JsonNode template) {
        // The template is read with Jackson 2 (devkit); the validator runs on Jackson 3, so hand it text.
        return SAM_SCHEMA.validate(template.toString(), InputFormat.JSON);
    }

    private static void rename(ObjectNode object, String from, String to) {
        JsonNode value = object.remove(from);
        assertTrue(value != null, "the template has no " + from + " to misspell");
        object.set(to, value);
    }

    private static Schema loadSamSchema() {
        try (InputStream in = SamSchemaTest.class.getClassLoader().getResourceAsStream("sam/sam.schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
                    .getSchema(in, InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
