package io.securevpc.detection;

import io.securevpc.ErrorCode;
import io.securevpc.internal.Maps;
import io.securevpc.internal.Problems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.CfnVPCEndpoint;
import software.amazon.awscdk.services.ec2.IVpcEndpoint;
import software.amazon.awscdk.services.events.EventField;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;

/**
 * An endpoint policy changed outside the deployment (CloudTrail {@code ModifyVpcEndpoint} with a
 * {@code PolicyDocument} or {@code ResetPolicy}) → notify and put the synthesized policy back (BP-EP-3,
 * BP-MON-4/5). Changing an endpoint policy is no operator's duty: the blueprint's network operators cannot call
 * {@code ec2:ModifyVpcEndpoint}, so a change comes from an administrator or a leaked credential, and without this
 * the no-internet VPC could be opened to send data to another account's resources through its own endpoints.
 *
 * <p>The rule matches successful calls on the guarded endpoints only. The automation document holds each guarded
 * endpoint's policy as synthesized (a JSON string; account and region resolved by CloudFormation) and branches on
 * the endpoint id the event names: the restore is the same policy the stack deployed, never one read at run time.
 * Its role may call {@code ec2:ModifyVpcEndpoint} on the guarded endpoints' ARNs only (no wildcard), and sends
 * nothing but the policy, so routes, subnets and security groups of the endpoint are not touched.
 */
public class EndpointPolicyRestore extends Construct {
    /** Where CloudTrail puts a ModifyVpcEndpoint request (the wrapped form EC2 records its newer APIs in). */
    static final String REQUEST = "$.detail.requestParameters.ModifyVpcEndpointRequest";

    private final Rule rule;
    private final AutomationRunbook runbook;
    private final Rule failureRule;

    /**
     * @param endpoints the endpoints whose policies are guarded; each must have its policy when this is created
     * @param alertOnly notify only, do not restore (a weakening: warned at synth)
     */
    public EndpointPolicyRestore(final @NotNull Construct scope, final @NotNull String id,
                                 final @NotNull SecurityAlerts alerts, final @NotNull List<IVpcEndpoint> endpoints,
                                 final boolean alertOnly) {
        super(scope, id);
        Stack stack = Stack.of(this);
        Map<String, Object> policies = new LinkedHashMap<>();
        Problems problems = new Problems();
        for (IVpcEndpoint endpoint : endpoints) {
            CfnVPCEndpoint cfn = (CfnVPCEndpoint) endpoint.getNode().getDefaultChild();
            if (stack.resolve(cfn.getPolicyDocument()) == null) {
                problems.add(ErrorCode.ENDPOINT_POLICY, "endpoints", endpoint.getNode().getPath(),
                        "endpoints with a policy (ssmmessages and ec2messages take none)");
            } else {
                policies.put(endpoint.getVpcEndpointId(), stack.toJsonString(cfn.getPolicyDocument()));
            }
        }
        if (endpoints.isEmpty()) {
            problems.add(ErrorCode.ENDPOINT_POLICY, "endpoints", "[]", "at least one endpoint");
        }
        problems.throwIfAny(() -> "EndpointPolicyRestore " + getNode().getPath());
        List<String> ids = List.copyOf(policies.keySet());
        // The restore is itself a ModifyVpcEndpoint with a policy: the rule ignores the automation role's own calls,
        // or every restore would start the next one (and raise another alert), without end.
        this.runbook = alertOnly ? null : createRunbook(policies);
        this.rule = Rule.Builder.create(this, "Rule")
                .description("Policy of a guarded VPC endpoint changed or reset outside the deployment")
                .eventPattern(pattern(ids, runbook == null ? null : runbook.getAutomationRole().getRoleArn()))
                .build();
        rule.applyRemovalPolicy(RemovalPolicy.RETAIN);
        rule.addTarget(alerts.target(RuleTargetInput.fromText("Endpoint policy of "
                + EventField.fromPath(REQUEST + ".VpcEndpointId") + " changed by "
                + EventField.fromPath("$.detail.userIdentity.arn") + " in account " + EventField.getAccount() + " "
                + EventField.getRegion() + (alertOnly ? " [alert only: not restored]"
                : " [restoring the deployed policy]"))));
        if (alertOnly) {
            this.failureRule = null;
            Annotations.of(this).addWarningV2("@securevpc/detection:alertOnly",
                    "EndpointPolicyRestore is alert-only: changed endpoint policies are reported, not restored.");
        } else {
            // A deployment that changes a policy calls ModifyVpcEndpoint too: the document (which holds the new
            // policy) and so the rule's target are updated after the endpoints, so the restore re-applies the new one.
            endpoints.forEach(endpoint -> runbook.getNode().addDependency(endpoint));
            rule.addTarget(runbook.target(Maps.of("VpcEndpointId", EventField.fromPath(REQUEST + ".VpcEndpointId")),
                    alerts.getDeadLetterQueue()));
            this.failureRule = runbook.alertOnFailure(alerts, "Endpoint policy restore");
        }
    }

