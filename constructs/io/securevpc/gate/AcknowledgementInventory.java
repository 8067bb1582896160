package io.securevpc.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.securevpc.compliance.Acknowledgements;
import io.securevpc.internal.Maps;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.Validations;

/**
 * Every acknowledgement of the checked stacks, read from the cloud assembly (construct metadata
 * {@code aws:cdk:acknowledged-rules}, whoever recorded it: {@link Acknowledgements}, a raw
 * {@code Validations.of(x).acknowledge(...)}, aws-cdk-lib itself), plus those on the app and its stages (which no
 * stack's metadata holds), each with who made it ({@link Entry#source()}).
 *
 * <p>Who made it: {@value Acknowledgements#SOURCE_LIBRARY} when {@link Acknowledgements} recorded it from a class of
 * the library ({@value Acknowledgements#SOURCE_METADATA} beside it); {@value #SOURCE_CDK} when it is one of the
 * CloudFormation-validation acknowledgements aws-cdk-lib adds itself ({@link #CDK_OWN}, same id and reason);
 * otherwise {@value Acknowledgements#SOURCE_APP}.
 *
 * <p>Where it is ({@link Scope}): on a resource (a {@code CfnResource}: the tree's node has a CloudFormation type or
 * is a plain {@code CfnResource}), on the L2 of one (the construct's child {@code Resource} or {@code Default}, CDK's
 * default child, is a resource, or its only child is one and has no children, as a {@code FlowLog}'s), or on
 * anything else (the app, a stage, a stack, a group of constructs, an output).
 */
public final class AcknowledgementInventory {
    /** Source of the CloudFormation-validation acknowledgements aws-cdk-lib records itself. */
    public static final String SOURCE_CDK = "aws-cdk-lib";
    /** Prefix of the ids of CloudFormation validation (CDK's plugin name, spaces as dashes). */
    public static final String CFN_PREFIX = "CloudFormation-Validate::";
    private static final String CFN_FLOW_LOG = "AWS::EC2::FlowLog DestinationOptions accepts properties in camelCase, "
            + "even they are listed as PascalCase in the spec";
    /**
     * The acknowledgements aws-cdk-lib 2.263.0 records itself (id → reason), each on the construct it makes: the
     * {@code FlowLog} (F3002, F3003), {@code Bucket}, {@code BucketPolicy}, {@code Rule}, {@code Certificate},
     * {@code Canary}, EKS clusters and AppSync data sources (id → the reasons it is recorded with). CDK applies them app-wide by id; the gate limits them to
     * the resources below the construct they are recorded on.
     */
    public static final Map<String, List<String>> CDK_OWN = Map.ofEntries(
            Map.entry(CFN_PREFIX + "F3002", List.of(CFN_FLOW_LOG)),
            Map.entry(CFN_PREFIX + "F3003", List.of(CFN_FLOW_LOG)),
            Map.entry(CFN_PREFIX + "W3045", List.of("accessControl is deprecated, but we are still using it for historical "
                    + "reasons.")),
            Map.entry(CFN_PREFIX + "W9003", List.of("LifecycleRule.objectSizeLessThan and LifecycleRule.objectSizeGreaterThan "
                    + "are numbers for historical reasons")),
            Map.entry(CFN_PREFIX + "E3019", List.of("We are intentionally creating a duplicate resource")),
            Map.entry(CFN_PREFIX + "F3037", List.of("Duplicate domain names in subjectAlternativeNames exist for historical "
                    + "reasons")),
            Map.entry(CFN_PREFIX + "F3032", List.of("An empty list of resources to replicate tags is historically supported by "
                    + "this construct.")),
            Map.entry(CFN_PREFIX + "W2506", List.of("SSM parameter is typed as String instead of "
                    + "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id> for historical reasons.")),
            Map.entry(CFN_PREFIX + "W9009", List.of("elasticSearchConfig is deprecated, but still in use for historical "
                    + "reasons", "action is deprecated, but still in use for historical reasons")));

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where an acknowledgement is recorded. */
    public enum Scope {
        /** On a {@code CfnResource}. */
        RESOURCE,
        /**
         * On a construct whose default child ({@code Resource} or {@code Default}) is a {@code CfnResource}, or whose
         * only child is one with no children.
         */
        L2_OF_RESOURCE,
        /** On anything else: the app, a stage, a stack, a group of constructs, an output, a parameter. */
        NOT_A_RESOURCE
    }

