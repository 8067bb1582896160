package io.securevpc.gate;

import io.securevpc.compliance.Acknowledgements;
import io.securevpc.gate.AcknowledgementInventory.Entry;
import io.securevpc.gate.AcknowledgementInventory.Scope;
import io.securevpc.nag.BlueprintChecks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.PolicyViolatingResource;
import software.amazon.awscdk.PolicyViolation;

/**
 * The gate's verdict on each acknowledgement, and the limit it puts on the ones CDK applies app-wide.
 *
 * <p>An acknowledgement is refused ({@value #REFUSED_RULE}, fatal: no acknowledgement can hide it) when
 * <ul>
 *   <li>it is not on one resource ({@link Scope#NOT_A_RESOURCE}: the app, a stage, a stack, a group of constructs):
 *       cdk-nag applies it to every resource below, so it would hide findings on resources nobody looked at;</li>
 *   <li>its id is a bare rule id of a rule that reports granular findings ({@code AwsSolutions-IAM5} where the
 *       findings are {@code AwsSolutions-IAM5[Action::s3:*]}): cdk-nag 3 matches ids exactly, so it acknowledges
 *       none of them, yet reads as acknowledging all;</li>
 *   <li>its reason is shorter than {@value Acknowledgements#MIN_REASON_LENGTH} characters.</li>
 * </ul>
 * aws-cdk-lib's own acknowledgements ({@link AcknowledgementInventory#CDK_OWN}) are not judged (no app can change
 * them) but limited like every id CDK matches app-wide ({@link #limit}).
 */
final class AcknowledgementJudge {
    /** Rule name of the finding on a refused acknowledgement. */
    static final String REFUSED_RULE = "SecureVpc-AcknowledgementRefused";
    /** Rule name of the finding on a resource that an acknowledgement CDK applies app-wide would hide. */
    static final String OUT_OF_SCOPE_RULE = "SecureVpc-AcknowledgementOutOfScope";
    /** The stock rules (cdk-nag 3.0.2) that report granular findings, i.e. whose rule function returns a list. */
    static final Set<String> GRANULAR_STOCK_RULES = Set.of("AwsSolutions-IAM4", "AwsSolutions-IAM5",
            "AwsSolutions-RDS16", "AwsSolutions-OS9", "AwsSolutions-DOC5", "HIPAA.Security-RDSLoggingEnabled",
            "NIST.800.53.R4-RDSLoggingEnabled", "NIST.800.53.R5-RDSLoggingEnabled", "PCI.DSS.321-RDSLoggingEnabled");

    private AcknowledgementJudge() {
    }

    /**
     * @param findings every finding the packs reported in this call (rule id and construct path), to name a granular
     *     finding a bare id missed
     * @return why {@code entry} is refused, one line per problem; empty when it is accepted
     */
    static @NotNull List<String> problems(final @NotNull Entry entry, final @NotNull List<PolicyViolation> findings,
                                          final @NotNull List<BlueprintChecks.Evaluation> evaluations) {
        List<String> problems = new ArrayList<>();
        if (entry.cdkOwn()) {
            return problems;
        }
        if (entry.scope() == Scope.NOT_A_RESOURCE) {
            problems.add("it is not on one resource, so it would hide the rule on every resource below it; put it "
                    + "on the resource: a CfnResource, or a construct whose default child (Resource or Default) or only child is "
                    + "one");
        }
        String bare = entry.rule();
        if (!bare.contains("[") && !bare.contains("::") && isGranular(entry, findings, evaluations)) {
            String example = findings.stream().filter(v -> v.getRuleName().startsWith(bare + "["))
                    .filter(v -> v.getViolatingResources().stream().anyMatch(r -> r.getConstructPath() != null
                            && entry.covers(r.getConstructPath())))
                    .map(PolicyViolation::getRuleName).findFirst().orElse(bare + "[<finding>]");
            problems.add(bare + " reports granular findings and cdk-nag matches ids exactly, so the bare id "
                    + "acknowledges none of them; acknowledge each finding by its id, e.g. " + example);
        }
        if (entry.reason().strip().length() < Acknowledgements.MIN_REASON_LENGTH) {
            problems.add("its reason '" + entry.reason() + "' has " + entry.reason().strip().length() + " characters; "
                    + "at least " + Acknowledgements.MIN_REASON_LENGTH + " are needed to say why the finding cannot "
                    + "be fixed on this resource");
        }
        return problems;
    }

    private static String describe(final Entry entry) {
        String kind = entry.kind().isEmpty() ? "" : " (" + entry.kind().substring(entry.kind().lastIndexOf('.') + 1)
                + ")";
        return entry.where() + kind;
    }

    /**
     * @return whether the rule reports granular findings on the acknowledged resources: a stock rule that always
     *     does ({@link #GRANULAR_STOCK_RULES}), a granular finding of the rule reported on them in this synth, or a
     *     BlueprintChecks result on them with a finding that has an id (a rule whose finding is about the resource as
     *     a whole, such as an endpoint without a policy, is reported under the bare id, which is then right)
     */
    private static boolean isGranular(final Entry entry, final List<PolicyViolation> findings,
                                      final List<BlueprintChecks.Evaluation> evaluations) {
        String id = entry.rule();
        if (GRANULAR_STOCK_RULES.contains(id)) {
            return true;
        }
        boolean reported = findings.stream().filter(v -> v.getRuleName().startsWith(id + "["))
                .flatMap(v -> v.getViolatingResources().stream())
                .anyMatch(r -> r.getConstructPath() != null && entry.covers(r.getConstructPath()));
        return reported || evaluations.stream().filter(e -> e.rule().id().equals(id) && e.constructPath() != null
                        && entry.covers(e.constructPath()))
                .anyMatch(e -> e.result().findings().stream().anyMatch(f -> f.id() != null));
    }

