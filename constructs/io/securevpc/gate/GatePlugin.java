package io.securevpc.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.IPolicyValidationContext;
import software.amazon.awscdk.IPolicyValidationPlugin;
import software.amazon.awscdk.PolicyValidationPluginReport;
import software.amazon.awscdk.PolicyValidationStack;
import software.amazon.awscdk.PolicyViolatingResource;
import software.amazon.awscdk.PolicyViolation;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.Validations;
import software.constructs.MetadataEntry;
import software.constructs.IConstruct;

/**
 * The one validation plugin the gate registers for all its packs. CDK calls a plugin written in Java back
 * from JavaScript, and jsii's kernel host serves every request Java makes during that callback one stack
 * frame deeper than the previous one, until the callback returns. One plugin per pack made the callbacks
 * grow with packs × stacks; with one plugin the depth is the number of requests inside this one callback,
 * which is kept small: each pack runs once per stack and its reports come back to Java in one request
 * ({@link ValidationReports}), not one per field (reading them field by field overflowed node's stack at 25
 * environments).
 */
final class GatePlugin implements IPolicyValidationPlugin {
    /** The plugin's name in CDK's validation report. */
    static final String NAME = "SecureVpc ComplianceGate";

    /** Rule name of the error reported when the gate itself fails (a pack threw): nothing was checked. */
    static final String FAILED_RULE = "SecureVpc-ComplianceGateFailed";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<GatedPack> packs;
    private final boolean refuseBroadAcknowledgements;
    private Exception failure;
    /** Every acknowledgement of the checked stacks with the gate's verdict, by rule id and path, since reset. */
    private final Map<String, AcknowledgementInventory.Entry> acknowledgements = new TreeMap<>();
    /** The resources each acknowledgement CDK applies app-wide was found to cover, since reset. */
    private final Map<String, Set<String>> covered = new HashMap<>();
    /** Why each acknowledgement was refused (empty: accepted), by rule id and path, since reset. */
    private final Map<String, List<String>> problems = new HashMap<>();
    private Set<Path> lastTemplates;
    private AcknowledgementInventory lastInventory;

    GatePlugin(final List<GatedPack> packs) {
        this(packs, true);
    }

    /**
     * @param refuseBroadAcknowledgements {@code false} to report refused acknowledgements as warnings
     *     ({@link ComplianceGate.Builder#allowBroadAcknowledgements()})
     */
    GatePlugin(final List<GatedPack> packs, final boolean refuseBroadAcknowledgements) {
        this(packs, refuseBroadAcknowledgements, null, Set.of(), "");
    }

    /**
     * @param cache where the findings of {@code cached} packs and of CloudFormation validation are kept per template
     *     ({@link GateCache}); {@code null} for none
     * @param cached the packs whose findings are cached (the stock packs: their version names their rules)
     * @param options the gate's options, part of every cache key
     */
    GatePlugin(final List<GatedPack> packs, final boolean refuseBroadAcknowledgements, final @Nullable GateCache cache,
               final Set<GatedPack> cached, final String options) {
        this.packs = List.copyOf(packs);
        this.refuseBroadAcknowledgements = refuseBroadAcknowledgements;
        this.cache = cache;
        this.cached = Set.copyOf(cached);
        this.options = options;
    }

    private final @Nullable GateCache cache;
    private final Set<GatedPack> cached;
    private final String options;
    /** SHA-256 of each template's bytes, since reset. */
    private final Map<Path, String> templateHashes = new HashMap<>();

    /** @return the gate's cache, {@code null} when off. */
    @Nullable GateCache getCache() {
        return cache;
    }

    /** @return every acknowledgement of the stacks checked since the last {@link #reset()}, by path and rule id. */
    @NotNull List<AcknowledgementInventory.Entry> getAcknowledgements() {
        return acknowledgements.values().stream()
                .sorted(java.util.Comparator.comparing(AcknowledgementInventory.Entry::path)
                        .thenComparing(AcknowledgementInventory.Entry::rule)).toList();
    }

    /** @return the resources with a finding that an acknowledgement CDK applies app-wide covers, by rule id and path. */
    @NotNull List<String> coveredBy(final @NotNull AcknowledgementInventory.Entry entry) {
        return List.copyOf(covered.getOrDefault(AcknowledgementJudge.key(entry), Set.of()));
    }