    /**
     * One acknowledgement: one rule id on one construct.
     *
     * @param rule the id as packs report it ({@code Annotation::} dropped, as cdk-nag reads it), or with its plugin
     *     prefix ({@code CloudFormation-Validate::F3002}); a construct warning's as {@code Annotation::<id>}
     * @param path the construct path, {@code ""} for the app
     * @param kind the construct's class in the tree ({@code aws-cdk-lib.Stack}), {@code ""} when unknown
     * @param by the class that called {@link Acknowledgements}, {@value #SOURCE_CDK}, or {@code ""} when unknown
     * @param template the template of the stack the construct is in, {@code null} outside every stack
     */
    public record Entry(String rule, String path, String kind, String reason, String source, String by, Scope scope,
                        @Nullable Path template) {
        /** @return the path as people read it: {@code (the app)} for the root. */
        public String where() {
            return path.isEmpty() ? "(the app)" : path;
        }

        /** @return whether this acknowledgement is aws-cdk-lib's own. */
        public boolean cdkOwn() {
            return SOURCE_CDK.equals(source);
        }

        /** @return whether the construct at {@code resourcePath} is this acknowledgement's construct or below it. */
        public boolean covers(final String resourcePath) {
            return path.isEmpty() || resourcePath.equals(path) || resourcePath.startsWith(path + "/");
        }
    }

    /** One metadata entry recorded on a construct outside every stack (the app, a stage). */
    record Recorded(String path, String type, Object data) {
    }

    private final List<Entry> entries;
    private final Map<Path, Map<String, String>> logicalIdPaths;

    private AcknowledgementInventory(final List<Entry> entries, final Map<Path, Map<String, String>> logicalIdPaths) {
        this.entries = List.copyOf(entries);
        this.logicalIdPaths = logicalIdPaths;
    }

    /** @return every acknowledgement, by path then rule id. */
    public @NotNull List<Entry> entries() {
        return entries;
    }

    /** @return the construct path of every logical id of a checked template (empty when unknown). */
    @NotNull Map<String, String> logicalIdPaths(final @NotNull Path template) {
        return logicalIdPaths.getOrDefault(template.toAbsolutePath().normalize(), Maps.of());
    }

    /** @return the construct path of a resource of a checked template, or {@code null} when unknown. */
    @Nullable String pathOf(final Path template, final String logicalId) {
        Map<String, String> paths = logicalIdPaths.get(template.toAbsolutePath().normalize());
        return paths == null ? null : paths.get(logicalId);
    }