    /**
     * @param fatal {@code false} when the gate was built to allow broad acknowledgements: the findings are warnings
     * @return one finding per refused acknowledgement, naming the construct, the rule id and why
     */
    static @NotNull List<PolicyViolation> refusals(final @NotNull Map<Entry, List<String>> judged, final boolean fatal,
                                                   final @Nullable Path anyTemplate) {
        List<PolicyViolation> out = new ArrayList<>();
        for (Map.Entry<Entry, List<String>> j : judged.entrySet()) {
            Entry e = j.getKey();
            List<String> problems = j.getValue();
            if (problems.isEmpty()) {
                continue;
            }
            PolicyViolatingResource.Builder r = PolicyViolatingResource.builder().locations(List.of("Metadata"))
                    .constructPath(e.path());
            Path template = e.template() != null ? e.template() : anyTemplate;
            if (template != null) {
                r.templatePath(template.toString());
            }
            out.add(PolicyViolation.builder().ruleName(REFUSED_RULE).severity(fatal ? "fatal" : "warning")
                    .description(message(e, problems))
                    .fix("Acknowledge one finding on one resource with a reason: "
                            + "io.securevpc.compliance.Acknowledgements.acknowledge(cfnResource, reason, \"<rule id>\")")
                    .violatingResources(List.of(r.build())).build());
        }
        return out;
    }

    /** @return the message of a refused acknowledgement: where, which rule, why. */
    static @NotNull String message(final @NotNull Entry e, final @NotNull List<String> problems) {
        return "Acknowledgement of " + e.rule() + " on " + describe(e) + " refused: " + String.join("; ", problems)
                + ".";
    }

    /**
     * Limits the acknowledgements CDK matches by id across the whole app ({@code <plugin>::<rule>}, e.g.
     * {@code CloudFormation-Validate::F3002}) to the resources below the construct each is recorded on: a finding of
     * such a rule on any other resource becomes a {@value #OUT_OF_SCOPE_RULE} finding (fatal for an error, which no
     * acknowledgement can hide) naming the resource, the rule and where the acknowledgement is.
     *
     * @param prefix the plugin's id prefix ({@code CloudFormation-Validate::})
     * @param covered filled with the resources each acknowledgement covers (key: rule id and path)
     */
    static @NotNull List<PolicyViolation> limit(final @NotNull String prefix, final @NotNull List<PolicyViolation> violations,
                                                final @NotNull AcknowledgementInventory inventory,
                                                final @NotNull Map<String, Set<String>> covered) {
        List<PolicyViolation> out = new ArrayList<>();
        for (PolicyViolation v : violations) {
            String id = prefix + v.getRuleName();
            List<Entry> acks = inventory.entries().stream().filter(e -> e.rule().equals(id)).toList();
            if (acks.isEmpty()) {
                out.add(v);
                continue;
            }
            List<PolicyViolatingResource> inside = new ArrayList<>();
            Map<String, PolicyViolatingResource> outside = new LinkedHashMap<>();
            for (PolicyViolatingResource r : v.getViolatingResources()) {
                String path = r.getConstructPath() != null ? r.getConstructPath()
                        : r.getTemplatePath() == null || r.getResourceLogicalId() == null ? null
                        : inventory.pathOf(Path.of(r.getTemplatePath()), r.getResourceLogicalId());
                Entry by = path == null ? null : acks.stream().filter(e -> e.covers(path)).findFirst().orElse(null);
                if (by == null) {
                    outside.put(path != null ? path : String.valueOf(r.getResourceLogicalId()), r);
                } else {
                    inside.add(r);
                    covered.computeIfAbsent(key(by), k -> new TreeSet<>()).add(path);
                }
            }
            if (!inside.isEmpty()) {
                out.add(copy(v, v.getRuleName(), v.getSeverity(), v.getDescription(), inside));
            }
            boolean error = "error".equals(v.getSeverity()) || "fatal".equals(v.getSeverity());
            String where = String.join(", ", acks.stream().map(Entry::where).toList());
            outside.forEach((path, r) -> out.add(copy(v, OUT_OF_SCOPE_RULE, error ? "fatal" : v.getSeverity(),
                    v.getRuleName() + " on " + path + " is not acknowledged there: " + id + " is acknowledged on "
                            + where + " only, and CDK would apply it across the whole app. Fix the resource, or "
                            + "acknowledge " + id + " on it with the reason it is safe.",
                    List.of(r))));
        }
        return out;
    }

    /** @return the key of an acknowledgement in {@link #limit}'s {@code covered}. */
    static @NotNull String key(final @NotNull Entry e) {
        return e.rule() + " @ " + e.path();
    }

    private static PolicyViolation copy(final PolicyViolation v, final String rule, final String severity,
                                        final String description, final List<PolicyViolatingResource> resources) {
        return PolicyViolation.builder().ruleName(rule).description(description).severity(severity).fix(v.getFix())
                .ruleMetadata(v.getRuleMetadata()).violatingResources(resources).build();
    }
}