    /**
     * Successful ModifyVpcEndpoint on one of {@code endpointIds} that sets a policy document or resets the policy
     * to the default (which allows everything), by anyone but the restoring role. CloudTrail records the request
     * wrapped in {@code ModifyVpcEndpointRequest} with the API's parameter names ({@code VpcEndpointId},
     * {@code PolicyDocument}, {@code ResetPolicy}); a call made under a role names the role in
     * {@code userIdentity.sessionContext.sessionIssuer.arn}. EventBridge's {@code anything-but} does not match a
     * missing field, so calls without a session issuer (IAM users, the root user) are matched by their
     * {@code userIdentity.type}.
     *
     * @param restoringRoleArn the role whose own calls are the restores; {@code null}: every caller matches
     */
    static EventPattern pattern(final List<String> endpointIds, final @Nullable String restoringRoleArn) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("ModifyVpcEndpointRequest", Maps.of(
                "VpcEndpointId", endpointIds,
                "$or", List.of(
                        Maps.of("PolicyDocument", List.of(Maps.of("exists", true))),
                        Maps.of("ResetPolicy", List.of(true, "true")))));
        EventPattern calls = CloudTrailPatterns.successfulCall("aws.ec2", "ec2.amazonaws.com",
                List.of("ModifyVpcEndpoint"), detail);
        if (restoringRoleArn == null) {
            return calls;
        }
        Map<String, Object> callers = new LinkedHashMap<>(calls.getDetail());
        callers.put("userIdentity", Maps.of("$or", List.of(
                Maps.of("type", List.of(Maps.of("anything-but", List.of("AssumedRole")))),
                Maps.of("sessionContext", Maps.of("sessionIssuer", Maps.of("arn",
                        List.of(Maps.of("anything-but", List.of(restoringRoleArn)))))))));
        return EventPattern.builder().source(calls.getSource()).detailType(calls.getDetailType())
                .detail(callers).build();
    }

    private AutomationRunbook createRunbook(final Map<String, Object> policies) {
        Stack stack = Stack.of(this);
        List<Map<String, Object>> choices = new ArrayList<>();
        List<Map<String, Object>> restores = new ArrayList<>();
        List<String> arns = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, Object> e : policies.entrySet()) {
            String step = "RestoreEndpoint" + (++n);
            choices.add(Maps.of("NextStep", step, "Variable", "{{ VpcEndpointId }}", "StringEquals", e.getKey()));
            Map<String, Object> restore = new LinkedHashMap<>(AutomationRunbook.apiStep(step, "ec2",
                    "ModifyVpcEndpoint", Maps.of("VpcEndpointId", "{{ VpcEndpointId }}",
                            "PolicyDocument", e.getValue()), false));
            restore.put("isEnd", true);
            restores.add(restore);
            arns.add("arn:" + stack.getPartition() + ":ec2:" + stack.getRegion() + ":" + stack.getAccount()
                    + ":vpc-endpoint/" + e.getKey());
        }
        List<Map<String, Object>> steps = new ArrayList<>();
        steps.add(Maps.of("name", "ByEndpoint", "action", "aws:branch", "inputs", Maps.of("Choices", choices)));
        steps.addAll(restores);
        PolicyStatement modify = PolicyStatement.Builder.create().effect(Effect.ALLOW)
                .sid("RestoreGuardedEndpointPolicies")
                .actions(List.of("ec2:ModifyVpcEndpoint"))
                .resources(arns)
                .build();
        return new AutomationRunbook(this, "Runbook",
                "Puts the deployed policy back on a guarded VPC endpoint (BP-EP-3, BP-MON-5)",
                Maps.of("VpcEndpointId", Maps.of("type", "String", "allowedPattern", "^vpce-[a-z0-9]{8,17}$")),
                steps, List.of(modify),
                "The role names each guarded endpoint's ARN; no resource of it ends in a wildcard");
    }

    /** @return the rule on ModifyVpcEndpoint calls that change a guarded endpoint's policy. */
    public @NotNull Rule getRule() {
        return rule;
    }

    /** @return the rule on restores that failed, or {@code null} in alert-only mode. */
    public @Nullable Rule getFailureRule() {
        return failureRule;
    }

    /** @return the automation that restores the policy, or {@code null} in alert-only mode. */
    public @Nullable AutomationRunbook getRunbook() {
        return runbook;
    }
}
