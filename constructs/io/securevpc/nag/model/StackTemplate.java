package io.securevpc.nag.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/** One synthesized stack template: its resources by logical id, its exports and its environment. */
public final class StackTemplate {
    /** The environment of a template read without a cloud assembly ({@link AppTemplates#of}). */
    public static final String UNKNOWN_ENVIRONMENT = "aws://unknown-account/unknown-region";

    private final String name;
    private final String environment;
    private final Path templatePath;
    private final Map<String, TemplateResource> resources = new LinkedHashMap<>();
    private final Map<String, JsonNode> exports = new LinkedHashMap<>();
    private final Map<String, JsonNode> outputs = new LinkedHashMap<>();
    private final JsonNode metadata;

    StackTemplate(final String name, final Path templatePath, final JsonNode template,
                  final Map<String, String> pathsByLogicalId, final String environment) {
        this.name = name;
        this.environment = environment;
        this.templatePath = templatePath;
        template.path("Resources").fields().forEachRemaining(e -> resources.put(e.getKey(),
                new TemplateResource(this, e.getKey(), e.getValue().path("Type").asText(),
                        e.getValue().path("Properties"),
                        e.getValue().path("Metadata").path("aws:cdk:path").asText(pathsByLogicalId.get(e.getKey())))));
        template.path("Outputs").fields().forEachRemaining(e -> {
            outputs.put(e.getKey(), e.getValue().path("Value"));
            JsonNode export = e.getValue().path("Export").path("Name");
            if (export.isTextual()) {
                exports.put(export.asText(), e.getValue().path("Value"));
            }
        });
        this.metadata = template.path("Metadata");
    }

    /** @return the template's top-level {@code Metadata} entry, or a missing node. */
    public @NotNull JsonNode metadata(final @NotNull String key) {
        return metadata.path(key);
    }

    /**
     * @return the stack's environment as the cloud assembly writes it, {@code aws://<account>/<region>}, with
     *     {@code unknown-account} / {@code unknown-region} for an environment-agnostic stack
     */
    public @NotNull String environment() {
        return environment;
    }

    /** @return the account part of {@link #environment()} ({@code unknown-account} when not set). */
    public @NotNull String account() {
        String[] parts = environment.replaceFirst("^aws://", "").split("/", 2);
        return parts[0];
    }

    /** @return the region part of {@link #environment()} ({@code unknown-region} when not set). */
    public @NotNull String region() {
        String[] parts = environment.replaceFirst("^aws://", "").split("/", 2);
        return parts.length > 1 ? parts[1] : "unknown-region";
    }

    /** @return the stack's artifact id (its name in the cloud assembly). */
    public @NotNull String name() {
        return name;
    }

    public @NotNull Path templatePath() {
        return templatePath;
    }

    public @Nullable TemplateResource resource(final String logicalId) {
        return resources.get(logicalId);
    }

    public @NotNull Map<String, TemplateResource> resources() {
        return Collections.unmodifiableMap(resources);
    }

    /** @return every resource of the given type, in template order. */
    public @NotNull List<TemplateResource> ofType(final @NotNull String type) {
        List<TemplateResource> out = new ArrayList<>();
        resources.values().stream().filter(r -> r.type().equals(type)).forEach(out::add);
        return out;
    }

    @Nullable JsonNode export(final String exportName) {
        return exports.get(exportName);
    }

    /** @return the value of an output by its logical name (what {@code Fn::GetStackOutput} reads), or null. */
    @Nullable JsonNode output(final String outputName) {
        return outputs.get(outputName);
    }
}
