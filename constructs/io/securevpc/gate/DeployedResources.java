package io.securevpc.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cdklabs.cdknag.NagPack;
import io.securevpc.nag.BlueprintChecks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.PolicyViolatingResource;
import software.amazon.awscdk.PolicyViolation;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.cloudformation.include.CfnInclude;
import software.constructs.IConstruct;

/**
 * What CloudFormation deploys that a pack walking the construct tree does not judge, and the check of it.
 *
 * <p>A stock cdk-nag rule matches a resource by its L1 class ({@code node instanceof CfnFunction}), so a resource
 * made through a plain {@code CfnResource} (aws-cdk-lib's own custom-resource providers, a consumer's escape hatch)
 * is never judged although it deploys like any other. This class finds those resources in the synthesized
 * templates (the cloud assembly's {@code tree.json} names every construct's class: {@code aws-cdk-lib.CfnResource}
 * is an untyped one), imports each template that holds some with {@link CfnInclude} into a scratch app, where they
 * become typed L1 constructs, copies the acknowledgements of the original resource and its parents onto them, and
 * runs a pack on each of them. Findings are mapped back to the original stack's template, logical id and construct
 * path, so they are reported, baselined and counted like any other. Nested stacks' templates are read too: a
 * pack walking the tree judges their typed resources, this class their untyped ones; the project's pack, which
 * reads only the assembly's stack templates, gets a fatal finding per nested stack instead ({@link #NESTED_RULE}).
 *
 * <p>Read once per validation call and shared by all packs; the scratch app is built on the first pack that needs
 * it. A template that cannot be imported fails the gate (the caller reports it as a fatal error), never passes.
 */
final class DeployedResources {
    /** Rule name of the fatal finding on a nested stack the project's pack cannot read. */
    static final String NESTED_RULE = "SecureVpc-NestedStackNotChecked";
    /** The construct class of a resource made through a plain {@code CfnResource}. */
    static final String UNTYPED_FQN = "aws-cdk-lib.CfnResource";
    private static final String TREE_FILE = "tree.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One resource no tree-walking pack judges: where it is in the deployed templates. */
    record Target(Path template, String logicalId, String type, @Nullable String constructPath,
                  List<Map<String, Object>> acknowledgements) {
    }

    /** A nested stack: its resource in the parent template and the nested template. */
    record Nested(Path parentTemplate, String logicalId, @Nullable String constructPath, Path template,
                  int resources) {
    }

    private final List<Target> targets;
    private final List<Nested> nested;
    /** Scratch construct path of every target, once the scratch app is built. */
    private Map<String, Target> byScratchPath;
    private List<CfnResource> scratchResources;
    private Stack scratchResolver;

    private DeployedResources(final List<Target> targets, final List<Nested> nested) {
        this.targets = List.copyOf(targets);
        this.nested = List.copyOf(nested);
    }

    /**
     * Reads the cloud assembly of {@code root} (synthesizing the app first when called outside synth, as
     * {@link BlueprintChecks} does) for the stacks whose template is in {@code templates}.
     */
    static @NotNull DeployedResources read(final @NotNull IConstruct root, final @NotNull Set<Path> templates) {
        Path outdir = Paths.get(((Stage) root).getOutdir());
        if (!Files.exists(outdir.resolve("manifest.json"))) {
            ((Stage) root).synth();
        }
        return read(outdir, templates);
    }

    /** For {@link GatedPack#check(List)} outside synth: the stacks' own templates. */
    static @NotNull DeployedResources of(final @NotNull List<Stack> stacks) {
        if (stacks.isEmpty()) {
            return new DeployedResources(List.of(), List.of());
        }
        IConstruct root = stacks.get(0).getNode().getRoot();
        Set<Path> templates = new java.util.HashSet<>();
        for (Stack stack : stacks) {
            templates.add(Paths.get(Stage.of(stack).getOutdir(), stack.getTemplateFile()).toAbsolutePath().normalize());
        }
        return read(root, templates);
    }

