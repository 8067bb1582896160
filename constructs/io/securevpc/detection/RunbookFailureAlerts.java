package io.securevpc.detection;

import io.securevpc.ErrorCode;
import io.securevpc.internal.Problems;
import java.util.List;
import org.jetbrains.annotations.NotNull;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.events.EventField;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.constructs.Construct;

/**
 * An alert whenever an execution of one of the named SSM Automation runbooks ends {@code Failed}, {@code TimedOut} or
 * {@code Cancelled} (BP-MON-5): for runbooks this package does not own, such as the AWS-owned ones AWS Config
 * remediation runs ({@code ConfigBaseline.REMEDIATION_RUNBOOKS}). The blueprint's own runbooks alert through
 * {@link AutomationRunbook#alertOnFailure}. The rule is {@code RETAIN}.
 */
public final class RunbookFailureAlerts extends Construct {
    private final Rule rule;

    /** @param documentNames the runbooks' document names, at least one */
    public RunbookFailureAlerts(final @NotNull Construct scope, final @NotNull String id,
                                final @NotNull SecurityAlerts alerts, final @NotNull List<String> documentNames) {
        super(scope, id);
        if (documentNames.isEmpty() || documentNames.stream().anyMatch(n -> n == null || n.isBlank())) {
            Problems problems = new Problems();
            problems.add(ErrorCode.REMEDIATION, "documentNames", documentNames,
                    "at least one SSM document name, none blank");
            problems.throwIfAny(() -> "RunbookFailureAlerts " + getNode().getPath());
        }
        this.rule = Rule.Builder.create(this, "Rule")
                .description("Remediation runbook execution failed: " + String.join(", ", documentNames))
                .eventPattern(AutomationRunbook.failurePattern(List.copyOf(documentNames)))
                .build();
        rule.applyRemovalPolicy(RemovalPolicy.RETAIN);
        rule.addTarget(alerts.target(RuleTargetInput.fromText("Remediation runbook "
                + EventField.fromPath("$.detail.Definition") + " ended " + EventField.fromPath("$.detail.Status")
                + " (execution " + EventField.fromPath("$.detail.ExecutionId") + ", account " + EventField.getAccount()
                + " " + EventField.getRegion() + "): the non-compliant resource may not have been fixed; see the "
                + "execution in Systems Manager Automation")));
    }

    public @NotNull Rule getRule() {
        return rule;
    }
}
