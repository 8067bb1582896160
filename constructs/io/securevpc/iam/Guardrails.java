package io.securevpc.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.securevpc.internal.RequiredProps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * The deny statements that protect the network's controls, as data: the same statements go into the permission
 * boundary of every role the blueprint creates ({@link NetworkPermissionBoundary}) and into a service control
 * policy for an AWS Organization ({@link #serviceControlPolicy(Settings)}). They deny:
 * <ul>
 *   <li>deleting flow logs (BP-MON-1) and changing the retention, key or existence of the protected log groups;
 *       {@code ec2:DeleteFlowLogs} is denied on {@code Resource: "*"} because the guidance records that
 *       {@code ec2:*FlowLogs} actions have no resource-level permissions;</li>
 *   <li>stopping, deleting or reconfiguring CloudTrail trails (BP-AUD-1), the AWS Config recorder, its delivery
 *       channel and rules (BP-AUD-2/3), and GuardDuty detectors, their membership and suppression (BP-MON-2);</li>
 *   <li>attaching an internet gateway to, or making subnets public in, any VPC but the allowed ones (BP-NET-10):
 *       an internet gateway is useless until attached, and a route to it is only possible in the VPC it is
 *       attached to; a subnet becomes public through {@code ModifySubnetAttribute} (MapPublicIpOnLaunch) or an
 *       instance launched with a public address, both scoped by {@code ec2:Vpc};</li>
 *   <li>any regional action outside the allowed regions ({@code aws:RequestedRegion}), global services
 *       excepted;</li>
 *   <li>removing or changing the permission boundary itself, when its ARN is given.</li>
 * </ul>
 */
public final class Guardrails {
    /** Global services whose requests carry {@code us-east-1} (or no region); exempt from the region guard. */
    public static final List<String> GLOBAL_SERVICE_ACTIONS = List.of("iam:*", "sts:*", "organizations:*",
            "account:*", "support:*", "health:*", "trustedadvisor:*", "budgets:*", "ce:*", "cur:*", "pricing:*",
            "cloudfront:*", "route53:*", "route53domains:*", "globalaccelerator:*", "waf:*", "shield:*",
            "s3:GetBucketLocation", "s3:ListAllMyBuckets");
    static final List<String> FLOW_LOG_ACTIONS = List.of("ec2:DeleteFlowLogs");
    // Denies may use wildcards (they only ever narrow); the lists are short because a managed policy, and so the
    // boundary, is limited to 6,144 characters and an SCP to 5,120.
    static final List<String> LOG_GROUP_ACTIONS = List.of("logs:Delete*", "logs:PutRetentionPolicy",
            "logs:DisassociateKmsKey");
    static final List<String> TRAIL_ACTIONS = List.of("cloudtrail:StopLogging", "cloudtrail:DeleteTrail",
            "cloudtrail:UpdateTrail", "cloudtrail:Put*Selectors");
    static final List<String> CONFIG_ACTIONS = List.of("config:Stop*", "config:Delete*",
            "config:PutConfigurationRecorder", "config:PutDeliveryChannel");
    static final List<String> GUARDDUTY_ACTIONS = List.of("guardduty:Delete*", "guardduty:Disassociate*",
            "guardduty:Stop*", "guardduty:Update*", "guardduty:CreateFilter", "guardduty:CreateIPSet");
    static final List<String> BOUNDARY_POLICY_ACTIONS = List.of("iam:CreatePolicyVersion", "iam:DeletePolicy",
            "iam:DeletePolicyVersion", "iam:SetDefaultPolicyVersion");
    /** IAM's limit on a managed policy's size, whitespace excluded. */
    public static final int MANAGED_POLICY_MAX_CHARS = 6144;

    private Guardrails() {
    }

    /**
     * What the guardrails protect and allow. Values may be CDK tokens for a boundary; an SCP needs literals.
     *
     * @param partition e.g. {@code aws}
     * @param allowedRegions the regions regional actions may be called in (at least one)
     * @param internetVpcArns the only VPCs that may have an internet gateway and public subnets; empty: none may
     * @param protectedLogGroupArns log groups (flow logs, trail) nobody bounded may delete or change
     * @param boundaryPolicyArn the permission boundary's own ARN, protected from change and removal; {@code null}
     *     leaves that statement out
     */
    public record Settings(String partition, List<String> allowedRegions, List<String> internetVpcArns,
                           List<String> protectedLogGroupArns, @Nullable String boundaryPolicyArn) {
        public Settings {
            RequiredProps.of("Guardrails.Settings").require("partition", partition)
                    .require("allowedRegions", allowedRegions).elements("allowedRegions", allowedRegions)
                    .require("internetVpcArns", internetVpcArns).elements("internetVpcArns", internetVpcArns)
                    .require("protectedLogGroupArns", protectedLogGroupArns)
                    .elements("protectedLogGroupArns", protectedLogGroupArns).check();
            allowedRegions = List.copyOf(allowedRegions);
            internetVpcArns = List.copyOf(internetVpcArns);
            protectedLogGroupArns = List.copyOf(protectedLogGroupArns);
            if (allowedRegions.isEmpty()) {
                throw new IllegalArgumentException("Guardrails.Settings.allowedRegions: give at least one region");
            }
        }
    }

    /** @return the deny statements, in a fixed order. */
    public static @NotNull List<PolicyRule> statements(final @NotNull Settings s) {
        List<PolicyRule> rules = new ArrayList<>();
        rules.add(PolicyRule.deny("ProtectFlowLogs").actions(FLOW_LOG_ACTIONS).resources("*").build());
        if (!s.protectedLogGroupArns().isEmpty()) {
            rules.add(PolicyRule.deny("ProtectAuditLogGroups").actions(LOG_GROUP_ACTIONS)
                    .resources(s.protectedLogGroupArns()).build());
        }
        rules.add(PolicyRule.deny("ProtectCloudTrail").actions(TRAIL_ACTIONS).resources("*").build());
        rules.add(PolicyRule.deny("ProtectConfigRecorder").actions(CONFIG_ACTIONS).resources("*").build());
        rules.add(PolicyRule.deny("ProtectGuardDuty").actions(GUARDDUTY_ACTIONS).resources("*").build());
        rules.addAll(internetGuards(s));
        rules.add(PolicyRule.deny("StayInAllowedRegions").notActions(GLOBAL_SERVICE_ACTIONS).resources("*")
                .when("StringNotEquals", "aws:RequestedRegion", s.allowedRegions()).build());
        if (s.boundaryPolicyArn() != null) {
            rules.addAll(boundaryGuards(s.boundaryPolicyArn()));
        }
        return List.copyOf(rules);
    }

    /**
     * @return a permission boundary's statements: the allows of {@code ceiling} (the most any bounded role may
     *     ever do), merged, followed by the guardrail denies. Allows come first so that no stock rule reads a
     *     deny's wildcard as part of an allow. Ceiling rules with the same conditions are merged into one
     *     statement (every action of the group on every resource of the group), which keeps the boundary under
     *     IAM's size limit; it is coarser than each role's own policy, which stays exact, and never broader than
     *     the ceiling's resources. Rules on {@code Resource: "*"} are merged only with each other.
     */
    public static @NotNull List<PolicyRule> boundary(final @NotNull List<PolicyRule> ceiling, final @NotNull Settings s) {
        Map<String, List<PolicyRule>> groups = new LinkedHashMap<>();
        for (PolicyRule rule : ceiling) {
            if (rule.effect() != RuleEffect.ALLOW) {
                throw new IllegalArgumentException("ceiling: allow statements only, got deny " + rule.sid());
            }
            // Allows on exact resources need no condition in a boundary: the resources already pin them to
            // this VPC, and the identity policies keep their own conditions (the effective permission is the
            // intersection). Merging them lists each resource once, which keeps the boundary within IAM's size
            // limit. Allows on "*" keep their conditions: there the condition is the only narrowing.
            String key = rule.resources().contains("*") ? rule.conditions() + " on *" : "on exact resources";
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(rule);
        }
        List<PolicyRule> rules = new ArrayList<>();
        int n = 0;
        for (List<PolicyRule> group : groups.values()) {
            n++;
            boolean exact = !group.get(0).resources().contains("*");
            PolicyRule.Builder merged = PolicyRule.allow("Ceiling" + n)
                    .actions(group.stream().flatMap(r -> r.actions().stream()).distinct().toList())
                    .resources(group.stream().flatMap(r -> r.resources().stream()).distinct().toList());
            rules.add(exact ? merged.build() : merged.when(group.get(0).conditions()).build());
        }
        rules.addAll(statements(s));
        return List.copyOf(rules);
    }

    /**
     * @return an estimate of a policy's size as IAM counts it (compact JSON): the partition, account and region
     *     tokens at their longest values ({@code aws-us-gov}, 12 digits, 14 characters), every other CDK token
     *     counted as {@code tokenChars} characters (a resource id is at most 24, a log-group ARN about 150)
     */
    public static int estimatedSize(final @NotNull List<PolicyRule> rules, final int tokenChars) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("Version", "2012-10-17");
        document.put("Statement", rules.stream().map(PolicyRule::toJson).toList());
        try {
            String json = new ObjectMapper().writeValueAsString(document);
            return json.replaceAll("\\$\\{Token\\[AWS\\.Partition\\.\\d+\\]\\}", "aws-us-gov")
                    .replaceAll("\\$\\{Token\\[AWS\\.AccountId\\.\\d+\\]\\}", "123456789012")
                    .replaceAll("\\$\\{Token\\[AWS\\.Region\\.\\d+\\]\\}", "ap-southeast-4")
                    .replaceAll("\\$\\{Token\\[[^]]*\\]\\}", "x".repeat(tokenChars)).length();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the statements as a service control policy document (JSON), for AWS Organizations. */
    public static @NotNull String serviceControlPolicy(final @NotNull Settings s) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("Version", "2012-10-17");
        document.put("Statement", statements(s).stream().map(PolicyRule::toJson).toList());
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<PolicyRule> internetGuards(final Settings s) {
        String anyIgw = "arn:" + s.partition() + ":ec2:*:*:internet-gateway/*";
        if (s.internetVpcArns().isEmpty()) {
            return List.of(
                    PolicyRule.deny("NoInternetGateways").actions("ec2:CreateInternetGateway", "ec2:AttachInternetGateway")
                            .resources("*").build(),
                    PolicyRule.deny("NoPublicSubnets").actions("ec2:ModifySubnetAttribute").resources("*").build(),
                    PolicyRule.deny("NoPublicAddressesAtLaunch").actions("ec2:RunInstances")
                            .resources("arn:" + s.partition() + ":ec2:*:*:network-interface/*")
                            .when("Bool", "ec2:AssociatePublicIpAddress", "true").build());
        }
        List<String> exempt = new ArrayList<>(s.internetVpcArns());
        exempt.add(anyIgw);
        return List.of(
                PolicyRule.deny("NoInternetGatewaysOutsideAllowedVpcs").actions("ec2:AttachInternetGateway")
                        .notResources(exempt).build(),
                PolicyRule.deny("NoPublicSubnetsOutsideAllowedVpcs").actions("ec2:ModifySubnetAttribute")
                        .resources("arn:" + s.partition() + ":ec2:*:*:subnet/*")
                        .when("ArnNotEquals", "ec2:Vpc", s.internetVpcArns()).build(),
                PolicyRule.deny("NoPublicAddressesOutsideAllowedVpcs").actions("ec2:RunInstances")
                        .resources("arn:" + s.partition() + ":ec2:*:*:network-interface/*")
                        .when("Bool", "ec2:AssociatePublicIpAddress", "true")
                        .when("ArnNotEquals", "ec2:Vpc", s.internetVpcArns()).build());
    }

    private static List<PolicyRule> boundaryGuards(final String boundaryArn) {
        return List.of(
                PolicyRule.deny("KeepTheBoundaryOnRoles")
                        .actions("iam:DeleteRolePermissionsBoundary", "iam:DeleteUserPermissionsBoundary")
                        .resources("*").build(),
                PolicyRule.deny("SetNoOtherBoundary")
                        .actions("iam:PutRolePermissionsBoundary", "iam:PutUserPermissionsBoundary").resources("*")
                        .when("StringNotEquals", "iam:PermissionsBoundary", boundaryArn).build(),
                PolicyRule.deny("KeepTheBoundaryUnchanged").actions(BOUNDARY_POLICY_ACTIONS).resources(boundaryArn)
                        .build());
    }
}
