package io.securevpc.gate;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
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
    private Exception failure;

    GatePlugin(final List<GatedPack> packs) {
        this.packs = List.copyOf(packs);
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
        try {
            return check(context);
        } catch (Exception e) {
            if (failure == null) {
                failure = e;
            }
            return PolicyValidationPluginReport.builder().success(false).violations(List.of(gateFailed(context, e)))
                    .build();
        }
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

    private PolicyValidationPluginReport check(final IPolicyValidationContext context) {
        Set<Path> templates = new HashSet<>();
        for (PolicyValidationStack s : context.getStackTemplates()) {
            templates.add(Paths.get(s.getTemplatePath()).toAbsolutePath().normalize());
        }
        List<Stack> stacks = new ArrayList<>();
        IConstruct app = context.getAppConstruct();
        collectStacks(app, templates, stacks);
        if (stacks.size() != templates.size()) {
            // A template with no stack found would pass unchecked.
            throw new IllegalStateException("found " + stacks.size() + " of the " + templates.size()
                    + " stacks CDK asked to validate: " + templates);
        }
        DeployedResources deployed = DeployedResources.read(app, templates);
        List<PolicyViolation> violations = new ArrayList<>();
        boolean success = true;
        for (GatedPack pack : packs) {
            PolicyValidationPluginReport report = pack.check(stacks, deployed);
            violations.addAll(report.getViolations());
            success &= Boolean.TRUE.equals(report.getSuccess());
        }
        return PolicyValidationPluginReport.builder().success(success).violations(violations).build();
    }

    private static void collectStacks(final IConstruct node, final Set<Path> templates, final List<Stack> out) {
        for (IConstruct child : node.getNode().getChildren()) {
            if (Stack.isStack(child)) {
                Stack stack = (Stack) child;
                Path template = Paths.get(Stage.of(stack).getOutdir(), stack.getTemplateFile()).toAbsolutePath()
                        .normalize();
                if (templates.contains(template)) {
                    out.add(stack);
                }
            } else {
                collectStacks(child, templates, out);
            }
        }
    }
}
