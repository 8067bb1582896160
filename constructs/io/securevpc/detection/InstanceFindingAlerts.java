package io.securevpc.detection;

import io.securevpc.ErrorCode;
import io.securevpc.internal.Maps;
import io.securevpc.internal.Problems;
import java.util.List;
import org.jetbrains.annotations.NotNull;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.events.EventField;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.constructs.Construct;

/**
 * Every GuardDuty finding on an EC2 instance at or above a severity, in any VPC of the account and region, as a
 * readable alert (BP-MON-2, BP-MON-4). The VPC remediations ({@link InstanceIsolation}, {@link MaliciousIpBlocking})
 * act only on instances of their own VPC, and a finding may carry no network interface at all (the published
 * samples include one); this rule makes sure such findings are still reported. An instance of a protected VPC is
 * then reported twice: here, and by the remediation that acts on it.
 */
public final class InstanceFindingAlerts extends Construct {
    /** The default lowest severity reported: 4, medium. */
    public static final double DEFAULT_SEVERITY_THRESHOLD = 4.0;

    private final Rule rule;

    public InstanceFindingAlerts(final @NotNull Construct scope, final @NotNull String id,
                                 final @NotNull SecurityAlerts alerts, final double severityThreshold) {
        super(scope, id);
        if (severityThreshold < 1 || severityThreshold > 10) {
            Problems problems = new Problems();
            problems.add(ErrorCode.CONFLICTING_PROPS, "severityThreshold", severityThreshold,
                    "a GuardDuty severity from 1 to 10 (4 = medium, 7 = high)");
            problems.throwIfAny(() -> "InstanceFindingAlerts " + getNode().getPath());
        }
        this.rule = Rule.Builder.create(this, "Rule")
                .description("GuardDuty finding on an EC2 instance in any VPC, severity >= " + severityThreshold)
                .eventPattern(InstanceFindings.pattern(severityThreshold,
                        Maps.of("instanceId", List.of(Maps.of("exists", true))), Maps.of()))
                .build();
        this.rule.applyRemovalPolicy(RemovalPolicy.RETAIN);
        rule.addTarget(alerts.target(RuleTargetInput.fromText(
                "GuardDuty " + EventField.fromPath("$.detail.type") + " (severity "
                        + EventField.fromPath("$.detail.severity") + ") on instance "
                        + EventField.fromPath("$.detail.resource.instanceDetails.instanceId") + " in account "
                        + EventField.getAccount() + " " + EventField.getRegion() + ": "
                        + EventField.fromPath("$.detail.title"))));
    }

    public @NotNull Rule getRule() {
        return rule;
    }
}
