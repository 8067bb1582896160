package io.securevpc.nag.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.securevpc.internal.Maps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * Every stack template of a cloud assembly (nested stage assemblies included), read once with Jackson: the
 * whole-app view that app-level rules need (a flow log in another stack, the audit baseline anywhere in the
 * app) and the plain data every rule reads. Resolves the intrinsics that can be resolved at synth: references
 * to resources of the same stack, {@code Fn::ImportValue} of another stack's export, {@code Fn::GetStackOutput}
 * of another stack's output (CDK's weak cross-stack reference), and the literal CIDR of a VPC behind
 * {@code Fn::GetAtt [Vpc, CidrBlock]}.
 */
public final class AppTemplates {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, StackTemplate> stacks = new LinkedHashMap<>();
    /** Artifact ids by CloudFormation stack name, where the manifest names the stack differently. */
    private final Map<String, String> byStackName = new LinkedHashMap<>();

    private AppTemplates() {
    }

    /** Reads {@code manifest.json} of an assembly directory and every template it lists. */
    public static @NotNull AppTemplates fromAssembly(final @NotNull Path assemblyDir) {
        AppTemplates app = new AppTemplates();
        app.readAssembly(assemblyDir);
        return app;
    }

    /** Wraps templates given directly (e.g. one template file checked from the command line). */
    public static @NotNull AppTemplates of(final @NotNull Map<String, Path> templatesByStack) {
        AppTemplates app = new AppTemplates();
        templatesByStack.forEach((name, path) -> app.stacks.put(name, new StackTemplate(name, path, read(path), Maps.of(),
                StackTemplate.UNKNOWN_ENVIRONMENT)));
        return app;
    }

    private void readAssembly(final Path dir) {
        JsonNode manifest = read(dir.resolve("manifest.json"));
        manifest.path("artifacts").fields().forEachRemaining(e -> {
            JsonNode artifact = e.getValue();
            String type = artifact.path("type").asText();
            if ("aws:cloudformation:stack".equals(type)) {
                Path template = dir.resolve(artifact.path("properties").path("templateFile").asText());
                JsonNode metadata = artifact.has("additionalMetadataFile")
                        ? read(dir.resolve(artifact.path("additionalMetadataFile").asText())) : artifact.path("metadata");
                stacks.put(e.getKey(), new StackTemplate(e.getKey(), template, read(template), constructPaths(metadata),
                        artifact.path("environment").asText(StackTemplate.UNKNOWN_ENVIRONMENT)));
                JsonNode stackName = artifact.path("properties").path("stackName");
                if (stackName.isTextual()) {
                    byStackName.put(stackName.asText(), e.getKey());
                }
            } else if ("cdk:cloud-assembly".equals(type)) {
                readAssembly(dir.resolve(artifact.path("properties").path("directoryName").asText()));
            }
        });
    }

    /** Construct path (without the leading slash) of every logical id, from the stack's {@code aws:cdk:logicalId} metadata. */
    private static Map<String, String> constructPaths(final JsonNode metadata) {
        Map<String, String> paths = new java.util.HashMap<>();
        metadata.fields().forEachRemaining(e -> {
            for (JsonNode entry : e.getValue()) {
                if ("aws:cdk:logicalId".equals(entry.path("type").asText()) && entry.path("data").isTextual()) {
                    paths.put(entry.path("data").asText(), e.getKey().startsWith("/") ? e.getKey().substring(1) : e.getKey());
                }
            }
        });
        return paths;
    }

