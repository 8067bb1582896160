package io.securevpc.detection;

import io.securevpc.ErrorCode;
import io.securevpc.compliance.ResourceNarrowing;
import io.securevpc.internal.Maps;
import io.securevpc.internal.Problems;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.events.EventField;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;

/**
 * A security-group rule opened to the internet on a protected port (CloudTrail {@code AuthorizeSecurityGroupIngress},
 * or {@code ModifySecurityGroupRules} turning an existing rule into one) → revoke it and notify (BP-NET-2,
 * BP-MON-4/5).
 *
 * <p>Address sets, not strings: on a protected port (or all protocols), a public range of /8 or wider is world-open,
 * and so are ranges that cover the whole internet only together (0.0.0.0/1 and 128.0.0.0/1, ::/1 and 8000::/1).
 * The patterns fire on successful calls whose range has a prefix of /8 or wider (the CIDR ends in {@code /0} to
 * {@code /8}: EventBridge matches strings, and a split of the internet into at most 256 rules always holds one
 * such range); the automation ({@code world_open_ingress.py}, in the jar beside this class) then reads the whole
 * group and revokes every world-open range on the protected ports, in the exact form the group holds it, and leaves
 * ranges wholly in private or reserved space (a {@code 10.0.0.0/8} rule fires the alert, and is kept). EventBridge
 * matches array elements independently, so a call adding a world-open rule on 443 and a narrow rule on 22 also
 * fires; the automation judges the group as it is, so nothing legitimate is lost. A split into more than 256 rules
 * narrower than /8 is not caught at run time (BlueprintChecks' SecurityGroupNoWorldIngress catches it at synth).
 */
public class PublicIngressRevocation extends Construct {
    /** Ports never open to the world by default: SSH and RDP. */
    public static final List<Integer> DEFAULT_PROTECTED_PORTS = List.of(22, 3389);

    /** What the alerts say the automation does. */
    private static final String REVOKING = " [revoking the group's world-open ranges on protected ports]";

    /** The automation's script, a resource beside this class. */
    static final String SCRIPT_RESOURCE = "world_open_ingress.py";

    /**
     * CIDR suffixes of a prefix of /8 or wider: {@code /0} to {@code /8} (a suffix {@code /1} does not match
     * {@code /11}: the character before the digit must be the slash).
     */
    static final List<Map<String, Object>> WIDE_PREFIX = java.util.stream.IntStream.rangeClosed(0, 8)
            .mapToObj(n -> Maps.<String, Object>of("suffix", "/" + n)).toList();

    /** Where CloudTrail puts a ModifySecurityGroupRules request. */
    private static final String MODIFIED = "$.detail.requestParameters.ModifySecurityGroupRulesRequest";

    private final Rule rule;
    private final Rule modifyRule;
    private final AutomationRunbook runbook;

    public PublicIngressRevocation(final @NotNull Construct scope, final @NotNull String id,
                                   final @NotNull SecurityAlerts alerts, final @Nullable IVpc vpc,
                                   final @Nullable List<Integer> protectedPorts, final boolean alertOnly) {
        super(scope, id);
        List<Integer> ports = protectedPorts != null ? List.copyOf(protectedPorts) : DEFAULT_PROTECTED_PORTS;
        validate(ports);
        this.rule = Rule.Builder.create(this, "Rule")
                .description("Security-group ingress opened to the world on " + ports)
                .eventPattern(pattern(ports))
                .build();
        this.rule.applyRemovalPolicy(RemovalPolicy.RETAIN);
        rule.addTarget(alerts.target(RuleTargetInput.fromText("Ingress from a range of /8 or wider on a protected port "
                + ports + " added to " + EventField.fromPath("$.detail.requestParameters.groupId") + " by "
                + EventField.fromPath("$.detail.userIdentity.arn") + " in account " + EventField.getAccount() + " "
                + EventField.getRegion() + (alertOnly ? " [alert only: not revoked]" : REVOKING))));
        this.modifyRule = Rule.Builder.create(this, "ModifyRule")
                .description("Security-group rule modified to be open to the world on " + ports)
                .eventPattern(modifyPattern(ports))
                .build();
        this.modifyRule.applyRemovalPolicy(RemovalPolicy.RETAIN);
        modifyRule.addTarget(alerts.target(RuleTargetInput.fromText("Security-group rule "
                + EventField.fromPath(MODIFIED + ".SecurityGroupRule.SecurityGroupRuleId") + " of "
                + EventField.fromPath(MODIFIED + ".GroupId") + " modified to a range of /8 or wider on a protected port "
                + ports + " by " + EventField.fromPath("$.detail.userIdentity.arn") + " in account "
                + EventField.getAccount() + " " + EventField.getRegion()
                + (alertOnly ? " [alert only: not revoked]" : REVOKING))));
        if (alertOnly) {
            this.runbook = null;
            Annotations.of(this).addWarningV2("@securevpc/detection:alertOnly",
                    "PublicIngressRevocation is alert-only: world-open rules are reported, not revoked.");
        } else {
            this.runbook = createRunbook(ports, vpc);
            rule.addTarget(runbook.target(Maps.of("GroupId", EventField.fromPath("$.detail.requestParameters.groupId")),
                    alerts.getDeadLetterQueue()));
            modifyRule.addTarget(runbook.target(Maps.of("GroupId", EventField.fromPath(MODIFIED + ".GroupId")),
                    alerts.getDeadLetterQueue()));
            runbook.alertOnFailure(alerts, "World-open ingress revocation");
        }
    }

