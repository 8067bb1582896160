package io.securevpc.nag.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Optional;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * One resource of a synthesized template, as plain data: its logical id, CloudFormation type and properties
 * exactly as CloudFormation will receive them (overrides applied, tokens rendered as intrinsics). Rules read
 * this instead of the {@code CfnResource}, so checking a resource costs no call into the CDK's JavaScript.
 */
public record TemplateResource(StackTemplate stack, String logicalId, String type, JsonNode properties,
                               @Nullable String constructPath) {

    /** @return the property, or a missing node when absent. */
    public @NotNull JsonNode prop(final @NotNull String name) {
        JsonNode v = properties.get(name);
        return v == null ? MissingNode.getInstance() : v;
    }

    /** @return the value of the tag {@code key}, when the tag is set to a literal. */
    public @NotNull Optional<String> tag(final @NotNull String key) {
        for (JsonNode t : prop("Tags")) {
            if (key.equals(t.path("Key").asText(null)) && t.path("Value").isValueNode()) {
                return Optional.of(t.path("Value").asText());
            }
        }
        return Optional.empty();
    }

    /** @return the construct path when the template records it ({@code aws:cdk:path}), else {@code Stack/LogicalId}. */
    public @NotNull String describe() {
        return constructPath != null ? constructPath : stack.name() + "/" + logicalId;
    }
}
