package io.securevpc.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The part of a synthesized template that {@link DeployedResources} imports with {@code CfnInclude} to check. */
final class ImportableTemplate {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A variable of {@code Fn::Sub} ({@code ${Id}} or {@code ${Id.Attribute}}; {@code ${!literal}} is none). */
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private ImportableTemplate() {
    }

    /**
     * The template as {@code CfnInclude} takes it, and as small as the check allows: the targets, every resource they
     * reference (transitively: {@code Ref}, {@code Fn::GetAtt}, {@code Fn::Sub}, {@code DependsOn}) and every resource
     * that references a target (a bucket's policy, a function's permission: what a rule may look up beside it),
     * with its references; parameters, conditions and mappings whole. CDK's weak cross-stack reference
     * {@code Fn::GetStackOutput}, which CfnInclude does not parse, becomes an {@code Fn::ImportValue}: both are values
     * known only at deployment, as a rule sees them. Importing a network stack's 180 resources cost 0.3-0.8 s here;
     * the provider's function and role need about 45 of them.
     */
    static JsonNode of(final JsonNode template, final List<String> targets) {
        JsonNode resources = template.path("Resources");
        Set<String> keep = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(targets);
        Set<String> targetSet = Set.copyOf(targets);
        resources.fields().forEachRemaining(r -> {
            Set<String> refs = new HashSet<>();
            references(r.getValue(), refs);
            if (refs.stream().anyMatch(targetSet::contains)) {
                todo.add(r.getKey());
            }
        });
        while (!todo.isEmpty()) {
            String id = todo.remove(todo.size() - 1);
            if (resources.has(id) && keep.add(id)) {
                Set<String> refs = new HashSet<>();
                references(resources.get(id), refs);
                todo.addAll(refs);
            }
        }
        ObjectNode out = JSON.createObjectNode();
        for (String section : List.of("Parameters", "Conditions", "Mappings")) {
            if (template.has(section)) {
                out.set(section, template.get(section).deepCopy());
            }
        }
        ObjectNode kept = out.putObject("Resources");
        resources.fields().forEachRemaining(r -> {
            if (keep.contains(r.getKey())) {
                kept.set(r.getKey(), r.getValue().deepCopy());
            }
        });
        return replaceStackOutputs(out);
    }

    /** Adds every logical id {@code node} names (ids of parameters and pseudo parameters too: harmless). */
    private static void references(final JsonNode node, final Set<String> out) {
        if (node.isObject()) {
            if (node.path("Ref").isTextual()) {
                out.add(node.get("Ref").asText());
            }
            JsonNode getAtt = node.path("Fn::GetAtt");
            if (getAtt.isArray() && getAtt.size() > 0) {
                out.add(getAtt.get(0).asText());
            } else if (getAtt.isTextual()) {
                out.add(getAtt.asText().split("\\.", 2)[0]);
            }
            JsonNode sub = node.path("Fn::Sub");
            String text = sub.isTextual() ? sub.asText() : sub.path(0).asText("");
            Matcher m = SUB_VARIABLE.matcher(text);
            while (m.find()) {
                out.add(m.group(1).split("\\.", 2)[0]);
            }
            JsonNode dependsOn = node.path("DependsOn");
            if (dependsOn.isTextual()) {
                out.add(dependsOn.asText());
            }
            dependsOn.forEach(d -> out.add(d.asText()));
        }
        node.forEach(child -> references(child, out));
    }

    private static JsonNode replaceStackOutputs(final JsonNode node) {
        if (node.isObject()) {
            if (node.size() == 1 && node.has("Fn::GetStackOutput")) {
                JsonNode ref = node.get("Fn::GetStackOutput");
                return JSON.createObjectNode().put("Fn::ImportValue", ref.path("StackName").asText("stack") + ":"
                        + ref.path("OutputName").asText("output"));
            }
            ObjectNode copy = (ObjectNode) node;
            Iterator<Map.Entry<String, JsonNode>> fields = copy.fields();
            List<Map.Entry<String, JsonNode>> replaced = new ArrayList<>();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                JsonNode value = replaceStackOutputs(f.getValue());
                if (value != f.getValue()) {
                    replaced.add(Map.entry(f.getKey(), value));
                }
            }
            replaced.forEach(r -> copy.set(r.getKey(), r.getValue()));
            return copy;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode value = replaceStackOutputs(node.get(i));
                if (value != node.get(i)) {
                    ((ArrayNode) node).set(i, value);
                }
            }
        }
        return node;
    }
}