    /** @return why the gate refused {@code entry} (empty when accepted). */
    @NotNull List<String> problemsOf(final @NotNull AcknowledgementInventory.Entry entry) {
        return problems.getOrDefault(AcknowledgementJudge.key(entry), List.of());
    }

    /** @return whether refused acknowledgements fail synth. */
    boolean refusesBroadAcknowledgements() {
        return refuseBroadAcknowledgements;
    }

    /** @return why a validation since the last {@link #reset()} could not run (the first failure), or {@code null}. */
    @Nullable Exception getFailure() {
        return failure;
    }

    /**
     * Forgets an earlier failure. CDK calls the plugin once per account and region, so a failure is kept across
     * those calls (a later environment that passes must not hide it) and cleared only before the next synth.
     */
    void reset() {
        failure = null;
        acknowledgements.clear();
        covered.clear();
        problems.clear();
        lastTemplates = null;
        lastInventory = null;
        templateHashes.clear();
        packsNanos = 0;
        cloudFormationNanos = 0;
        if (cache != null) {
            cache.resetStats();
        }
    }

    @Override
    public @NotNull String getName() {
        return NAME;
    }

    /**
     * Runs every pack; fails closed. If a pack throws, CDK would record only "plugin failed" with no violation,
     * and `cdk synth` (which decides from the violations) would pass an app nothing checked. So the failure is
     * reported as a fatal violation (one no acknowledgement can suppress) on every stack of the call.
     */
    @Override
    public @NotNull PolicyValidationPluginReport validate(final @NotNull IPolicyValidationContext context) {
        long start = System.nanoTime();
        try {
            return check(context);
        } catch (Exception e) {
            if (failure == null) {
                failure = e;
            }
            return PolicyValidationPluginReport.builder().success(false).violations(List.of(gateFailed(context, e)))
                    .build();
        } finally {
            packsNanos += System.nanoTime() - start;
        }
    }

    private long packsNanos;
    private long cloudFormationNanos;

    /** @return the time the packs' validation took since the last {@link #reset()} (cache included), in ms. */
    long getPacksMillis() {
        return packsNanos / 1_000_000;
    }

    /** @return the time CloudFormation validation took since the last {@link #reset()} (cache included), in ms. */
    long getCloudFormationMillis() {
        return cloudFormationNanos / 1_000_000;
    }

    private static PolicyViolation gateFailed(final IPolicyValidationContext context, final Exception e) {
        List<PolicyViolatingResource> resources = new ArrayList<>();
        for (PolicyValidationStack s : context.getStackTemplates()) {
            Iterator<String> ids;
            try {
                ids = JSON.readTree(Paths.get(s.getTemplatePath()).toFile()).path("Resources").fieldNames();
            } catch (IOException io) {
                continue;
            }
            if (ids.hasNext()) {
                resources.add(PolicyViolatingResource.builder().resourceLogicalId(ids.next())
                        .templatePath(s.getTemplatePath()).locations(List.of()).build());
            }
        }
        return PolicyViolation.builder()
                .ruleName(FAILED_RULE)
                .severity("fatal")
                .description("The compliance gate could not run, so no stack was checked: " + e)
                .fix("Fix the cause above; the gate reports the first resource of each stack only to fail synth.")
                .violatingResources(resources)
                .build();
    }

    private static Set<Path> templates(final IPolicyValidationContext context) {
        Set<Path> templates = new HashSet<>();
        for (PolicyValidationStack s : context.getStackTemplates()) {
            templates.add(Paths.get(s.getTemplatePath()).toAbsolutePath().normalize());
        }
        return templates;
    }

