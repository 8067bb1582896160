package io.securevpc.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jetbrains.annotations.NotNull;

/**
 * The policy of each {@link OperatorDuty}, as data (BP-IAM-1/2/3). Every grant names the exact resources of one
 * VPC and, where the resource type supports it, also requires {@code ec2:Vpc} to be that VPC's ARN: a
 * second, independent scoping that still holds if an id list is ever wrong.
 *
 * <p>What is deliberately not granted, and why:
 * <ul>
 *   <li>Creating or deleting subnets, security groups, NACLs, endpoints, peering connections or transit-gateway
 *       attachments: a create names a resource that does not exist yet, so it can only be granted on an ARN
 *       pattern ({@code security-group/*}) narrowed by {@code ec2:Vpc}. The blueprint leaves structural changes to
 *       the deployment pipeline (CloudFormation) and gives operators the day-2 changes on existing resources,
 *       which name exact ARNs.</li>
 *   <li>{@code ec2:Describe*}, {@code cloudtrail:LookupEvents}, {@code logs:DescribeLogGroups} and
 *       {@code ec2:DescribeFlowLogs}: these actions have no resource-level permissions, so they need
 *       {@code Resource: "*"} (BP-MON-1 notes it for {@code ec2:*FlowLogs}). They are in {@link #describe}, narrowed
 *       to the region by {@code aws:RequestedRegion}, and granted only when asked for.</li>
 *   <li>{@code s3:GetObject} on audit buckets: objects can only be named by a pattern ({@code bucket/prefix/*});
 *       the audit reader reads flow logs through their CloudWatch Logs group and lists the buckets.</li>
 *   <li>Security-group and NACL actions for the network administrator, and the reverse (BP-IAM-4).</li>
 * </ul>
 */
public final class OperatorPolicies {
    /** Security-group rule changes (BP-NET-2); all support resource-level permissions and {@code ec2:Vpc}. */
    public static final List<String> SECURITY_GROUP_ACTIONS = List.of(
            "ec2:AuthorizeSecurityGroupIngress", "ec2:AuthorizeSecurityGroupEgress",
            "ec2:RevokeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress", "ec2:ModifySecurityGroupRules",
            "ec2:UpdateSecurityGroupRuleDescriptionsIngress", "ec2:UpdateSecurityGroupRuleDescriptionsEgress");
    /** NACL entry changes (BP-NET-4/5); all support resource-level permissions and {@code ec2:Vpc}. */
    public static final List<String> NACL_ENTRY_ACTIONS = List.of(
            "ec2:CreateNetworkAclEntry", "ec2:ReplaceNetworkAclEntry", "ec2:DeleteNetworkAclEntry");
    /**
     * Route changes (BP-NET-3), granted on the route tables. The Service Authorization Reference also lists the
     * route's target (transit gateway, peering connection, ...) as an optional resource of {@code ec2:CreateRoute};
     * routes to a target EC2 authorizes need that target's ARN as well, which is not granted here.
     */
    public static final List<String> ROUTE_ACTIONS = List.of("ec2:CreateRoute", "ec2:ReplaceRoute", "ec2:DeleteRoute");
    /** Which route table governs which subnet (BP-NET-3). */
    public static final List<String> ROUTE_TABLE_ASSOCIATION_ACTIONS = List.of(
            "ec2:AssociateRouteTable", "ec2:DisassociateRouteTable", "ec2:ReplaceRouteTableAssociation");
    /** Reading flow-log and trail log groups (BP-MON-1, BP-AUD-1). */
    public static final List<String> LOG_READ_ACTIONS = List.of(
            "logs:GetLogEvents", "logs:FilterLogEvents", "logs:DescribeLogStreams", "logs:StartQuery");
    private static final String EC2_VPC = "ec2:Vpc";

    private OperatorPolicies() {
    }

    /**
     * @return the rules of one duty's policy on these resources; empty when the resources a duty needs are
     *     missing (e.g. no security group for the security-group administrator)
     */
    public static @NotNull List<PolicyRule> rules(final @NotNull OperatorDuty duty, final @NotNull NetworkResources r) {
        return switch (duty) {
            case NETWORK_ADMIN -> networkAdmin(r);
            case SECURITY_GROUP_ADMIN -> securityGroupAdmin(r);
            case NACL_ADMIN -> naclAdmin(r);
            case AUDIT_READER -> auditReader(r);
        };
    }

