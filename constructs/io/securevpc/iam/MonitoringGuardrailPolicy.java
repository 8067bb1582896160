package io.securevpc.iam;

import io.securevpc.internal.RequiredProps;
import java.util.List;
import org.jetbrains.annotations.NotNull;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.IManagedPolicy;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.Construct;

/**
 * A customer-managed policy of denies, attached to the given roles, that keeps them from blinding monitoring
 * (BP-MON-3/4/5, BP-AUD-1/2): {@link Guardrails#monitoringStatements(Guardrails.Monitoring)} — changing or
 * deleting the blueprint's EventBridge rules, alarms, protected log groups, alert topics, runbooks, Config rules
 * and remediations, keys and (by ARN) the audit and detection stacks, GuardDuty threat-intel sets and archiving, the log
 * archive's bucket policy, lifecycle and Object Lock, unsubscribing from the alerts, removing the component tag.
 *
 * <p>A second policy beside the {@link NetworkPermissionBoundary}, not statements in it: the boundary is close to
 * IAM's 6,144-character limit, and a deny in an identity policy holds whatever else is attached, just as one in
 * the boundary; the bounded roles cannot detach it (the boundary's ceiling allows no {@code iam:Detach*}). Every
 * other principal of an organization gets the same denies from
 * {@link Guardrails#serviceControlPolicy(Guardrails.Settings, Guardrails.Monitoring)}. The pipeline role and the
 * break-glass role are excluded ({@code ArnNotLike aws:PrincipalArn}); their calls raise alerts instead
 * ({@code io.securevpc.detection.MonitoringChangeAlerts}).
 */
public class MonitoringGuardrailPolicy extends Construct {
    private final ManagedPolicy policy;
    private final List<PolicyRule> rules;

    public MonitoringGuardrailPolicy(final @NotNull Construct scope, final @NotNull String id,
                                     final @NotNull MonitoringGuardrailPolicyProps props) {
        super(scope, id);
        RequiredProps.of("MonitoringGuardrailPolicy").require("props", props).check();
        List<IBucket> buckets = props.getArchiveBuckets() != null ? props.getArchiveBuckets() : List.of();
        List<ITopic> topics = props.getAlertTopics() != null ? props.getAlertTopics() : List.of();
        List<Stack> stacks = props.getProtectedStacks() != null ? props.getProtectedStacks() : List.of();
        this.rules = Guardrails.monitoringStatements(new Guardrails.Monitoring(Stack.of(this).getPartition(),
                Guardrails.Monitoring.pipelineAndBreakGlass(props.getPipelineRole(), props.getBreakGlassRole()),
                buckets.stream().map(IBucket::getBucketArn).toList(),
                topics.stream().map(ITopic::getTopicArn).toList(),
                stacks.stream().map(MonitoringGuardrailPolicy::stackArn).toList()));
        this.policy = ManagedPolicy.Builder.create(this, "Policy")
                .description("Denies blinding monitoring: the blueprint's rules, alarms, log groups, alert topics, "
                        + "runbooks, Config rules, keys, stacks and log archive; pipeline and break-glass excepted")
                .statements(rules.stream().map(PolicyRule::toStatement).toList())
                .roles(props.getRoles())
                .build();
    }

    /** The stack's ARN with any stack id: the id changes when a stack is recreated, the name does not. */
    private static String stackArn(final Stack stack) {
        return "arn:" + stack.getPartition() + ":cloudformation:" + stack.getRegion() + ":" + stack.getAccount()
                + ":stack/" + stack.getStackName() + "/*";
    }

    /** @return the managed policy. */
    public @NotNull IManagedPolicy getPolicy() {
        return policy;
    }

    /** @return the deny statements. */
    public @NotNull List<PolicyRule> getRules() {
        return rules;
    }
}