    /**
     * Successful ModifySecurityGroupRules that leaves a rule open to 0.0.0.0/0 or ::/0 on a protected port or all
     * protocols. CloudTrail records the request wrapped in {@code ModifySecurityGroupRulesRequest}: the group in
     * {@code GroupId}, each modified rule in {@code SecurityGroupRule} with its id ({@code SecurityGroupRuleId}) and
     * its new form ({@code SecurityGroupRule}: {@code IpProtocol}, {@code FromPort}, {@code ToPort},
     * {@code CidrIpv4}/{@code CidrIpv6}).
     */
    static EventPattern modifyPattern(final List<Integer> ports) {
        List<Map<String, Object>> alternatives = new ArrayList<>();
        List<Map<String, Object>> portClauses = new ArrayList<>();
        for (int p : ports) {
            portClauses.add(Maps.of("FromPort", List.of(Maps.of("numeric", List.of("<=", p))),
                    "ToPort", List.of(Maps.of("numeric", List.of(">=", p)))));
        }
        portClauses.add(Maps.of("IpProtocol", List.of("-1")));
        for (Map<String, Object> clause : portClauses) {
            for (String key : List.of("CidrIpv4", "CidrIpv6")) {
                Map<String, Object> alternative = new java.util.LinkedHashMap<>(clause);
                alternative.put(key, WIDE_PREFIX);
                alternatives.add(alternative);
            }
        }
        return CloudTrailPatterns.successfulCall("aws.ec2", "ec2.amazonaws.com", List.of("ModifySecurityGroupRules"),
                Maps.of("ModifySecurityGroupRulesRequest", Maps.of("SecurityGroupRule",
                        Maps.of("SecurityGroupRule", Maps.of("$or", alternatives)))));
    }

    /** @return the rule on ModifySecurityGroupRules calls. */
    public @NotNull Rule getModifyRule() {
        return modifyRule;
    }

    /** Successful AuthorizeSecurityGroupIngress with a world-open range on a protected port or all protocols. */
    static EventPattern pattern(final List<Integer> ports) {
        List<Map<String, Object>> portClauses = new ArrayList<>();
        for (int p : ports) {
            portClauses.add(Maps.of("fromPort", List.of(Maps.of("numeric", List.of("<=", p))),
                    "toPort", List.of(Maps.of("numeric", List.of(">=", p)))));
        }
        portClauses.add(Maps.of("ipProtocol", List.of("-1")));
        List<Map<String, Object>> alternatives = new ArrayList<>();
        for (Map<String, Object> ports1 : portClauses) {
            Map<String, Object> v4 = new java.util.LinkedHashMap<>(ports1);
            v4.put("ipRanges", Maps.of("items", Maps.of("cidrIp", WIDE_PREFIX)));
            alternatives.add(v4);
            Map<String, Object> v6 = new java.util.LinkedHashMap<>(ports1);
            v6.put("ipv6Ranges", Maps.of("items", Maps.of("cidrIpv6", WIDE_PREFIX)));
            alternatives.add(v6);
        }
        return CloudTrailPatterns.successfulCall("aws.ec2", "ec2.amazonaws.com",
                List.of("AuthorizeSecurityGroupIngress"),
                Maps.of("ipPermissions", Maps.of("items", Maps.of("$or", alternatives))));
    }