    /** Reads the assembly in {@code outdir} (the app's), nested assemblies included. */
    static @NotNull DeployedResources read(final @NotNull Path outdir, final @NotNull Set<Path> templates) {
        Path tree = outdir.resolve(TREE_FILE);
        if (!Files.exists(tree)) {
            throw new IllegalStateException("the cloud assembly has no " + TREE_FILE + " (the app was built with "
                    + "treeMetadata false?): without it the gate cannot tell which resources the packs judged, so "
                    + "nothing was checked. Keep the App's treeMetadata on.");
        }
        Map<String, String> classes = new HashMap<>();
        JsonNode treeJson;
        try {
            treeJson = GateFiles.readTree(tree);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + tree, e);
        }
        collectClasses(outdir, treeJson.path("tree"), classes);
        List<Target> targets = new ArrayList<>();
        List<Nested> nested = new ArrayList<>();
        readAssembly(outdir, templates, classes, targets, nested);
        return new DeployedResources(targets, nested);
    }

    /** @return the resources no tree-walking pack judges, in template order. */
    @NotNull List<Target> targets() {
        return targets;
    }

    /** @return the resources and nested stacks of {@code templates} only, for checking those stacks alone. */
    @NotNull DeployedResources only(final @NotNull Set<Path> templates) {
        Set<Path> all = new java.util.HashSet<>(templates);
        boolean grew = true;
        while (grew) { // the templates of their nested stacks, at any depth
            grew = false;
            for (Nested n : nested) {
                if (n.template() != null && all.contains(n.parentTemplate())) {
                    grew |= all.add(n.template());
                }
            }
        }
        return new DeployedResources(targets.stream().filter(t -> all.contains(t.template())).toList(),
                nested.stream().filter(n -> all.contains(n.parentTemplate())).toList());
    }

    /** @return whether the stack of {@code template} holds a nested stack (its findings span several templates). */
    boolean hasNested(final @NotNull Path template) {
        return nested.stream().anyMatch(n -> n.parentTemplate().equals(template));
    }

    /** @return the resources of {@code template} no tree-walking pack judges, in template order. */
    @NotNull List<Target> targetsOf(final @NotNull Path template) {
        return targets.stream().filter(t -> t.template().equals(template)).toList();
    }

    /** @return the nested stacks of the checked stacks. */
    @NotNull List<Nested> nestedStacks() {
        return nested;
    }

    /**
     * The findings of {@code pack} that a walk of the construct tree misses: for the project's pack (which reads
     * templates, untyped resources included) one fatal finding per nested stack; for any other pack, its findings on
     * the untyped resources, mapped back to the deployed templates, acknowledgements applied.
     */
    @NotNull List<PolicyViolation> validate(final @NotNull NagPack pack) {
        List<Nested> unread = pack instanceof BlueprintChecks ? nested
                : nested.stream().filter(n -> n.template() == null).toList();
        List<PolicyViolation> out = new ArrayList<>();
        if (!unread.isEmpty()) {
            out.add(nestedNotChecked(pack.getName(), unread));
        }
        if (pack instanceof BlueprintChecks || targets.isEmpty()) {
            return out;
        }
        buildScratch();
        for (PolicyViolation v : ValidationReports.validate(pack, scratchResources, scratchResolver)) {
            List<PolicyViolatingResource> resources = new ArrayList<>();
            for (PolicyViolatingResource r : v.getViolatingResources()) {
                Target t = byScratchPath.get(r.getConstructPath());
                if (t == null) {
                    throw new IllegalStateException(pack.getName() + " reported " + v.getRuleName() + " on "
                            + r.getConstructPath() + ", which is none of the imported resources it was given");
                }
                PolicyViolatingResource.Builder b = PolicyViolatingResource.builder().resourceLogicalId(t.logicalId())
                        .templatePath(t.template().toString()).locations(r.getLocations());
                if (t.constructPath() != null) {
                    b.constructPath(t.constructPath());
                }
                resources.add(b.build());
            }
            out.add(PolicyViolation.builder().ruleName(v.getRuleName()).description(v.getDescription())
                    .severity(v.getSeverity()).fix(v.getFix()).ruleMetadata(v.getRuleMetadata())
                    .violatingResources(resources).build());
        }
        return out;
    }

    /**
     * The fatal finding on nested stacks a pack has not checked: the project's pack reads only the assembly's stack
     * templates; no pack can read a template that is not in the assembly.
     */
    private static PolicyViolation nestedNotChecked(final String packName, final List<Nested> unread) {
        List<PolicyViolatingResource> resources = new ArrayList<>();
        StringBuilder names = new StringBuilder();
        for (Nested n : unread) {
            PolicyViolatingResource.Builder b = PolicyViolatingResource.builder().resourceLogicalId(n.logicalId())
                    .templatePath(n.parentTemplate().toString()).locations(List.of("Properties/TemplateURL"));
            if (n.constructPath() != null) {
                b.constructPath(n.constructPath());
            }
            resources.add(b.build());
            names.append(names.length() == 0 ? "" : ", ").append(n.constructPath() != null ? n.constructPath()
                    : n.logicalId()).append(n.template() == null ? " (template not in the cloud assembly)"
                    : " (" + n.template().getFileName() + ", " + n.resources()
                    + (n.resources() == 1 ? " resource)" : " resources)"));
        }
        boolean external = unread.stream().allMatch(n -> n.template() == null);
        return PolicyViolation.builder().ruleName(NESTED_RULE).severity("fatal")
                .description(packName + (external ? " cannot read the template" : " reads only the templates of the "
                        + "cloud assembly's stacks, so it has not checked the resources") + " of nested stack "
                        + names + ": they would deploy unjudged.")
                .fix(external ? "Define the nested stack in the app (NestedStack) or check its template with "
                        + "CheckTemplate before deploying it." : "Move the nested stack's resources into a "
                        + "top-level Stack, or build the gate with blueprintChecks(false) to run the stock packs "
                        + "alone (they check nested stacks).")
                .violatingResources(resources).build();
    }

    /** Imports every template that holds a target into a scratch app, once; acknowledgements copied. */
    private void buildScratch() {
        if (scratchResources != null) {
            return;
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("securevpc-gate-scan");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        App app = App.Builder.create().outdir(dir.resolve("cdk.out").toString()).build();
        Map<Path, List<Target>> byTemplate = new LinkedHashMap<>();
        targets.forEach(t -> byTemplate.computeIfAbsent(t.template(), k -> new ArrayList<>()).add(t));
        Map<String, Target> paths = new HashMap<>();
        List<CfnResource> resources = new ArrayList<>();
        Stack resolver = null;
        int i = 0;
        for (Map.Entry<Path, List<Target>> e : byTemplate.entrySet()) {
            String stackId = "Scan" + i;
            Path copy = dir.resolve(stackId + ".template.json");
            CfnInclude include;
            try {
                Files.write(copy, JSON.writeValueAsBytes(ImportableTemplate.of(readJson(e.getKey()),
                        e.getValue().stream().map(Target::logicalId).toList())));
                Stack stack = new Stack(app, stackId);
                resolver = resolver == null ? stack : resolver;
                include = CfnInclude.Builder.create(stack, "Template").templateFile(copy.toString()).build();
            } catch (IOException | RuntimeException ex) {
                throw new IllegalStateException("cannot import " + e.getKey() + " to check its " + e.getValue().size()
                        + " resources made through a plain CfnResource (" + e.getValue().stream()
                        .map(Target::logicalId).toList() + "): " + ex.getMessage(), ex);
            }
            // in a callback of its own (JsiiTrampoline): these requests must not pile up in node's stack
            CfnInclude imported = include;
            resources.addAll(JsiiTrampoline.call(resolver, () -> {
                List<CfnResource> found = new ArrayList<>();
                for (Target t : e.getValue()) {
                    CfnResource r = imported.getResource(t.logicalId());
                    for (Map<String, Object> ack : t.acknowledgements()) {
                        r.getNode().addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, ack);
                    }
                    found.add(r);
                }
                return found;
            }));
            for (Target t : e.getValue()) {
                paths.put(stackId + "/Template/" + t.logicalId(), t);
            }
            i++;
        }
        byScratchPath = paths;
        scratchResources = resources;
        scratchResolver = resolver;
        deleteRecursively(dir); // CfnInclude has read the copies; the scratch app is never synthesized
    }

    private static void deleteRecursively(final Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }

    private static void readAssembly(final Path dir, final Set<Path> templates, final Map<String, String> classes,
                                     final List<Target> targets, final List<Nested> nested) {
        JsonNode manifest = readJson(dir.resolve("manifest.json"));
        for (Iterator<Map.Entry<String, JsonNode>> it = manifest.path("artifacts").fields(); it.hasNext(); ) {
            JsonNode artifact = it.next().getValue();
            String type = artifact.path("type").asText();
            if ("cdk:cloud-assembly".equals(type)) {
                readAssembly(dir.resolve(artifact.path("properties").path("directoryName").asText()), templates,
                        classes, targets, nested);
            } else if ("aws:cloudformation:stack".equals(type)) {
                Path template = dir.resolve(artifact.path("properties").path("templateFile").asText())
                        .toAbsolutePath().normalize();
                if (!templates.contains(template)) {
                    continue;
                }
                JsonNode metadata = artifact.has("additionalMetadataFile")
                        ? readJson(dir.resolve(artifact.path("additionalMetadataFile").asText()))
                        : artifact.path("metadata");
                Map<String, String> logicalIdPaths = new HashMap<>();
                Map<String, List<Map<String, Object>>> acknowledgements = new HashMap<>();
                readMetadata(metadata, logicalIdPaths, acknowledgements);
                Map<String, Path> fileAssets = new HashMap<>();
                for (JsonNode dependency : artifact.path("dependencies")) {
                    JsonNode assets = manifest.path("artifacts").path(dependency.asText());
                    if ("cdk:asset-manifest".equals(assets.path("type").asText())) {
                        readJson(dir.resolve(assets.path("properties").path("file").asText())).path("files").fields()
                                .forEachRemaining(f -> fileAssets.put(f.getKey(),
                                        dir.resolve(f.getValue().path("source").path("path").asText())));
                    }
                }
                readTemplate(template, new StackInfo(logicalIdPaths, acknowledgements, fileAssets), classes, targets,
                        nested);
            }
        }
    }

    /** Logical id → construct path, and construct path → acknowledgement entries, from a stack's metadata. */
    @SuppressWarnings("unchecked")
    private static void readMetadata(final JsonNode metadata, final Map<String, String> logicalIdPaths,
                                     final Map<String, List<Map<String, Object>>> acknowledgements) {
        metadata.fields().forEachRemaining(e -> {
            String path = e.getKey().startsWith("/") ? e.getKey().substring(1) : e.getKey();
            for (JsonNode entry : e.getValue()) {
                String type = entry.path("type").asText();
                if ("aws:cdk:logicalId".equals(type) && entry.path("data").isTextual()) {
                    logicalIdPaths.putIfAbsent(entry.path("data").asText(), path);
                } else if (Validations.ACKNOWLEDGED_RULES_METADATA_KEY.equals(type) && entry.path("data").isObject()) {
                    acknowledgements.computeIfAbsent(path, k -> new ArrayList<>())
                            .add(JSON.convertValue(entry.get("data"), Map.class));
                }
            }
        });
    }

    /** What a stack artifact's metadata and asset manifest say about the resources of its templates. */
    private record StackInfo(Map<String, String> logicalIdPaths,
                             Map<String, List<Map<String, Object>>> acknowledgements,
                             Map<String, Path> fileAssets) {
    }

    private static void readTemplate(final Path template, final StackInfo stack, final Map<String, String> classes,
                                     final List<Target> targets, final List<Nested> nested) {
        JsonNode resources = readJson(template).path("Resources");
        for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode resource = e.getValue();
            String type = resource.path("Type").asText();
            JsonNode cdkPath = resource.path("Metadata").path("aws:cdk:path");
            String path = cdkPath.isTextual() ? cdkPath.asText() : stack.logicalIdPaths().get(e.getKey());
            if ("AWS::CloudFormation::Stack".equals(type)) {
                Path child = nestedTemplate(template, resource, stack.fileAssets());
                int count = child == null ? 0 : readJson(child).path("Resources").size();
                nested.add(new Nested(template, e.getKey(), path, child, count));
                if (child != null) {
                    readTemplate(child, stack, classes, targets, nested);
                }
            }
            String fqn = path == null ? null : classes.get(path);
            boolean untyped = fqn == null || UNTYPED_FQN.equals(fqn);
            if (untyped && type.startsWith("AWS::") && !"AWS::CDK::Metadata".equals(type)) {
                targets.add(new Target(template, e.getKey(), type, path,
                        acknowledgementsOf(path, stack.acknowledgements())));
            }
        }
    }

    /**
     * The template of a nested stack in the assembly: from the resource's asset metadata when the CLI asked for it,
     * else the file asset whose object key its {@code TemplateURL} names; {@code null} for a template not in the
     * assembly (an external {@code TemplateURL}).
     */
    private static @Nullable Path nestedTemplate(final Path parent, final JsonNode resource,
                                                 final Map<String, Path> fileAssets) {
        String assetPath = resource.path("Metadata").path("aws:asset:path").asText("");
        if (assetPath.endsWith(".json")) {
            return parent.resolveSibling(assetPath).toAbsolutePath().normalize();
        }
        String url = resource.path("Properties").path("TemplateURL").toString();
        for (Map.Entry<String, Path> asset : fileAssets.entrySet()) {
            if (url.contains(asset.getKey() + ".json") && Files.exists(asset.getValue())) {
                return asset.getValue().toAbsolutePath().normalize();
            }
        }
        return null;
    }

    /** The acknowledgement entries of a construct and of every construct above it, as cdk-nag reads them. */
    private static List<Map<String, Object>> acknowledgementsOf(final @Nullable String path,
                                                                final Map<String, List<Map<String, Object>>> byPath) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String p = path; p != null && !p.isEmpty();
             p = p.contains("/") ? p.substring(0, p.lastIndexOf('/')) : null) {
            out.addAll(byPath.getOrDefault(p, List.of()));
        }
        return out;
    }

    /** Construct path → jsii class of every node of the tree (fragmented trees' subtree files followed). */
    private static void collectClasses(final Path outdir, final JsonNode node, final Map<String, String> out) {
        JsonNode current = node;
        if (current.hasNonNull("fileName") && current.hasNonNull("treeId")) {
            current = readJson(outdir.resolve(current.get("fileName").asText())).path("forest")
                    .path(current.get("treeId").asText());
        }
        if (current.has("path")) {
            out.put(current.get("path").asText(), current.path("constructInfo").path("fqn").asText(null));
        }
        for (JsonNode child : current.path("children")) {
            collectClasses(outdir, child, out);
        }
    }

    private static JsonNode readJson(final Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
