package io.securevpc.nag;

import io.github.cdklabs.cdknag.NagPack;
import io.github.cdklabs.cdknag.NagRuleCompliance;
import io.securevpc.compliance.DeprecatedRuleIds;
import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.StackTemplate;
import io.securevpc.nag.model.TemplateResource;
import io.securevpc.nag.rules.BlueprintRule;
import io.securevpc.nag.rules.Finding;
import io.securevpc.nag.rules.RuleResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.PolicyValidationPluginReport;
import software.amazon.awscdk.PolicyViolatingResource;
import software.amazon.awscdk.PolicyViolation;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.Validations;
import software.constructs.IConstruct;
import software.constructs.MetadataEntry;

/**
 * The project's own cdk-nag v3 pack: the VPC guidance (BP-* ids of docs/guidance.md) that the stock packs miss.
 * Register it like any pack ({@code Validations.of(app).addPlugins(new BlueprintChecks(app))}) or through
 * {@code io.securevpc.gate.ComplianceGate}. Every rule is listed in {@link RuleTable} and in {@code RULES.md};
 * {@link #only} makes a pack of some of them.
 *
 * <p>How it checks, and why: every call from Java into the CDK's JavaScript is a round trip, so the pack never
 * reads properties through {@code CfnResource} getters. When it validates, it reads the synthesized templates of
 * the whole app once with Jackson ({@link AppTemplates}; synthesizing first when called outside synth), which
 * also gives app-level rules their whole-app view. It evaluates every rule on that plain data, then hands cdk-nag
 * only the non-compliant resources (found by their construct path, from the assembly's logical-id metadata),
 * each through {@code validateScope} of that one resource and {@code applyRule}, so cdk-nag's acknowledgement
 * handling and violation format apply to every finding and a compliant resource costs no call into JavaScript.
 * Without construct paths in the assembly it falls back to cdk-nag's walk of the tree: two calls per resource
 * (its logical-id token, resolved in the validated stack), {@code applyRule} only where a rule fails.
 */
public final class BlueprintChecks extends NagPack {
    /** The pack name: rule ids are {@code BlueprintChecks-<Rule>}. */
    public static final String PACK_NAME = "BlueprintChecks";

    /** Rule name of the fatal finding on resources the tree walk found in no synthesized template. */
    public static final String NOT_IN_TEMPLATES = PACK_NAME + "-ResourceNotInTemplates";

    /** Every rule of the pack, in the order of RULES.md: {@link RuleTable#RULES}. */
    public static final List<RuleSpec> RULES = RuleTable.RULES;

    /** One evaluation, kept for the gate's report. */
    public record Evaluation(RuleSpec rule, String stack, String logicalId, String constructPath, RuleResult result) {
    }

    private static final Map<String, List<RuleSpec>> BY_TYPE = RULES.stream()
            .flatMap(s -> s.rule().resourceTypes().stream().map(t -> Map.entry(t, s)))
            .collect(Collectors.groupingBy(Map.Entry::getKey,
                    Collectors.mapping(Map.Entry::getValue, Collectors.toList())));

    private final List<RuleSpec> rules;
    private final Map<String, List<RuleSpec>> byType;
    private final Map<Stack, StackTemplate> stackTemplates = new IdentityHashMap<>();
    private final List<Evaluation> evaluations = new ArrayList<>();
    /** Non-compliant results waiting for cdk-nag to visit their resource (fast path). */
    private final Map<CfnResource, List<Map.Entry<RuleSpec, RuleResult>>> pending = new IdentityHashMap<>();
    private IConstruct loadedRoot;
    /** The stack being validated (the gate validates stack by stack), so resources need not be asked for theirs. */
    private Stack scopeStack;
    private AppTemplates templates;
    private final Set<String> deprecatedAcknowledgements = new LinkedHashSet<>();
    /** Resources the tree walk found in no synthesized template (fallback path): reported as one fatal finding. */
    private final List<PolicyViolatingResource> unjudged = new ArrayList<>();

    public BlueprintChecks(final @Nullable IConstruct scope) {
        this(scope, RULES);
    }

