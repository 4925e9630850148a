package dev.shopfront.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shopfront.devkit.FunctionDefinition;
import dev.shopfront.devkit.SamTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a function's {@code Policies} allow, read the way SAM expands them: policy templates
 * through the SAM project's policy_templates.json, inline {@code Statement} lists as written.
 * A policy this cannot read precisely fails loudly rather than passing as "no access".
 */
final class DynamoDbGrants {
    /** Stands for {@code Resource: "*"}. */
    static final String ANY_RESOURCE = "*";

    private static final JsonNode POLICY_TEMPLATES =
            RepoFiles.resource("sam/policy_templates.json").path("Templates");
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]+)}");

    private final Set<String> templateTables;
    // Resource (a table's logical id, or ANY_RESOURCE) to the actions allowed on it, dynamodb:* and * included.
    private final Map<String, Set<String>> actionsByResource = new LinkedHashMap<>();

    private DynamoDbGrants(Set<String> templateTables) {
        this.templateTables = templateTables;
    }

    static DynamoDbGrants of(SamTemplate template, FunctionDefinition function) {
        DynamoDbGrants grants = new DynamoDbGrants(
                template.resourcesOfType("AWS::DynamoDB::Table").keySet());
        for (JsonNode policy : list(function.properties().path("Policies"))) {
            grants.statementsOf(function, policy).forEach(grants::add);
        }
        return grants;
    }

    /** Resource to allowed actions (all services); a table appears under its logical id. */
    Map<String, Set<String>> actionsByResource() {
        return actionsByResource;
    }

    /** The DynamoDB actions allowed on {@code table}, {@code *} ones included. */
    Set<String> dynamoDbActionsOn(String table) {
        return actionsByResource.getOrDefault(table, Set.of()).stream()
                .filter(action -> action.equals("*") || action.startsWith("dynamodb:"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The tables the function has any DynamoDB action on. */
    Set<String> tables() {
        return actionsByResource.keySet().stream()
                .filter(templateTables::contains)
                .filter(table -> !dynamoDbActionsOn(table).isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private List<JsonNode> statementsOf(FunctionDefinition function, JsonNode policy) {
        if (policy.isTextual()) {
            throw new IllegalStateException(function.logicalId() + ": managed policy " + policy.asText()
                    + " is not in this repository, so its access cannot be checked; use a SAM policy template"
                    + " or a Statement");
        }
        if (policy.has("Statement")) {
            return list(policy.path("Statement"));
        }
        if (policy.size() == 1) {
            String name = policy.fieldNames().next();
            JsonNode template = POLICY_TEMPLATES.path(name);
            if (!template.isMissingNode()) {
                return list(substituteParameters(template.path("Definition"), policy.path(name))
                        .path("Statement"));
            }
        }
        throw new IllegalStateException(function.logicalId() + ": cannot read policy " + policy);
    }

    /** A policy template's definition with each {@code {"Ref": parameter}} replaced by the value the function gives. */
    private static JsonNode substituteParameters(JsonNode node, JsonNode parameters) {
        if (node.isObject()
                && node.size() == 1
                && node.has("Ref")
                && parameters.has(node.path("Ref").asText())) {
            return parameters.path(node.path("Ref").asText());
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(e -> copy.set(e.getKey(), substituteParameters(e.getValue(), parameters)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(substituteParameters(item, parameters)));
            return copy;
        }
        return node;
    }

    private void add(JsonNode statement) {
        if (statement.has("NotAction") || statement.has("NotResource")) {
            throw new IllegalStateException(
                    "NotAction/NotResource grants all but a list: too broad to check, " + statement);
        }
        if (!"Allow".equals(statement.path("Effect").asText())) {
            return;
        }
        List<String> actions =
                list(statement.path("Action")).stream().map(JsonNode::asText).toList();
        if (actions.stream().noneMatch(action -> action.startsWith("dynamodb:") || action.equals("*"))) {
            // Another service's grant (the token secret's, say): only a wildcard resource concerns us.
            for (JsonNode resource : list(statement.path("Resource"))) {
                if (resource.isTextual() && resource.asText().equals("*")) {
                    actionsByResource
                            .computeIfAbsent(ANY_RESOURCE, r -> new TreeSet<>())
                            .addAll(actions);
                }
            }
            return;
        }
        for (JsonNode resource : list(statement.path("Resource"))) {
            actionsByResource
                    .computeIfAbsent(resourceOf(resource), r -> new TreeSet<>())
                    .addAll(actions);
        }
    }

    /** The table a statement's Resource names (its ARN or its index ARNs), or ANY_RESOURCE. */
    private String resourceOf(JsonNode resource) {
        if (resource.isTextual() && resource.asText().equals("*")) {
            return ANY_RESOURCE;
        }
        JsonNode getAtt = resource.path("Fn::GetAtt");
        if (getAtt.isArray()
                && templateTables.contains(getAtt.path(0).asText())
                && getAtt.path(1).asText().equals("Arn")) {
            return getAtt.path(0).asText();
        }
        JsonNode sub = resource.path("Fn::Sub");
        if (!sub.isMissingNode()) {
            String text = sub.isArray() ? sub.path(0).asText() : sub.asText();
            JsonNode variables = sub.isArray() ? sub.path(1) : null;
            Set<String> named = new TreeSet<>();
            Matcher variable = SUB_VARIABLE.matcher(text);
            while (variable.find()) {
                String table = tableOf(variable.group(1), variables);
                if (table != null) {
                    named.add(table);
                }
            }
            if (named.size() == 1) {
                return named.iterator().next();
            }
        }
        throw new IllegalStateException("Cannot tell which table this Resource is: " + resource);
    }

    /** The table a {@code ${variable}} of a Sub stands for: a Ref or GetAtt of a table, or null. */
    private String tableOf(String variable, JsonNode variables) {
        JsonNode value = variables == null ? null : variables.get(variable);
        if (value == null) {
            String resource = variable.contains(".") ? variable.substring(0, variable.indexOf('.')) : variable;
            return templateTables.contains(resource) ? resource : null;
        }
        if (templateTables.contains(value.path("Ref").asText())) {
            return value.path("Ref").asText();
        }
        JsonNode getAtt = value.path("Fn::GetAtt");
        return getAtt.isArray() && templateTables.contains(getAtt.path(0).asText())
                ? getAtt.path(0).asText()
                : null;
    }

    private static List<JsonNode> list(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else {
            items.add(node);
        }
        return items;
    }
}