    /**
     * Reads the assembly in {@code outdir} for the stacks whose template is in {@code templates}.
     *
     * @param outside metadata recorded on the app and its stages (outside every stack)
     */
    static @NotNull AcknowledgementInventory read(final @NotNull Path outdir, final @NotNull Set<Path> templates,
                                                  final @NotNull List<Recorded> outside) {
        Map<String, String> kinds = new HashMap<>();
        Set<String> resources = new HashSet<>();
        Map<String, List<String>> children = new HashMap<>();
        JsonNode tree;
        try {
            tree = GateFiles.readTree(outdir.resolve("tree.json"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + outdir.resolve("tree.json") + " of the cloud assembly: " + e,
                    e);
        }
        readTree(outdir, tree.path("tree"), kinds, resources, children);
        Map<String, List<Recorded>> byPath = new LinkedHashMap<>();
        Map<String, Path> templateOfPath = new HashMap<>();
        Map<Path, Map<String, String>> logicalIds = new HashMap<>();
        for (Recorded r : outside) {
            byPath.computeIfAbsent(r.path(), k -> new ArrayList<>()).add(r);
        }
        readAssembly(outdir, templates, byPath, templateOfPath, logicalIds);
        List<Entry> entries = new ArrayList<>();
        byPath.forEach((path, recorded) -> entries.addAll(entriesOf(path, recorded, kinds.getOrDefault(path, ""),
                scopeOf(path, resources, children), templateOfPath.get(path))));
        entries.sort(Comparator.comparing(Entry::path).thenComparing(Entry::rule));
        return new AcknowledgementInventory(entries, logicalIds);
    }

    private static Scope scopeOf(final String path, final Set<String> resources,
                                 final Map<String, List<String>> children) {
        if (resources.contains(path)) {
            return Scope.RESOURCE;
        }
        List<String> below = children.getOrDefault(path, List.of());
        boolean onlyChild = below.size() == 1 && resources.contains(below.get(0))
                && children.getOrDefault(below.get(0), List.of()).isEmpty();
        return !path.isEmpty() && (resources.contains(path + "/Resource") || resources.contains(path + "/Default")
                || onlyChild) ? Scope.L2_OF_RESOURCE : Scope.NOT_A_RESOURCE;
    }

    @SuppressWarnings("unchecked")
    private static List<Entry> entriesOf(final String path, final List<Recorded> recorded, final String kind,
                                         final Scope scope, final @Nullable Path template) {
        Map<String, String[]> sources = new HashMap<>();
        for (Recorded r : recorded) {
            if (Acknowledgements.SOURCE_METADATA.equals(r.type()) && r.data() instanceof Map<?, ?> m) {
                String source = String.valueOf(m.get("source"));
                String by = String.valueOf(m.get("by"));
                if (m.get("ids") instanceof List<?> ids) {
                    ids.forEach(id -> sources.putIfAbsent(String.valueOf(id), new String[] {source, by}));
                }
            }
        }
        Map<String, Entry> out = new LinkedHashMap<>();
        for (Recorded r : recorded) {
            boolean rule = Validations.ACKNOWLEDGED_RULES_METADATA_KEY.equals(r.type());
            boolean warning = Acknowledgements.ACKNOWLEDGED_WARNING_METADATA.equals(r.type());
            if ((!rule && !warning) || !(r.data() instanceof Map<?, ?> data)) {
                continue;
            }
            for (Map.Entry<String, Object> e : ((Map<String, Object>) data).entrySet()) {
                String id = warning ? Acknowledgements.ANNOTATION_ID_PREFIX + e.getKey()
                        : e.getKey().replaceFirst("(?i)^annotation::", "");
                String reason = String.valueOf(e.getValue());
                String[] source = sources.get(id);
                if (source == null) {
                    source = CDK_OWN.getOrDefault(id, List.of()).contains(reason) ? new String[] {SOURCE_CDK, SOURCE_CDK}
                            : new String[] {Acknowledgements.SOURCE_APP, ""};
                }
                // the source marker is the library's only when its class is one of the library's packages
                String src = Acknowledgements.SOURCE_LIBRARY.equals(source[0])
                        && !Acknowledgements.SOURCE_LIBRARY.equals(Acknowledgements.sourceOf(source[1]))
                        ? Acknowledgements.SOURCE_APP : source[0];
                out.putIfAbsent(id, new Entry(id, path, kind, reason, src, source[1], scope, template));
            }
        }
        return new ArrayList<>(out.values());
    }

    private static void readTree(final Path outdir, final JsonNode node, final Map<String, String> kinds,
                                 final Set<String> resources, final Map<String, List<String>> children) {
        JsonNode current = node;
        if (current.hasNonNull("fileName") && current.hasNonNull("treeId")) {
            current = readJson(outdir.resolve(current.get("fileName").asText())).path("forest")
                    .path(current.get("treeId").asText());
        }
        if (current.has("path")) {
            String path = current.get("path").asText();
            String fqn = current.path("constructInfo").path("fqn").asText("");
            kinds.put(path, fqn);
            if (current.path("attributes").has("aws:cdk:cloudformation:type")
                    || DeployedResources.UNTYPED_FQN.equals(fqn)) {
                resources.add(path);
            }
        }
        for (JsonNode child : current.path("children")) {
            readTree(outdir, child, kinds, resources, children);
            if (current.has("path") && child.has("path")) {
                children.computeIfAbsent(current.get("path").asText(), k -> new ArrayList<>())
                        .add(child.get("path").asText());
            }
        }
    }

    private static void readAssembly(final Path dir, final Set<Path> templates, final Map<String, List<Recorded>> byPath,
                                     final Map<String, Path> templateOfPath, final Map<Path, Map<String, String>> ids) {
        JsonNode manifest = readJson(dir.resolve("manifest.json"));
        for (Iterator<JsonNode> it = manifest.path("artifacts").elements(); it.hasNext(); ) {
            JsonNode artifact = it.next();
            String type = artifact.path("type").asText();
            if ("cdk:cloud-assembly".equals(type)) {
                readAssembly(dir.resolve(artifact.path("properties").path("directoryName").asText()), templates,
                        byPath, templateOfPath, ids);
                continue;
            }
            if (!"aws:cloudformation:stack".equals(type)) {
                continue;
            }
            Path template = dir.resolve(artifact.path("properties").path("templateFile").asText()).toAbsolutePath()
                    .normalize();
            if (!templates.contains(template)) {
                continue;
            }
            JsonNode metadata = artifact.has("additionalMetadataFile")
                    ? readJson(dir.resolve(artifact.path("additionalMetadataFile").asText()))
                    : artifact.path("metadata");
            Map<String, String> logicalIds = ids.computeIfAbsent(template, k -> new HashMap<>());
            metadata.fields().forEachRemaining(e -> {
                String path = e.getKey().startsWith("/") ? e.getKey().substring(1) : e.getKey();
                templateOfPath.putIfAbsent(path, template);
                for (JsonNode entry : e.getValue()) {
                    String t = entry.path("type").asText();
                    if ("aws:cdk:logicalId".equals(t) && entry.path("data").isTextual()) {
                        logicalIds.putIfAbsent(entry.path("data").asText(), path);
                    } else if (Validations.ACKNOWLEDGED_RULES_METADATA_KEY.equals(t)
                            || Acknowledgements.ACKNOWLEDGED_WARNING_METADATA.equals(t)
                            || Acknowledgements.SOURCE_METADATA.equals(t)) {
                        byPath.computeIfAbsent(path, k -> new ArrayList<>())
                                .add(new Recorded(path, t, JSON.convertValue(entry.path("data"), Object.class)));
                    }
                }
            });
        }
    }

    private static JsonNode readJson(final Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + " of the cloud assembly: " + e, e);
        }
    }
}
