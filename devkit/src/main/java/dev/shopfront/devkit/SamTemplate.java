package dev.shopfront.devkit;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A SAM template read as CloudFormation reads it: short tags such as {@code !Ref X} become their
 * long forms ({@code {"Ref": "X"}}), so callers see one shape whichever form the file uses.
 */
public final class SamTemplate {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Path file;
    private final JsonNode root;

    private SamTemplate(Path file, JsonNode root) {
        this.file = file;
        this.root = root;
    }

    public static SamTemplate read(Path file) {
        try (YAMLParser parser = new YAMLFactory().createParser(Files.newBufferedReader(file))) {
            parser.nextToken();
            return new SamTemplate(file, readNode(parser));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The template at the repository root. */
    public static SamTemplate ofRepository() {
        return read(RepoRoot.find().resolve("template.yaml"));
    }

    public Path file() {
        return file;
    }

    /** The whole document, short tags expanded to long forms. */
    public JsonNode root() {
        return root;
    }

    /** Resources of one CloudFormation type, by logical id, in file order. */
    public Map<String, JsonNode> resourcesOfType(String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : root.path("Resources").properties()) {
            if (type.equals(entry.getValue().path("Type").asText())) {
                found.put(entry.getKey(), entry.getValue());
            }
        }
        return found;
    }

    /** The serverless functions, with their Globals applied. */
    public List<FunctionDefinition> functions() {
        JsonNode globals = root.path("Globals").path("Function");
        List<FunctionDefinition> functions = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry :
                resourcesOfType("AWS::Serverless::Function").entrySet()) {
            functions.add(FunctionDefinition.of(entry.getKey(), entry.getValue().path("Properties"), globals));
        }
        return functions;
    }

    public FunctionDefinition function(String logicalId) {
        return functions().stream()
                .filter(f -> f.logicalId().equals(logicalId))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalArgumentException("No function " + logicalId + " in " + file + "; functions: "
                                + functions().stream()
                                        .map(FunctionDefinition::logicalId)
                                        .toList()));
    }

    private static JsonNode readNode(YAMLParser parser) throws IOException {
        String tag = parser.getTypeId();
        JsonNode value = switch (parser.currentToken()) {
            case START_OBJECT -> readObject(parser);
            case START_ARRAY -> readArray(parser);
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> NODES.numberNode(parser.getLongValue());
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE, VALUE_FALSE -> NODES.booleanNode(parser.getBooleanValue());
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new IOException("Unexpected YAML token " + parser.currentToken());
        };
        return tag == null ? value : expandShortTag(tag, value);
    }

    private static ObjectNode readObject(YAMLParser parser) throws IOException {
        ObjectNode object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            object.set(name, readNode(parser));
        }
        return object;
    }

    private static ArrayNode readArray(YAMLParser parser) throws IOException {
        ArrayNode array = NODES.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(readNode(parser));
        }
        return array;
    }

    private static JsonNode expandShortTag(String tag, JsonNode value) {
        String name = tag.startsWith("!") ? tag.substring(1) : tag;
        if (name.equals("Ref") || name.equals("Condition")) {
            return NODES.objectNode().set(name, value);
        }
        if (name.equals("GetAtt") && value.isTextual()) {
            // "!GetAtt Resource.Attribute" is the short form of ["Resource", "Attribute"].
            String text = value.asText();
            int dot = text.indexOf('.');
            ArrayNode parts = NODES.arrayNode().add(text.substring(0, dot)).add(text.substring(dot + 1));
            return NODES.objectNode().set("Fn::GetAtt", parts);
        }
        return NODES.objectNode().set("Fn::" + name, value);
    }
}