    /**
     * The read-only actions one duty needs to see the VPC in the console or CLI. They have no resource-level
     * permissions, so they are on {@code Resource: "*"}, narrowed to the VPC's region by
     * {@code aws:RequestedRegion}. AwsSolutions-IAM5 reports such a statement; an app that grants it must
     * acknowledge that finding on the policy.
     */
    public static @NotNull PolicyRule describe(final @NotNull OperatorDuty duty, final @NotNull String region) {
        List<String> actions = switch (duty) {
            case NETWORK_ADMIN -> List.of("ec2:DescribeVpcs", "ec2:DescribeSubnets", "ec2:DescribeRouteTables",
                    "ec2:DescribeVpcEndpoints", "ec2:DescribeVpcPeeringConnections",
                    "ec2:DescribeTransitGatewayAttachments");
            case SECURITY_GROUP_ADMIN -> List.of("ec2:DescribeVpcs", "ec2:DescribeSecurityGroups",
                    "ec2:DescribeSecurityGroupRules");
            case NACL_ADMIN -> List.of("ec2:DescribeVpcs", "ec2:DescribeSubnets", "ec2:DescribeNetworkAcls");
            case AUDIT_READER -> List.of("ec2:DescribeFlowLogs", "logs:DescribeLogGroups", "logs:GetQueryResults",
                    "cloudtrail:LookupEvents", "config:GetResourceConfigHistory");
        };
        return PolicyRule.allow("DescribeWithoutResourceLevelPermissions").actions(actions).resources("*")
                .when("StringEquals", "aws:RequestedRegion", region).build();
    }

    private static List<PolicyRule> networkAdmin(final NetworkResources r) {
        List<PolicyRule> rules = new ArrayList<>();
        List<String> routeTables = r.ec2Arns("route-table", r.routeTableIds());
        List<String> subnets = r.ec2Arns("subnet", r.subnetIds());
        if (!routeTables.isEmpty()) {
            rules.add(PolicyRule.allow("ChangeRoutesOfThisVpc").actions(ROUTE_ACTIONS).resources(routeTables)
                    .when("ArnEquals", EC2_VPC, r.vpcArn()).build());
        }
        if (!routeTables.isEmpty() && !subnets.isEmpty()) {
            rules.add(PolicyRule.allow("AssociateRouteTablesOfThisVpc").actions(ROUTE_TABLE_ASSOCIATION_ACTIONS)
                    .resources(concat(routeTables, subnets)).when("ArnEquals", EC2_VPC, r.vpcArn()).build());
        }
        // No ec2:ModifyVpcEndpoint (BP-EP-3): one call changes an endpoint's routes and its policy alike, and IAM has
        // no condition key for the policy document or ResetPolicy, so the duty cannot be granted without the power
        // to open the endpoints to another account's resources. Endpoints change through the deployment.
        return List.copyOf(rules);
    }

    private static List<PolicyRule> securityGroupAdmin(final NetworkResources r) {
        if (r.securityGroupIds().isEmpty()) {
            return List.of();
        }
        return List.of(PolicyRule.allow("ChangeRulesOfThisVpcsSecurityGroups").actions(SECURITY_GROUP_ACTIONS)
                .resources(r.ec2Arns("security-group", r.securityGroupIds()))
                .when("ArnEquals", EC2_VPC, r.vpcArn()).build());
    }

    private static List<PolicyRule> naclAdmin(final NetworkResources r) {
        if (r.networkAclIds().isEmpty()) {
            return List.of();
        }
        List<String> nacls = r.ec2Arns("network-acl", r.networkAclIds());
        List<PolicyRule> rules = new ArrayList<>();
        rules.add(PolicyRule.allow("ChangeEntriesOfThisVpcsNetworkAcls").actions(NACL_ENTRY_ACTIONS)
                .resources(nacls).when("ArnEquals", EC2_VPC, r.vpcArn()).build());
        if (!r.subnetIds().isEmpty()) {
            rules.add(PolicyRule.allow("ReassociateThisVpcsNetworkAcls").actions("ec2:ReplaceNetworkAclAssociation")
                    .resources(concat(nacls, r.ec2Arns("subnet", r.subnetIds())))
                    .when("ArnEquals", EC2_VPC, r.vpcArn()).build());
        }
        return List.copyOf(rules);
    }

    private static List<PolicyRule> auditReader(final NetworkResources r) {
        List<PolicyRule> rules = new ArrayList<>();
        if (!r.logGroupArns().isEmpty()) {
            rules.add(PolicyRule.allow("ReadAuditLogGroups").actions(LOG_READ_ACTIONS).resources(r.logGroupArns())
                    .build());
        }
        if (!r.bucketArns().isEmpty()) {
            rules.add(PolicyRule.allow("ListAuditBuckets").actions("s3:ListBucket").resources(r.bucketArns()).build());
        }
        return List.copyOf(rules);
    }

    @SafeVarargs
    private static List<String> concat(final List<String>... lists) {
        return Stream.of(lists).flatMap(List::stream).toList();
    }
}