    /** A pack of some of the rules (tests, tools); the gate always uses them all. See {@link #only}. */
    public BlueprintChecks(final @Nullable IConstruct scope, final @NotNull List<RuleSpec> rules) {
        super(scope);
        setPackName(PACK_NAME);
        this.rules = List.copyOf(rules);
        this.byType = rules == RULES ? BY_TYPE : rules.stream()
                .flatMap(s -> s.rule().resourceTypes().stream().map(t -> Map.entry(t, s)))
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    /**
     * A pack of only the given rules, in the table's order: what a rule's tests run, so that another rule's
     * findings never reach their assertions.
     *
     * @throws IllegalArgumentException when a class is not a rule of the table, or none is given
     */
    @SafeVarargs
    public static @NotNull BlueprintChecks only(final @Nullable IConstruct scope,
                                                final @NotNull Class<? extends BlueprintRule>... rules) {
        Set<Class<?>> wanted = new HashSet<>(List.of(rules));
        List<RuleSpec> chosen = RULES.stream().filter(s -> wanted.contains(s.rule().getClass())).toList();
        wanted.removeAll(chosen.stream().map(s -> s.rule().getClass()).toList());
        if (rules.length == 0 || !wanted.isEmpty()) {
            throw new IllegalArgumentException("not rules of the " + PACK_NAME + " pack (add them to RuleTable): "
                    + (rules.length == 0 ? "none given" : wanted.stream().map(Class::getName).sorted().toList()));
        }
        return new BlueprintChecks(scope, chosen);
    }

    @Override
    public @NotNull String getName() {
        return PACK_NAME;
    }

    @Override
    public @NotNull List<String> getRuleIds() {
        return rules.stream().map(RuleSpec::id).toList();
    }

    /** @return the rules of this pack, in the table's order. */
    public @NotNull List<RuleSpec> getRules() {
        return rules;
    }

    /**
     * @return the deprecation warnings of findings acknowledged with a rule's old id ({@link DeprecatedRuleIds})
     *     directly through {@code Validations.of(resource).acknowledge(...)}, one per resource and id, as printed
     */
    public @NotNull List<String> getDeprecatedAcknowledgements() {
        return List.copyOf(deprecatedAcknowledgements);
    }

    /** @return every evaluation since the pack was created (verdict per rule and resource, compliant ones included). */
    public @NotNull List<Evaluation> getEvaluations() {
        return Collections.unmodifiableList(evaluations);
    }

    /** @return the templates of the last validated app, or {@code null} before any validation. */
    public @Nullable AppTemplates getTemplates() {
        return templates;
    }

    @Override
    public @NotNull PolicyValidationPluginReport validateScope(final @NotNull IConstruct scope) {
        IConstruct root = scope.getNode().getRoot();
        load(root);
        String scopePath = scope.getNode().getPath();
        List<TemplateResource> inScope = new ArrayList<>();
        for (StackTemplate t : templates.stacks().values()) {
            for (TemplateResource r : t.resources().values()) {
                if (r.constructPath() == null) {
                    return validateByWalking(scope);
                }
                if (scopePath.isEmpty() || r.constructPath().equals(scopePath)
                        || r.constructPath().startsWith(scopePath + "/")) {
                    inScope.add(r);
                }
            }
        }
        return validateFromTemplates(root, inScope);
    }

    /**
     * The fast path: every rule is evaluated on the templates, and cdk-nag is handed only the non-compliant
     * resources (found by construct path), one {@code validateScope} each, so compliant resources cost no call
     * into JavaScript at all. Acknowledgements and the violation format stay cdk-nag's.
     */
    private PolicyValidationPluginReport validateFromTemplates(final IConstruct root, final List<TemplateResource> resources) {
        Map<String, PolicyViolation> merged = new java.util.LinkedHashMap<>();
        for (TemplateResource resource : resources) {
            List<Map.Entry<RuleSpec, RuleResult>> failed = new ArrayList<>();
            for (RuleSpec spec : byType.getOrDefault(resource.type(), List.of())) {
                RuleResult result = spec.rule().check(resource, templates);
                evaluations.add(new Evaluation(spec, resource.stack().name(), resource.logicalId(),
                        resource.constructPath(), result));
                if (result.isNonCompliant()) {
                    failed.add(Map.entry(spec, result));
                }
            }
            if (failed.isEmpty()) {
                continue;
            }
            IConstruct node = find(root, resource.constructPath());
            if (!(node instanceof CfnResource cfn)) {
                // cdk-nag reports and acknowledges a finding on a CfnResource only: fail closed, never drop it
                for (Map.Entry<RuleSpec, RuleResult> f : failed) {
                    merged.merge("fatal " + f.getKey().id(), unresolved(f.getKey(), resource, f.getValue(), node),
                            BlueprintChecks::withResourcesOf);
                }
                continue;
            }
            pending.put(cfn, failed);
            try {
                for (PolicyViolation v : super.validateScope(cfn).getViolations()) {
                    PolicyViolation before = merged.get(v.getRuleName());
                    if (before == null) {
                        merged.put(v.getRuleName(), v);
                    } else {
                        List<PolicyViolatingResource> all = new ArrayList<>(before.getViolatingResources());
                        all.addAll(v.getViolatingResources());
                        merged.put(v.getRuleName(), PolicyViolation.builder().ruleName(before.getRuleName())
                                .description(before.getDescription()).severity(before.getSeverity())
                                .violatingResources(all).build());
                    }
                }
            } finally {
                pending.remove(cfn);
            }
        }
        List<PolicyViolation> violations = List.copyOf(merged.values());
        return PolicyValidationPluginReport.builder().success(violations.isEmpty()).violations(violations).build();
    }

    /**
     * The fatal finding of a non-compliant result whose construct path does not resolve to a {@code CfnResource}
     * of the app (the assembly and the construct tree disagree): it cannot be handed to cdk-nag or acknowledged.
     */
    private static PolicyViolation unresolved(final RuleSpec spec, final TemplateResource resource,
                                              final RuleResult result, final @Nullable IConstruct node) {
        String found = node == null ? "no construct" : "a construct that is not a CfnResource";
        PolicyViolatingResource.Builder r = PolicyViolatingResource.builder().resourceLogicalId(resource.logicalId())
                .templatePath(resource.stack().templatePath().toString()).locations(List.of("Properties"));
        if (resource.constructPath() != null) {
            r.constructPath(resource.constructPath());
        }
        return PolicyViolation.builder().ruleName(spec.id()).severity("fatal")
                .description(spec.info() + " " + result.findings().stream().map(Finding::message)
                        .collect(Collectors.joining("; ")) + " [" + resource.stack().name() + " " + resource.logicalId()
                        + ": its construct path " + resource.constructPath() + " names " + found
                        + " in the app, so this finding cannot be acknowledged; synthesize the app afresh]")
                .violatingResources(List.of(r.build())).build();
    }

    private static PolicyViolation withResourcesOf(final PolicyViolation before, final PolicyViolation more) {
        List<PolicyViolatingResource> all = new ArrayList<>(before.getViolatingResources());
        all.addAll(more.getViolatingResources());
        return PolicyViolation.builder().ruleName(before.getRuleName()).description(before.getDescription())
                .severity(before.getSeverity()).violatingResources(all).build();
    }

    private static IConstruct find(final IConstruct root, final String path) {
        IConstruct node = root;
        for (String id : path.split("/")) {
            node = node == null ? null : node.getNode().tryFindChild(id);
        }
        return node;
    }

    /** The general path (templates without construct paths): cdk-nag walks the tree and calls checkResource. */
    private PolicyValidationPluginReport validateByWalking(final IConstruct scope) {
        scopeStack = Stack.isStack(scope) ? (Stack) scope : null;
        unjudged.clear();
        try {
            PolicyValidationPluginReport report = super.validateScope(scope);
            if (unjudged.isEmpty()) {
                return report;
            }
            List<PolicyViolation> violations = new ArrayList<>(report.getViolations());
            violations.add(PolicyViolation.builder().ruleName(NOT_IN_TEMPLATES).severity("fatal")
                    .description("No rule of " + PACK_NAME + " was evaluated on " + unjudged.size()
                            + (unjudged.size() == 1 ? " resource" : " resources") + " whose synthesized template or "
                            + "resource the pack cannot find (a nested stack, or an assembly older than the app): "
                            + unjudged.stream().map(PolicyViolatingResource::getConstructPath).toList())
                    .violatingResources(List.copyOf(unjudged)).build());
            return PolicyValidationPluginReport.builder().success(false).violations(violations).build();
        } finally {
            scopeStack = null;
            unjudged.clear();
        }
    }

    /**
     * Reads the app's templates once per app. During synth (CDK calls plugins after writing the assembly) the
     * manifest is there; called directly on an app not yet synthesized, the app is synthesized first.
     */
    private void load(final IConstruct root) {
        if (root == loadedRoot && templates != null) {
            return;
        }
        Stage app = (Stage) root;
        Path outdir = Paths.get(app.getOutdir());
        if (!Files.exists(outdir.resolve("manifest.json"))) {
            app.synth();
        }
        templates = AppTemplates.fromAssembly(outdir);
        loadedRoot = root;
        stackTemplates.clear();
    }

    @Override
    protected void checkResource(final @NotNull CfnResource node) {
        if (!pending.isEmpty()) {
            List<Map.Entry<RuleSpec, RuleResult>> failed = pending.get(node);
            if (failed != null) {
                failed.forEach(f -> report(f.getKey(), node, f.getValue()));
            }
            return;
        }
        Stack stack = scopeStack != null ? scopeStack : node.getStack();
        StackTemplate template = stackTemplates.computeIfAbsent(stack, s -> templates.stack(s.getArtifactId()));
        // the logical id as rendered (overrideLogicalId included, e.g. CfnInclude); Stack.getLogicalId ignores overrides
        TemplateResource resource = template == null ? null
                : template.resource(String.valueOf(stack.resolve(node.getLogicalId())));
        if (resource == null) {
            // fail closed: a resource no rule was evaluated on is a fatal finding, never skipped
            unjudged.add(PolicyViolatingResource.builder().constructPath(node.getNode().getPath())
                    .resourceLogicalId(String.valueOf(stack.resolve(node.getLogicalId())))
                    .templatePath(template == null ? stack.getTemplateFile() : template.templatePath().toString())
                    .locations(List.of()).build());
            return;
        }
        for (RuleSpec spec : byType.getOrDefault(resource.type(), List.of())) {
            RuleResult result = spec.rule().check(resource, templates);
            evaluations.add(new Evaluation(spec, template.name(), resource.logicalId(), resource.constructPath(), result));
            if (result.isNonCompliant()) {
                report(spec, node, result);
            }
        }
    }

    /**
     * Hands a non-compliant result to cdk-nag: plain findings with the rule's info before and its fix after them
     * ({@link #message}), "cannot check" ones apart (their message says how to fix them).
     */
    private void report(final RuleSpec spec, final CfnResource node, final RuleResult result) {
        apply(spec, node, spec.info() + " ", " " + FIX + spec.fix(),
                result.findings().stream().filter(f -> !f.cannotCheck()).toList());
        apply(spec, node, "", "", result.findings().stream().filter(Finding::cannotCheck).toList());
    }

    /** What precedes a rule's fix line in a finding's message. */
    public static final String FIX = "Fix: ";

    /**
     * @return the message of a finding of {@code spec} with the given detail, as the pack reports it: the rule's
     *     info, the detail, then {@value #FIX} and the rule's fix line
     */
    public static @NotNull String message(final @NotNull RuleSpec spec, final @NotNull String detail) {
        return spec.info() + " " + sentence(detail) + " " + FIX + spec.fix();
    }

    private static String sentence(final String text) {
        return text.endsWith(".") ? text : text + ".";
    }

    private void apply(final RuleSpec spec, final CfnResource node, final String prefix, final String suffix,
                       final List<Finding> findings) {
        if (findings.isEmpty()) {
            return;
        }
        // as cdk-nag reads the result: NON_COMPLIANT (the bare rule id) when no finding has an id, else one
        // granular id per finding, "Resource" for the finding about the resource as a whole
        boolean whole = findings.stream().allMatch(f -> f.id() == null);
        List<Finding> open = withoutOldIdAcknowledgements(spec, node, findings, whole);
        if (open.isEmpty()) {
            return;
        }
        String detail = open.stream().map(Finding::message).collect(Collectors.joining("; "));
        Object compliance = whole ? NagRuleCompliance.NON_COMPLIANT
                : open.stream().map(f -> Objects.requireNonNullElse(f.id(), "Resource")).distinct().toList();
        applyRule(new AppliedRule(spec, node, prefix + (suffix.isEmpty() ? detail : sentence(detail) + suffix),
                compliance));
    }

    /**
     * Deprecated ids, for one release: cdk-nag matches acknowledgements by exact id, so one recorded with a renamed
     * rule's old id would no longer apply. {@link io.securevpc.compliance.Acknowledgements} records the current
     * id; this honours an old one recorded directly, and warns. Reads construct metadata (calls into JavaScript)
     * only for a failing rule that was renamed.
     */
    private List<Finding> withoutOldIdAcknowledgements(final RuleSpec spec, final CfnResource node,
                                                       final List<Finding> findings, final boolean whole) {
        String oldId = DeprecatedRuleIds.old(spec.id());
        if (oldId == null) {
            return findings;
        }
        Set<String> acknowledged = acknowledgedIds(node);
        List<Finding> open = new ArrayList<>();
        for (Finding f : findings) {
            String suffix = whole ? "" : "[" + Objects.requireNonNullElse(f.id(), "Resource") + "]";
            if (acknowledged.contains(oldId + suffix)) {
                String warning = "[" + PACK_NAME + "] warning at " + node.getNode().getPath() + ": "
                        + DeprecatedRuleIds.warning(oldId + suffix, spec.id() + suffix);
                if (deprecatedAcknowledgements.add(warning)) {
                    System.err.println(warning);
                }
            } else {
                open.add(f);
            }
        }
        return open;
    }

    /** @return the rule ids acknowledged on {@code node} or a construct above it, as cdk-nag reads them. */
    private static Set<String> acknowledgedIds(final CfnResource node) {
        Set<String> ids = new HashSet<>();
        for (IConstruct c = node; c != null; c = c.getNode().getScope()) {
            for (MetadataEntry entry : c.getNode().getMetadata()) {
                if (Validations.ACKNOWLEDGED_RULES_METADATA_KEY.equals(entry.getType())
                        && entry.getData() instanceof Map<?, ?> data) {
                    // aws-cdk-lib prefixes ids with "Annotation::" (older versions "annotation::"), cdk-nag strips it
                    data.keySet().forEach(k -> ids.add(String.valueOf(k).replaceFirst("(?i)^annotation::", "")));
                }
            }
        }
        return ids;
    }
}