    private PolicyValidationPluginReport check(final IPolicyValidationContext context) {
        Set<Path> templates = templates(context);
        Map<Path, Stack> byTemplate = new java.util.LinkedHashMap<>();
        List<AcknowledgementInventory.Recorded> outside = new ArrayList<>();
        IConstruct app = context.getAppConstruct();
        collectStacks(app, templates, byTemplate, outside);
        List<Stack> stacks = new ArrayList<>(byTemplate.values());
        if (stacks.size() != templates.size()) {
            // A template with no stack found would pass unchecked.
            throw new IllegalStateException("found " + stacks.size() + " of the " + templates.size()
                    + " stacks CDK asked to validate: " + templates);
        }
        DeployedResources deployed = DeployedResources.read(app, templates);
        AcknowledgementInventory inventory = AcknowledgementInventory.read(Paths.get(((Stage) app).getOutdir()),
                templates, outside);
        List<PolicyViolation> violations = new ArrayList<>();
        if (cache == null) {
            for (GatedPack pack : packs) {
                violations.addAll(pack.check(stacks, deployed).getViolations());
            }
        } else {
            violations.addAll(checkCached(context, byTemplate, deployed, inventory));
        }
        lastTemplates = templates;
        lastInventory = inventory;
        // an id with the gate's prefix recorded without Acknowledgements is matched by CDK across the whole app
        List<PolicyViolation> all = new ArrayList<>(AcknowledgementJudge.limit(
                io.securevpc.compliance.Acknowledgements.GATE_ID_PREFIX, violations, inventory, covered));
        List<io.securevpc.nag.BlueprintChecks.Evaluation> evaluations = new ArrayList<>();
        packs.stream().map(GatedPack::getPack).filter(io.securevpc.nag.BlueprintChecks.class::isInstance)
                .forEach(p -> evaluations.addAll(((io.securevpc.nag.BlueprintChecks) p).getEvaluations()));
        Map<AcknowledgementInventory.Entry, List<String>> judged = new java.util.LinkedHashMap<>();
        for (AcknowledgementInventory.Entry e : inventory.entries()) {
            String key = AcknowledgementJudge.key(e);
            if (!acknowledgements.containsKey(key)) {
                acknowledgements.put(key, e);
                problems.put(key, AcknowledgementJudge.problems(e, violations, evaluations));
                judged.put(e, problems.get(key));
            }
        }
        all.addAll(AcknowledgementJudge.refusals(judged, refuseBroadAcknowledgements, templates.isEmpty() ? null
                : templates.iterator().next()));
        boolean success = all.stream().noneMatch(v -> "error".equals(v.getSeverity())
                || "fatal".equals(v.getSeverity()));
        return PolicyValidationPluginReport.builder().success(success).violations(all).build();
    }

    /** One stack of a validation call: its construct, its template (as a path and as CDK names it), its path. */
    private record StackRef(Stack stack, Path template, String templatePath, String constructPath) {
    }

    /** The stacks of the call in the order of the context, each with its {@link Stack} from {@code byTemplate}. */
    private static List<StackRef> refs(final IPolicyValidationContext context, final Map<Path, Stack> byTemplate) {
        List<StackRef> refs = new ArrayList<>();
        for (PolicyValidationStack s : context.getStackTemplates()) {
            Path template = Paths.get(s.getTemplatePath()).toAbsolutePath().normalize();
            refs.add(new StackRef(byTemplate.get(template), template, s.getTemplatePath(), s.getStackConstructPath()));
        }
        return refs;
    }

    /** @return the SHA-256 of the template's bytes, read once per synth. */
    private String templateHash(final Path template) {
        return templateHashes.computeIfAbsent(template, t -> {
            try {
                return GateCache.sha256(java.nio.file.Files.readAllBytes(t));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot read " + t, e);
            }
        });
    }