    private static JsonNode read(final Path file) {
        try {
            return JSON.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public @Nullable StackTemplate stack(final @NotNull String artifactId) {
        return stacks.get(artifactId);
    }

    public @NotNull Map<String, StackTemplate> stacks() {
        return Collections.unmodifiableMap(stacks);
    }

    /** @return every resource of the type in every stack. */
    public @NotNull List<TemplateResource> ofType(final @NotNull String type) {
        List<TemplateResource> out = new ArrayList<>();
        stacks.values().forEach(s -> out.addAll(s.ofType(type)));
        return out;
    }

    /**
     * The resource a value points at: {@code Ref} or {@code Fn::GetAtt} of a resource in {@code from}'s stack,
     * or {@code Fn::ImportValue} of an export of another stack that is itself such a reference.
     */
    public @NotNull Optional<TemplateResource> target(final @NotNull StackTemplate from, final @Nullable JsonNode value) {
        if (value == null || !value.isObject() || value.size() != 1) {
            return Optional.empty();
        }
        if (value.has("Ref") && value.get("Ref").isTextual()) {
            return Optional.ofNullable(from.resource(value.get("Ref").asText()));
        }
        JsonNode getAtt = value.get("Fn::GetAtt");
        if (getAtt != null && getAtt.isArray() && getAtt.size() == 2) {
            return Optional.ofNullable(from.resource(getAtt.get(0).asText()));
        }
        return imported(value).flatMap(e -> target(e.stack(), e.value()));
    }

    /** A string value as CloudFormation will see it, when it is known at synth. */
    public @NotNull Optional<String> literal(final @NotNull StackTemplate from, final @Nullable JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (value.isValueNode()) {
            return Optional.of(value.asText());
        }
        JsonNode getAtt = value.get("Fn::GetAtt");
        if (getAtt != null && getAtt.isArray() && getAtt.size() == 2 && "CidrBlock".equals(getAtt.get(1).asText())) {
            TemplateResource vpc = from.resource(getAtt.get(0).asText());
            if (vpc != null && "AWS::EC2::VPC".equals(vpc.type())) {
                return literal(from, vpc.prop("CidrBlock"));
            }
        }
        return imported(value).flatMap(e -> literal(e.stack(), e.value()));
    }

    /**
     * A CIDR value: its literal when known, else whether it is the IPv6 block of a VPC or subnet of the app
     * ({@code Fn::GetAtt [X, Ipv6CidrBlocks]}, possibly inside {@code Fn::Select}).
     */
    public @NotNull CidrValue cidr(final @NotNull StackTemplate from, final @Nullable JsonNode value) {
        JsonNode raw = value == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : value;
        Optional<String> literal = literal(from, raw);
        if (literal.isPresent()) {
            return new CidrValue(literal.get(), null, raw);
        }
        JsonNode inner = raw.has("Fn::Select") && raw.get("Fn::Select").isArray() && raw.get("Fn::Select").size() == 2
                ? raw.get("Fn::Select").get(1) : raw;
        JsonNode getAtt = inner.get("Fn::GetAtt");
        if (getAtt != null && getAtt.isArray() && getAtt.size() == 2 && "Ipv6CidrBlocks".equals(getAtt.get(1).asText())) {
            TemplateResource owner = from.resource(getAtt.get(0).asText());
            if (owner != null && ("AWS::EC2::VPC".equals(owner.type()) || "AWS::EC2::Subnet".equals(owner.type()))) {
                return new CidrValue(null, "IPv6 block of " + owner.logicalId(), raw);
            }
        }
        return new CidrValue(null, null, raw);
    }

    /** A short rendering of an unresolved value for "cannot check" messages. */
    public static @NotNull String render(final @Nullable JsonNode value) {
        String text = value == null ? "null" : value.toString();
        return text.length() > 120 ? text.substring(0, 117) + "..." : text;
    }

    private Optional<Exported> imported(final JsonNode value) {
        JsonNode output = value.get("Fn::GetStackOutput");
        if (output != null && output.path("StackName").isTextual() && output.path("OutputName").isTextual()) {
            String stackName = output.path("StackName").asText();
            StackTemplate producer = stacks.get(byStackName.getOrDefault(stackName, stackName));
            JsonNode produced = producer == null ? null : producer.output(output.path("OutputName").asText());
            return produced == null ? Optional.empty() : Optional.of(new Exported(producer, produced));
        }
        JsonNode name = value.get("Fn::ImportValue");
        if (name == null || !name.isTextual()) {
            return Optional.empty();
        }
        for (StackTemplate s : stacks.values()) {
            JsonNode exported = s.export(name.asText());
            if (exported != null) {
                return Optional.of(new Exported(s, exported));
            }
        }
        return Optional.empty();
    }

    private record Exported(StackTemplate stack, JsonNode value) {
    }
}
