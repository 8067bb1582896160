package io.securevpc.gate;

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
        this.cachedChecks = new CachedChecks(this.packs, cached, cache, options);
    }

    private final @Nullable GateCache cache;
    /** The checks per template: through the cache when it is on, and CloudFormation validation with the worker. */
    private final CachedChecks cachedChecks;
    /** The app whose CloudFormation validation may use a worker ({@link #useCloudFormationWorker}), or null. */
    private software.amazon.awscdk.App workerApp;
    private @Nullable CloudFormationWorker worker;
    private boolean workerResolved;

    /**
     * Lets CloudFormation validation use the JVM's {@link CloudFormationWorker} (unless the app's context turns it
     * off), started now so that its engine start overlaps the app's synthesis.
     */
    void useCloudFormationWorker(final software.amazon.awscdk.App app) {
        this.workerApp = app;
        CloudFormationWorker.start(app);
    }

    /**
     * @return the templates CloudFormation validation checked since the last reset, how many of them the worker
     *     validated, and the ms waited for it; null when no worker was used
     */
    int @Nullable [] workerStats() {
        return workerResolved && worker != null ? cachedChecks.workerStats() : null;
    }

    /** @return the worker of this synth, or null when none is used. */
    @Nullable CloudFormationWorker worker() {
        if (!workerResolved && workerApp != null) {
            workerResolved = true;
            worker = CloudFormationWorker.start(workerApp).orElse(null);
            if (worker != null) {
                worker.forget();
            }
        }
        return worker != null && !worker.isBroken() ? worker : null;
    }

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
        cachedChecks.reset();
        workerResolved = false;
        worker = null;
        packsNanos = 0;
        cloudFormationNanos = 0;
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
        CloudFormationWorker w = worker();
        if (w != null) {
            // CloudFormation validation comes after the packs (CDK calls each plugin for every environment in turn):
            // the worker starts on this call's templates now
            w.submit(cachedChecks.cloudFormationJobs(context, byTemplate, inventory));
        }
        List<PolicyViolation> violations = new ArrayList<>();
        if (cache == null) {
            for (GatedPack pack : packs) {
                violations.addAll(pack.check(stacks, deployed).getViolations());
            }
        } else {
            violations.addAll(cachedChecks.check(context, byTemplate, deployed, inventory));
        }
        lastTemplates = templates;
        lastInventory = inventory;
        // an id with the gate's prefix recorded without Acknowledgements is matched by CDK across the whole app
        List<PolicyViolation> all = new ArrayList<>(AcknowledgementJudge.limit(
                io.securevpc.compliance.Acknowledgements.GATE_ID_PREFIX, violations, inventory, covered));
        List<io.securevpc.nag.BlueprintChecks.Evaluation> evaluations = new ArrayList<>();
        packs.stream().map(GatedPack::getPack).filter(io.securevpc.nag.BlueprintChecks.class::isInstance)
                .forEach(p -> evaluations.addAll(((io.securevpc.nag.BlueprintChecks) p).getEvaluations()));
        Map<String, List<io.securevpc.nag.BlueprintChecks.Evaluation>> byRule = new HashMap<>();
        evaluations.forEach(v -> byRule.computeIfAbsent(v.rule().id(), k -> new ArrayList<>()).add(v));
        Map<AcknowledgementInventory.Entry, List<String>> judged = new java.util.LinkedHashMap<>();
        for (AcknowledgementInventory.Entry e : inventory.entries()) {
            String key = AcknowledgementJudge.key(e);
            if (!acknowledgements.containsKey(key)) {
                acknowledgements.put(key, e);
                // only the evaluations of the entry's rule matter: indexed once, not scanned per acknowledgement
                problems.put(key, AcknowledgementJudge.problems(e, violations,
                        byRule.getOrDefault(e.rule(), List.of())));
                judged.put(e, problems.get(key));
            }
        }
        all.addAll(AcknowledgementJudge.refusals(judged, refuseBroadAcknowledgements, templates.isEmpty() ? null
                : templates.iterator().next()));
        boolean success = all.stream().noneMatch(v -> "error".equals(v.getSeverity())
                || "fatal".equals(v.getSeverity()));
        return PolicyValidationPluginReport.builder().success(success).violations(all).build();
    }

    /**
     * CDK's CloudFormation validation ({@code inner}) over the stacks of the call, each CloudFormation-Validate
     * acknowledgement limited to the resources below the construct it is recorded on
     * ({@link AcknowledgementJudge#limit}); fails closed as {@link #validate} does.
     */
    @NotNull PolicyValidationPluginReport validateCloudFormation(
            final @NotNull IPolicyValidationContext context,
            final @NotNull java.util.function.Supplier<IPolicyValidationPlugin> inner) {
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
            CloudFormationWorker w = worker();
            List<PolicyViolation> found = cache == null && w == null
                    ? ValidationReports.validate(inner.get(), context, resolver).getViolations()
                    : cachedChecks.validateCloudFormation(context, inner, resolver, byTemplate, inventory, w);
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