    /**
     * The parts of a cache key common to every check of a stack: the template's content, the stack, the construct
     * path of every logical id, the acknowledgements that apply to it (on its constructs, the app and its stages),
     * the gate's options and the versions of cdk-nag, aws-cdk-lib and the gate's own code.
     */
    private Map<String, Object> keyOf(final String kind, final StackRef ref, final AcknowledgementInventory inventory) {
        Map<String, Object> key = new java.util.LinkedHashMap<>();
        key.put("kind", kind);
        key.put("template", templateHash(ref.template()));
        key.put("templateFile", String.valueOf(ref.template().getFileName()));
        key.put("stack", ref.constructPath());
        key.put("logicalIds", GateCache.sha256(GateCache.key(new TreeMap<>(inventory.logicalIdPaths(ref.template())))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        StringBuilder acks = new StringBuilder();
        for (AcknowledgementInventory.Entry e : inventory.entries()) {
            if (e.template() == null || e.template().equals(ref.template())) {
                acks.append(e.rule()).append('\u0000').append(e.path()).append('\u0000').append(e.reason())
                        .append('\u0000').append(e.source()).append('\u0000').append(e.by()).append('\u0000')
                        .append(e.scope()).append('\u0000').append(e.template() == null ? "" : "stack").append('\n');
            }
        }
        key.put("acknowledgements", GateCache.sha256(acks.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        key.put("options", options);
        key.put("cdkNag", GateCache.artifactVersion("io.github.cdklabs", "cdknag"));
        key.put("awsCdkLib", GateCache.artifactVersion("software.amazon.awscdk", "aws-cdk-lib"));
        key.put("code", GateCache.codeHash());
        return key;
    }

    /**
     * The stock packs' findings per stack, from the cache where an entry of the stack's key is trusted and fresh
     * otherwise (fresh ones stored), then judged by each pack as one run; the other packs run as without a cache.
     * A stack with a nested stack is never cached: its findings span templates its key does not name.
     */
    private List<PolicyViolation> checkCached(final IPolicyValidationContext context, final Map<Path, Stack> byTemplate,
                                              final DeployedResources deployed,
                                              final AcknowledgementInventory inventory) {
        List<StackRef> refs = refs(context, byTemplate);
        List<Stack> stacks = refs.stream().map(StackRef::stack).toList();
        List<String> keys = new ArrayList<>();
        List<JsonNode> hits = new ArrayList<>();
        List<StackRef> missed = new ArrayList<>();
        List<GatedPack> cachedPacks = packs.stream().filter(cached::contains).toList();
        for (StackRef ref : refs) {
            String key = null;
            JsonNode hit = null;
            if (!cachedPacks.isEmpty() && !deployed.hasNested(ref.template())) {
                Map<String, Object> parts = keyOf("packs", ref, inventory);
                parts.put("packs", cachedPacks.stream().map(GatedPack::getName).toList());
                List<Object> targets = new ArrayList<>();
                deployed.targetsOf(ref.template()).forEach(t -> targets.add(List.of(t.logicalId(), t.type(),
                        String.valueOf(t.constructPath()), t.acknowledgements())));
                parts.put("untyped", targets);
                key = GateCache.key(parts);
                hit = cache.read(key);
            }
            keys.add(key);
            hits.add(hit);
            if (hit == null) {
                missed.add(ref);
            }
        }
        Set<Path> missedTemplates = new HashSet<>();
        missed.forEach(r -> missedTemplates.add(r.template()));
        DeployedResources missedDeployed = deployed.only(missedTemplates);
        List<Stack> missedStacks = missed.stream().map(StackRef::stack).toList();
        List<com.fasterxml.jackson.databind.node.ObjectNode> fresh = new ArrayList<>();
        missed.forEach(r -> fresh.add(JSON.createObjectNode()));
        List<PolicyViolation> violations = new ArrayList<>();
        for (GatedPack pack : packs) {
            if (!cached.contains(pack)) {
                violations.addAll(pack.check(stacks, deployed).getViolations());
                continue;
            }
            long start = System.nanoTime();
            List<List<PolicyViolation>> tree = ValidationReports.validatePerScope(pack.getPack(), missedStacks,
                    stacks.get(0));
            Map<String, List<PolicyViolation>> untyped = byTemplate(missedDeployed.validate(pack.getPack()));
            List<PolicyViolation> all = new ArrayList<>();
            List<PolicyViolation> allUntyped = new ArrayList<>();
            int m = 0;
            for (int i = 0; i < refs.size(); i++) {
                StackRef ref = refs.get(i);
                if (hits.get(i) != null) {
                    JsonNode entry = hits.get(i).path(pack.getName());
                    all.addAll(GateCache.fromJson(entry.path("tree"), ref.templatePath()));
                    allUntyped.addAll(GateCache.fromJson(entry.path("untyped"), ref.templatePath()));
                    continue;
                }
                List<PolicyViolation> ofTree = tree.get(m);
                List<PolicyViolation> ofUntyped = untyped.getOrDefault(ref.template().toString(), List.of());
                all.addAll(ofTree);
                allUntyped.addAll(ofUntyped);
                com.fasterxml.jackson.databind.node.ObjectNode entry = fresh.get(m).putObject(pack.getName());
                entry.set("tree", GateCache.toJson(ofTree, ref.templatePath()));
                entry.set("untyped", GateCache.toJson(ofUntyped, ref.templatePath()));
                m++;
            }
            // findings on templates outside the call's stacks (none expected) are kept, never dropped
            Set<String> known = new HashSet<>();
            missed.forEach(r -> known.add(r.template().toString()));
            untyped.forEach((t, v) -> {
                if (!known.contains(t)) {
                    allUntyped.addAll(v);
                }
            });
            all.addAll(allUntyped);
            violations.addAll(pack.judge(stacks.size(), all, start).getViolations());
        }
        int m = 0;
        for (int i = 0; i < refs.size(); i++) {
            if (hits.get(i) == null) {
                if (keys.get(i) != null) {
                    cache.write(keys.get(i), fresh.get(m));
                }
                m++;
            }
        }
        return violations;
    }

    /** The violations split by the template of their resources (a violation on several templates split in parts). */
    private static Map<String, List<PolicyViolation>> byTemplate(final List<PolicyViolation> violations) {
        Map<String, List<PolicyViolation>> out = new java.util.LinkedHashMap<>();
        for (PolicyViolation v : violations) {
            Map<String, List<PolicyViolatingResource>> parts = new java.util.LinkedHashMap<>();
            for (PolicyViolatingResource r : v.getViolatingResources()) {
                String t = Paths.get(String.valueOf(r.getTemplatePath())).toAbsolutePath().normalize().toString();
                parts.computeIfAbsent(t, k -> new ArrayList<>()).add(r);
            }
            parts.forEach((t, resources) -> out.computeIfAbsent(t, k -> new ArrayList<>()).add(parts.size() == 1 ? v
                    : PolicyViolation.builder().ruleName(v.getRuleName()).description(v.getDescription())
                    .severity(v.getSeverity()).fix(v.getFix()).ruleMetadata(v.getRuleMetadata())
                    .violatingResources(resources).build()));
        }
        return out;
    }

    /**
     * CDK's CloudFormation validation ({@code inner}) over the stacks of the call, each CloudFormation-Validate
     * acknowledgement limited to the resources below the construct it is recorded on
     * ({@link AcknowledgementJudge#limit}); fails closed as {@link #validate} does.
     */
    @NotNull PolicyValidationPluginReport validateCloudFormation(final @NotNull IPolicyValidationContext context,
                                                                 final @NotNull IPolicyValidationPlugin inner) {
        long start = System.nanoTime();
        try {
            Set<Path> templates = templates(context);
            IConstruct app = context.getAppConstruct();
            Map<Path, Stack> byTemplate = new java.util.LinkedHashMap<>();
            List<AcknowledgementInventory.Recorded> outside = new ArrayList<>();
            collectStacks(app, templates, byTemplate, outside);
            AcknowledgementInventory inventory = templates.equals(lastTemplates) ? lastInventory
                    : AcknowledgementInventory.read(Paths.get(((Stage) app).getOutdir()), templates, outside);
            if (byTemplate.isEmpty()) {
                return PolicyValidationPluginReport.builder().success(true).violations(List.of()).build();
            }
            Stack resolver = byTemplate.values().iterator().next();
            List<PolicyViolation> found = cache == null
                    ? ValidationReports.validate(inner, context, resolver).getViolations()
                    : validateCloudFormationCached(context, inner, resolver, byTemplate, inventory);
            List<PolicyViolation> limited = AcknowledgementJudge.limit(AcknowledgementInventory.CFN_PREFIX,
                    found, inventory, covered);
            boolean success = limited.stream().noneMatch(v -> "error".equals(v.getSeverity())
                    || "fatal".equals(v.getSeverity()));
            return PolicyValidationPluginReport.builder().success(success).violations(limited).build();
        } catch (Exception e) {
            if (failure == null) {
                failure = e;
            }
            return PolicyValidationPluginReport.builder().success(false).violations(List.of(gateFailed(context, e)))
                    .build();
        } finally {
            cloudFormationNanos += System.nanoTime() - start;
        }
    }

    /** The CloudFormation validator's version, asked once per JVM (one call into JavaScript). */
    private static String validatorVersion;

    private static synchronized String validatorVersion(final IPolicyValidationPlugin inner) {
        if (validatorVersion == null) {
            validatorVersion = inner.getName() + " " + inner.getVersion();
        }
        return validatorVersion;
    }

    /**
     * CloudFormation validation's findings per template, from the cache where an entry of the stack's key is trusted
     * and by validating that template alone otherwise (stored), merged across templates as CDK's plugin merges them
     * in one call (by rule and severity, in the order of the context's stacks): the same report as one call.
     */
    private List<PolicyViolation> validateCloudFormationCached(final IPolicyValidationContext context,
                                                               final IPolicyValidationPlugin inner,
                                                               final Stack resolver, final Map<Path, Stack> byTemplate,
                                                               final AcknowledgementInventory inventory) {
        String account = context.getAccountId();
        String region = context.getRegion();
        IConstruct app = context.getAppConstruct();
        Map<String, List<PolicyViolation>> merged = new java.util.LinkedHashMap<>();
        for (StackRef ref : refs(context, byTemplate)) {
            Map<String, Object> parts = keyOf("cloudformation", ref, inventory);
            parts.put("validator", validatorVersion(inner));
            parts.put("account", String.valueOf(account));
            parts.put("region", String.valueOf(region));
            String key = GateCache.key(parts);
            JsonNode hit = cache.read(key);
            List<PolicyViolation> found;
            if (hit != null) {
                found = GateCache.fromJson(hit, ref.templatePath());
            } else {
                found = ValidationReports.validate(inner, new OneStack(app, ref, account, region), resolver)
                        .getViolations();
                cache.write(key, GateCache.toJson(found, ref.templatePath()));
            }
            for (PolicyViolation v : found) {
                merged.computeIfAbsent(v.getRuleName() + "\u0000" + v.getSeverity(), k -> new ArrayList<>()).add(v);
            }
        }
        List<PolicyViolation> out = new ArrayList<>();
        merged.forEach((rule, parts) -> {
            PolicyViolation first = parts.get(0);
            List<PolicyViolatingResource> resources = new ArrayList<>();
            parts.forEach(p -> resources.addAll(p.getViolatingResources()));
            out.add(parts.size() == 1 ? first : PolicyViolation.builder().ruleName(first.getRuleName())
                    .description(first.getDescription()).severity(first.getSeverity()).fix(first.getFix())
                    .ruleMetadata(first.getRuleMetadata()).violatingResources(resources).build());
        });
        return out;
    }

    /** A validation context of one stack of another context, for validating one template alone. */
    private static final class OneStack implements IPolicyValidationContext {
        private final IConstruct app;
        private final StackRef ref;
        private final String account;
        private final String region;

        OneStack(final IConstruct app, final StackRef ref, final String account, final String region) {
            this.app = app;
            this.ref = ref;
            this.account = account;
            this.region = region;
        }

        @Override
        public @NotNull IConstruct getAppConstruct() {
            return app;
        }

        @Override
        public @NotNull List<PolicyValidationStack> getStackTemplates() {
            return List.of(PolicyValidationStack.builder().stackConstructPath(ref.constructPath())
                    .templatePath(ref.templatePath()).build());
        }

        @Override
        public @NotNull List<String> getTemplatePaths() {
            return List.of(ref.templatePath());
        }

        @Override
        public String getAccountId() {
            return account;
        }

        @Override
        public String getRegion() {
            return region;
        }
    }

    private static void collectStacks(final IConstruct node, final Set<Path> templates, final Map<Path, Stack> out,
                                      final List<AcknowledgementInventory.Recorded> outside) {
        for (MetadataEntry m : node.getNode().getMetadata()) {
            String type = m.getType();
            if (Validations.ACKNOWLEDGED_RULES_METADATA_KEY.equals(type)
                    || io.securevpc.compliance.Acknowledgements.ACKNOWLEDGED_WARNING_METADATA.equals(type)
                    || io.securevpc.compliance.Acknowledgements.SOURCE_METADATA.equals(type)) {
                outside.add(new AcknowledgementInventory.Recorded(node.getNode().getPath(), type, m.getData()));
            }
        }
        for (IConstruct child : node.getNode().getChildren()) {
            if (Stack.isStack(child)) {
                Stack stack = (Stack) child;
                Path template = Paths.get(Stage.of(stack).getOutdir(), stack.getTemplateFile()).toAbsolutePath()
                        .normalize();
                if (templates.contains(template)) {
                    out.put(template, stack);
                }
            } else {
                collectStacks(child, templates, out, outside);
            }
        }
    }
}