    public @NotNull Rule getRule() {
        return rule;
    }

    /** @return the automation, or {@code null} in alert-only mode. */
    public @Nullable AutomationRunbook getRunbook() {
        return runbook;
    }

    private AutomationRunbook createRunbook(final List<Integer> ports, final IVpc vpc) {
        Stack stack = Stack.of(this);
        Map<String, Object> inputs = new java.util.LinkedHashMap<>();
        inputs.put("Runtime", "python3.11");
        inputs.put("Handler", "handler");
        inputs.put("InputPayload", Maps.of("groupId", "{{ GroupId }}", "ports", ports));
        inputs.put("Script", AutomationRunbook.script(SCRIPT_RESOURCE));
        Map<String, Object> step = new java.util.LinkedHashMap<>();
        step.put("name", "RevokeWorldOpenRanges");
        step.put("action", "aws:executeScript");
        step.put("maxAttempts", 3);
        step.put("timeoutSeconds", 120);
        step.put("onFailure", "Abort");
        step.put("inputs", inputs);
        step.put("outputs", List.of(Maps.of("Name", "Revoked", "Selector", "$.Payload.revoked", "Type", "MapList")));
        // Reading the group: ec2:DescribeSecurityGroups has no resource-level permissions (Resource "*").
        PolicyStatement describe = PolicyStatement.Builder.create().effect(Effect.ALLOW)
                .sid("ReadTheGroupsRules")
                .actions(List.of("ec2:DescribeSecurityGroups"))
                .resources(List.of("*"))
                .build();
        // The group is whichever one the event names, so the resource ends in a wildcard; a condition keeps it to
        // this VPC's groups when the VPC is known, else to this account and region (BP-IAM-2).
        PolicyStatement.Builder revoke = PolicyStatement.Builder.create().effect(Effect.ALLOW)
                .sid("RevokeWorldOpenIngress")
                .actions(List.of("ec2:RevokeSecurityGroupIngress"))
                .resources(List.of("arn:" + stack.getPartition() + ":ec2:" + stack.getRegion() + ":"
                        + stack.getAccount() + ":security-group/*"));
        if (vpc != null) {
            revoke.conditions(Maps.of("ArnEquals", Maps.of(ResourceNarrowing.VPC, "arn:" + stack.getPartition()
                    + ":ec2:" + stack.getRegion() + ":" + stack.getAccount() + ":vpc/" + vpc.getVpcId())));
        } else {
            revoke.conditions(Maps.of("StringEquals", Maps.of(ResourceNarrowing.RESOURCE_ACCOUNT, stack.getAccount(),
                    ResourceNarrowing.REQUESTED_REGION, stack.getRegion())));
        }
        return new AutomationRunbook(this, "Runbook",
                "Revokes world-open ingress on protected ports of one security group (BP-NET-2, BP-MON-5)",
                Maps.of("GroupId", Maps.of("type", "String", "allowedPattern", "^sg-[a-z0-9]{8,17}$")), List.of(step),
                List.of(describe, revoke.build()),
                "Remediation acts on whichever security group a CloudTrail event names, so the group ARN ends in a "
                        + "wildcard; the only action is revoking ingress"
                        + (vpc != null ? ", on the groups of one VPC" : ", on the groups of this account and region"));
    }

    private void validate(final List<Integer> ports) {
        Problems problems = new Problems();
        if (ports.isEmpty()) {
            problems.add(ErrorCode.PORT, "protectedPorts", "[]", "at least one port");
        }
        ports.stream().filter(p -> p < 0 || p > 65535).forEach(p ->
                problems.add(ErrorCode.PORT, "protectedPorts", p, "ports from 0 to 65535"));
        problems.throwIfAny(() -> "PublicIngressRevocation " + getNode().getPath());
    }
}
