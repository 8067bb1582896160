package io.securevpc.gate;

import io.github.cdklabs.cdknag.NagPack;
import java.util.ArrayList;
import java.util.List;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.PolicyValidationPluginReport;
import software.amazon.awscdk.PolicyViolatingResource;
import software.amazon.awscdk.PolicyViolation;
import software.amazon.awscdk.Stack;

/**
 * One cdk-nag pack as the gate runs it, through the gate's single validation plugin ({@link GatePlugin}).
 *
 * <p>Two things differ from registering the pack directly. A bare {@link NagPack} walks the whole app on
 * every call, and CDK calls a plugin once per environment: with stacks in several accounts or regions the
 * app would be checked several times and every finding reported several times. Here the pack checks only
 * the stacks of the call. And a bare pack reports failure on warnings too ({@code success} is "no
 * violation"); here warnings are reported and only errors fail.
 */
public final class GatedPack {
    /** One pack's result over the stacks it checked. */
    public record Verdict(String pack, int stacks, int errors, int warnings, List<PolicyViolation> violations) {
        public boolean passed() {
            return errors == 0;
        }

        /**
         * @return the number of warnings per rule (granular ids counted under their rule, e.g.
         *     {@code BlueprintChecks-SecurityGroupNoAllowAllEgress}), by rule id
         */
        public java.util.SortedMap<String, Integer> warningsByRule() {
            java.util.SortedMap<String, Integer> counts = new java.util.TreeMap<>();
            for (PolicyViolation v : violations) {
                if (!"error".equals(v.getSeverity()) && !"fatal".equals(v.getSeverity())) {
                    String name = v.getRuleName();
                    int bracket = name.indexOf('[');
                    counts.merge(bracket < 0 ? name : name.substring(0, bracket), v.getViolatingResources().size(),
                            Integer::sum);
                }
            }
            return counts;
        }

        /** @return one line, e.g. {@code AwsSolutions: PASS (0 errors, 1 warning) on 2 stacks}. */
        public String render() {
            return pack + ": " + (passed() ? "PASS" : "FAIL") + " (" + errors + (errors == 1 ? " error, " : " errors, ")
                    + warnings + (warnings == 1 ? " warning" : " warnings") + ") on " + stacks
                    + (stacks == 1 ? " stack" : " stacks");
        }
    }

    private final NagPack pack;
    private final String name;
    private final Baseline baseline;
    private Verdict lastVerdict;
    private long elapsedNanos;
    private final List<PolicyViolation> baselined = new ArrayList<>();

    GatedPack(final NagPack pack) {
        this(pack, null);
    }

    GatedPack(final NagPack pack, final @Nullable Baseline baseline) {
        this.pack = pack;
        this.name = pack.getName();
        this.baseline = baseline;
    }

    /** @return the wrapped pack. */
    public @NotNull NagPack getPack() {
        return pack;
    }

    /** @return the time this pack spent validating, in milliseconds, over every call so far. */
    public long getElapsedMillis() {
        return elapsedNanos / 1_000_000;
    }

    /** @return the findings left out because the baseline lists them (baseline mode), over every call so far. */
    public @NotNull List<PolicyViolation> getBaselined() {
        return List.copyOf(baselined);
    }

    public @NotNull String getName() {
        return name;
    }

    /** @return the verdict of the last validation, or {@code null} before synth. */
    public @Nullable Verdict getLastVerdict() {
        return lastVerdict;
    }

    /**
     * Checks the given stacks directly (what synth does; the app is synthesized first when it was not), the
     * resources of their templates that the pack's walk of the construct tree misses included
     * ({@link DeployedResources}); for tests and tools.
     */
    public @NotNull PolicyValidationPluginReport check(final @NotNull List<Stack> stacks) {
        return check(stacks, DeployedResources.of(stacks));
    }

    /** Checks the stacks and, from their synthesized templates, what a walk of their constructs misses. */
    @NotNull PolicyValidationPluginReport check(final @NotNull List<Stack> stacks,
                                                final @NotNull DeployedResources deployed) {
        long start = System.nanoTime();
        List<PolicyViolation> all = new ArrayList<>(ValidationReports.validate(pack, stacks));
        all.addAll(deployed.validate(pack));
        return judge(stacks.size(), all, start);
    }

    /**
     * The verdict on {@code found}, the pack's findings on {@code stacks} stacks (fresh or from the gate's cache,
     * {@link GateCache}): the baseline applied, the verdict merged into this pack's last one, the time since
     * {@code start} ({@link System#nanoTime()}) added to its clock.
     */
    @NotNull PolicyValidationPluginReport judge(final int stacks, final @NotNull List<PolicyViolation> found,
                                                final long start) {
        List<PolicyViolation> violations = withoutBaselined(found);
        elapsedNanos += System.nanoTime() - start;
        int errors = 0;
        int warnings = 0;
        for (PolicyViolation v : violations) {
            int resources = v.getViolatingResources().size();
            if ("error".equals(v.getSeverity()) || "fatal".equals(v.getSeverity())) {
                errors += resources;
            } else {
                warnings += resources;
            }
        }
        Verdict verdict = new Verdict(name, stacks, errors, warnings, List.copyOf(violations));
        mergeVerdict(verdict);
        return PolicyValidationPluginReport.builder()
                .success(verdict.passed())
                .violations(violations)
                .pluginVersion(pack.getVersion())
                .build();
    }

    /** Baseline mode: drops the violating resources the baseline lists, keeping them aside for the report. */
    private List<PolicyViolation> withoutBaselined(final List<PolicyViolation> violations) {
        if (baseline == null) {
            return violations;
        }
        List<PolicyViolation> kept = new ArrayList<>();
        for (PolicyViolation v : violations) {
            List<PolicyViolatingResource> fresh = new ArrayList<>();
            List<PolicyViolatingResource> known = new ArrayList<>();
            for (PolicyViolatingResource r : v.getViolatingResources()) {
                String path = r.getConstructPath() != null ? r.getConstructPath() : String.valueOf(r.getResourceLogicalId());
                (baseline.contains(v.getRuleName(), path) ? known : fresh).add(r);
            }
            if (!known.isEmpty()) {
                baselined.add(copy(v, known));
            }
            if (!fresh.isEmpty()) {
                kept.add(copy(v, fresh));
            }
        }
        return kept;
    }

    private static PolicyViolation copy(final PolicyViolation v, final List<PolicyViolatingResource> resources) {
        return PolicyViolation.builder().ruleName(v.getRuleName()).description(v.getDescription())
                .severity(v.getSeverity()).fix(v.getFix()).ruleMetadata(v.getRuleMetadata())
                .violatingResources(resources).build();
    }

    private void mergeVerdict(final Verdict verdict) {
        if (lastVerdict == null) {
            lastVerdict = verdict;
            return;
        }
        List<PolicyViolation> all = new ArrayList<>(lastVerdict.violations());
        all.addAll(verdict.violations());
        lastVerdict = new Verdict(name, lastVerdict.stacks() + verdict.stacks(), lastVerdict.errors() + verdict.errors(),
                lastVerdict.warnings() + verdict.warnings(), List.copyOf(all));
    }

}
