package io.securevpc;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.BlueprintValidationException.Problem;
import io.securevpc.audit.AuditTrail;
import io.securevpc.audit.AuditTrailProps;
import io.securevpc.audit.ConfigBaselineProps;
import io.securevpc.audit.LogArchive;
import io.securevpc.audit.LogArchiveProps;
import io.securevpc.audit.SecurityAlarms;
import io.securevpc.audit.SecurityAlarmsProps;
import io.securevpc.connectivity.PrivateLinkEndpoint;
import io.securevpc.connectivity.PrivateLinkEndpointProps;
import io.securevpc.connectivity.PrivateLinkService;
import io.securevpc.connectivity.PrivateLinkServiceProps;
import io.securevpc.connectivity.SiteToSiteVpn;
import io.securevpc.connectivity.SiteToSiteVpnProps;
import io.securevpc.connectivity.TransitGatewayAttachment;
import io.securevpc.connectivity.TransitGatewayAttachmentProps;
import io.securevpc.connectivity.VpcPeering;
import io.securevpc.connectivity.VpcPeeringProps;
import io.securevpc.detection.InstanceIsolation;
import io.securevpc.detection.InstanceIsolationProps;
import io.securevpc.detection.MaliciousIpBlocking;
import io.securevpc.detection.MaliciousIpBlockingProps;
import io.securevpc.detection.ThreatDetectionProps;
import io.securevpc.endpoints.AccessBoundary;
import io.securevpc.endpoints.EndpointPolicy;
import io.securevpc.endpoints.GatewayEndpointService;
import io.securevpc.endpoints.GatewayEndpoints;
import io.securevpc.endpoints.GatewayEndpointsProps;
import io.securevpc.endpoints.InterfaceEndpoints;
import io.securevpc.endpoints.InterfaceEndpointsProps;
import io.securevpc.iam.ConditionClause;
import io.securevpc.iam.Guardrails;
import io.securevpc.iam.MonitoringGuardrailPolicyProps;
import io.securevpc.iam.NetworkOperatorRoles;
import io.securevpc.iam.NetworkOperatorRolesProps;
import io.securevpc.iam.NetworkPermissionBoundary;
import io.securevpc.iam.NetworkPermissionBoundaryProps;
import io.securevpc.iam.NetworkResources;
import io.securevpc.iam.PolicyRule;
import io.securevpc.network.BlockListEntry;
import io.securevpc.network.FlowLogAlarms;
import io.securevpc.network.FlowLogAlarmsProps;
import io.securevpc.network.NetworkDashboard;
import io.securevpc.network.NetworkDashboardProps;
import io.securevpc.network.PortRange;
import io.securevpc.network.SecureVpc;
import io.securevpc.network.SecureVpcProps;
import io.securevpc.network.SubnetTier;
import io.securevpc.network.TierKind;
import io.securevpc.network.TierSecurityGroup;
import io.securevpc.network.TierSecurityGroupProps;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;
import software.amazon.awscdk.services.events.IRule;
import software.amazon.awscdk.services.s3.ObjectLockMode;

/**
 * Every bad input a new user may give the library, one row each: a null where a value is required (a builder
 * argument, an element of a list prop, a value class), or an AWS id or name of the wrong format. Each must fail
 * with a {@link BlueprintValidationException} naming the code, the prop and what is allowed, never with a
 * {@link NullPointerException}. Add a row with every new prop.
 */
class InvalidInputTableTest {
    private static final ErrorCode MISSING = ErrorCode.CONFLICTING_PROPS;
    private static Stack stack;
    private static SecureVpc vpc;
    private static TierSecurityGroup group;
    private static int ids;

    /**
     * One bad input.
     *
     * @param description what is wrong, as the test's name
     * @param action builds the props (or the construct) with the bad input
     * @param code the expected code
     * @param prop the expected prop
     * @param fragment a fragment of the problem's line ({@code [code] prop = value: allowed})
     */
    record Row(String description, Executable action, ErrorCode code, String prop, String fragment) {
    }

    @BeforeAll
    static void network() {
        App app = App.Builder.create().context(Map.of(
                "availability-zones:account=111111111111:region=eu-west-1", TestStacks.AZS,
                "@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy", true)).build();
        stack = new Stack(app, "Test", StackProps.builder()
                .env(Environment.builder().account("111111111111").region("eu-west-1").build()).build());
        vpc = new SecureVpc(stack, "Network", SecureVpcProps.builder()
                .cidr("10.0.0.0/16")
                .tiers(List.of(
                        SubnetTier.builder("workload", TierKind.ISOLATED).cidrMask(22).build(),
                        SubnetTier.builder("transit", TierKind.ISOLATED).cidrMask(28).egressPorts(List.of()).build()))
                .flowLogs(false)
                .build());
        group = new TierSecurityGroup(stack, "Group", TierSecurityGroupProps.builder()
                .vpc(vpc.getVpc()).description("Workload").build());
    }

    /** A construct id not used before in the shared stack (a failed construct keeps its node). */
    private static String id() {
        return "Case" + ++ids;
    }

    @SafeVarargs
    private static <T> List<T> with(final T... values) {
        return Arrays.asList(values);
    }

    /** A list holding only null, of any element type. */
    private static <T> List<T> nulls() {
        return Collections.singletonList(null);
    }

    private static Row missing(final String description, final Executable action, final String prop) {
        return new Row(description, action, MISSING, prop, "[SVPC-009] " + prop + " = (unset): a value");
    }

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        rows.addAll(nullsInNetwork());
        rows.addAll(nullsInConnectivity());
        rows.addAll(nullsInEndpointsAndIam());
        rows.addAll(nullsInAuditAndDetection());
        rows.addAll(nullsInValueClasses());
        rows.addAll(nullsInMethods());
        rows.addAll(nullProps());
        rows.addAll(malformedIds());
        return rows;
    }

    private static List<Row> nullsInNetwork() {
        return List.of(
                missing("SubnetTier without a name", () -> SubnetTier.builder(null, TierKind.ISOLATED).build(), "name"),
                missing("SubnetTier without a kind", () -> SubnetTier.builder("app", null).build(), "kind"),
                missing("SubnetTier ingressPorts holding null", () -> SubnetTier.builder("app", TierKind.ISOLATED)
                        .ingressPorts(with(PortRange.tcp(443), null)).build(), "ingressPorts[1]"),
                missing("SubnetTier ingressFrom holding null", () -> SubnetTier.builder("app", TierKind.ISOLATED)
                        .ingressFrom(with((String) null)).build(), "ingressFrom[0]"),
                missing("SubnetTier healthCheckPorts holding null", () -> SubnetTier.builder("app", TierKind.ISOLATED)
                        .healthCheckPorts(with((PortRange) null)).build(), "healthCheckPorts[0]"),
                missing("SubnetTier egressPorts holding null", () -> SubnetTier.builder("app", TierKind.ISOLATED)
                        .egressPorts(with((PortRange) null)).build(), "egressPorts[0]"),
                missing("SecureVpcProps availabilityZones holding null", () -> SecureVpcProps.builder()
                        .availabilityZones(with("eu-west-1a", null)).build(), "availabilityZones[1]"),
                missing("SecureVpcProps tiers holding null", () -> SecureVpcProps.builder()
                        .tiers(with((SubnetTier) null)).build(), "tiers[0]"),
                missing("SecureVpcProps blockList holding null", () -> SecureVpcProps.builder()
                        .blockList(with((BlockListEntry) null)).build(), "blockList[0]"),
                missing("SecureVpc builder with tiers holding null", () -> SecureVpc.Builder.create(stack, id())
                        .tiers(with((SubnetTier) null)).build(), "tiers[0]"),
                missing("BlockListEntry without a CIDR", () -> BlockListEntry.cidr(null, "hostile"), "cidr"),
                missing("BlockListEntry with null ports", () -> BlockListEntry.cidr("192.0.2.0/24", null, "hostile"),
                        "ports"),
                missing("TierSecurityGroupProps without a VPC", () -> TierSecurityGroupProps.builder()
                        .description("App").build(), "vpc"),
                missing("TierSecurityGroupProps without a description", () -> TierSecurityGroupProps.builder()
                        .vpc(vpc.getVpc()).build(), "description"),
                missing("TierSecurityGroupProps publicIngressPorts holding null", () -> TierSecurityGroupProps.builder()
                        .vpc(vpc.getVpc()).description("App").publicIngressPorts(with((PortRange) null)).build(),
                        "publicIngressPorts[0]"),
                missing("prefix list egress without a prefix list id", () -> group.allowEgressToPrefixList(null,
                        PortRange.tcp(443), "S3"), "prefixListId"),
                missing("prefix list egress without a port", () -> group.allowEgressToPrefixList("pl-6da54004",
                        null, "S3"), "port"),
                missing("FlowLogAlarmsProps without a VPC", () -> FlowLogAlarmsProps.builder()
                        .topics(List.of()).build(), "secureVpc"),
                missing("FlowLogAlarmsProps without topics", () -> FlowLogAlarmsProps.builder().secureVpc(vpc).build(),
                        "topics"),
                missing("FlowLogAlarmsProps connectedCidrs holding null", () -> FlowLogAlarmsProps.builder()
                        .secureVpc(vpc).topics(List.of()).connectedCidrs(with((String) null)).build(),
                        "connectedCidrs[0]"),
                missing("FlowLogAlarmsProps blockList holding null", () -> FlowLogAlarmsProps.builder()
                        .secureVpc(vpc).topics(List.of()).blockList(with((BlockListEntry) null)).build(), "blockList[0]"),
                missing("NetworkDashboardProps without a VPC", () -> NetworkDashboardProps.builder().build(),
                        "secureVpc"),
                missing("NetworkDashboardProps without flow-log alarms", () -> NetworkDashboardProps.builder()
                        .secureVpc(vpc).build(), "flowLogAlarms"),
                missing("NetworkDashboardProps remediationRules holding null", () -> NetworkDashboardProps.builder()
                        .secureVpc(vpc).remediationRules(with((IRule) null)).build(), "remediationRules[0]"),
                new Row("flow-log alarms on a VPC without CloudWatch Logs flow logs", () -> new FlowLogAlarms(stack,
                        id(), FlowLogAlarmsProps.builder().secureVpc(vpc).topics(List.of()).build()),
                        ErrorCode.FLOW_LOGS, "secureVpc", "CLOUDWATCH_LOGS or BOTH"));
    }

    private static List<Row> nullsInConnectivity() {
        return List.of(
                missing("SiteToSiteVpnProps without a customer gateway", () -> SiteToSiteVpnProps.builder()
                        .secureVpc(vpc).build(), "customerGatewayIp"),
                missing("SiteToSiteVpnProps onPremisesCidrs holding null", () -> SiteToSiteVpnProps.builder()
                        .secureVpc(vpc).customerGatewayIp("203.0.113.10").onPremisesCidrs(with((String) null)).build(),
                        "onPremisesCidrs[0]"),
                missing("SiteToSiteVpnProps routeTiers holding null", () -> SiteToSiteVpnProps.builder()
                        .secureVpc(vpc).customerGatewayIp("203.0.113.10").routeTiers(with("workload", null)).build(),
                        "routeTiers[1]"),
                missing("SiteToSiteVpnProps outboundPorts holding null", () -> SiteToSiteVpnProps.builder()
                        .secureVpc(vpc).customerGatewayIp("203.0.113.10").outboundPorts(with((PortRange) null))
                        .build(), "outboundPorts[0]"),
                missing("SiteToSiteVpnProps inboundPorts holding null", () -> SiteToSiteVpnProps.builder()
                        .secureVpc(vpc).customerGatewayIp("203.0.113.10").inboundPorts(with((PortRange) null))
                        .build(), "inboundPorts[0]"),
                missing("VpcPeeringProps without the requester", () -> VpcPeeringProps.builder().build(), "secureVpc"),
                missing("VpcPeeringProps peerCidrs holding null", () -> VpcPeeringProps.builder().secureVpc(vpc)
                        .peerCidrs(with((String) null)).build(), "peerCidrs[0]"),
                missing("VpcPeeringProps routeTiers holding null", () -> VpcPeeringProps.builder().secureVpc(vpc)
                        .routeTiers(with((String) null)).build(), "routeTiers[0]"),
                missing("VpcPeeringProps peerRouteTiers holding null", () -> VpcPeeringProps.builder().secureVpc(vpc)
                        .peerRouteTiers(with((String) null)).build(), "peerRouteTiers[0]"),
                missing("VpcPeeringProps outboundPorts holding null", () -> VpcPeeringProps.builder().secureVpc(vpc)
                        .outboundPorts(with((PortRange) null)).build(), "outboundPorts[0]"),
                missing("VpcPeeringProps inboundPorts holding null", () -> VpcPeeringProps.builder().secureVpc(vpc)
                        .inboundPorts(with((PortRange) null)).build(), "inboundPorts[0]"),
                missing("TransitGatewayAttachmentProps without the attachment tier", () ->
                        TransitGatewayAttachmentProps.builder().secureVpc(vpc).build(), "attachmentTier"),
                missing("TransitGatewayAttachmentProps destinationCidrs holding null", () ->
                        TransitGatewayAttachmentProps.builder().secureVpc(vpc).attachmentTier("transit")
                                .destinationCidrs(with((String) null)).build(), "destinationCidrs[0]"),
                missing("TransitGatewayAttachmentProps routeTiers holding null", () ->
                        TransitGatewayAttachmentProps.builder().secureVpc(vpc).attachmentTier("transit")
                                .routeTiers(with((String) null)).build(), "routeTiers[0]"),
                missing("TransitGatewayAttachmentProps outboundPorts holding null", () ->
                        TransitGatewayAttachmentProps.builder().secureVpc(vpc).attachmentTier("transit")
                                .outboundPorts(with((PortRange) null)).build(), "outboundPorts[0]"),
                missing("TransitGatewayAttachmentProps inboundPorts holding null", () ->
                        TransitGatewayAttachmentProps.builder().secureVpc(vpc).attachmentTier("transit")
                                .inboundPorts(with((PortRange) null)).build(), "inboundPorts[0]"),
                missing("PrivateLinkServiceProps without a VPC", () -> PrivateLinkServiceProps.builder().build(), "vpc"),
                missing("PrivateLinkServiceProps allowedPrincipals holding null", () -> PrivateLinkServiceProps
                        .builder().vpc(vpc.getVpc()).allowedPrincipals(nulls()).build(), "allowedPrincipals[0]"),
                missing("PrivateLinkEndpointProps without a service", () -> PrivateLinkEndpointProps.builder()
                        .vpc(vpc.getVpc()).build(), "service"),
                missing("PrivateLinkEndpointProps consumers holding null", () -> PrivateLinkEndpointProps.builder()
                        .vpc(vpc.getVpc()).consumers(with(group, null)).build(), "consumers[1]"),
                missing("PrivateLinkEndpointProps consumerCidrs holding null", () -> PrivateLinkEndpointProps.builder()
                        .vpc(vpc.getVpc()).consumerCidrs(with((String) null)).build(), "consumerCidrs[0]"));
    }

    private static List<Row> nullsInEndpointsAndIam() {
        return List.of(
                missing("GatewayEndpointsProps without a VPC", () -> GatewayEndpointsProps.builder().build(), "vpc"),
                missing("GatewayEndpointsProps services holding null", () -> GatewayEndpointsProps.builder()
                        .vpc(vpc.getVpc()).services(with(GatewayEndpointService.S3, null)).build(), "services[1]"),
                missing("GatewayEndpointsProps subnets holding null", () -> GatewayEndpointsProps.builder()
                        .vpc(vpc.getVpc()).subnets(nulls()).build(), "subnets[0]"),
                missing("InterfaceEndpointsProps without a VPC", () -> InterfaceEndpointsProps.builder().build(), "vpc"),
                missing("InterfaceEndpointsProps services holding null", () -> InterfaceEndpointsProps.builder()
                        .vpc(vpc.getVpc()).services(with((InterfaceVpcEndpointAwsService) null)).build(),
                        "services[0]"),
                missing("InterfaceEndpointsProps presets holding null", () -> InterfaceEndpointsProps.builder()
                        .vpc(vpc.getVpc()).presets(nulls()).build(), "presets[0]"),
                missing("InterfaceEndpointsProps consumers holding null", () -> InterfaceEndpointsProps.builder()
                        .vpc(vpc.getVpc()).consumers(with((TierSecurityGroup) null)).build(), "consumers[0]"),
                missing("InterfaceEndpointsProps consumerCidrs holding null", () -> InterfaceEndpointsProps.builder()
                        .vpc(vpc.getVpc()).consumerCidrs(with("10.1.0.0/16", null)).build(), "consumerCidrs[1]"),
                missing("NetworkOperatorRolesProps without a VPC", () -> NetworkOperatorRolesProps.builder().build(),
                        "vpc"),
                missing("NetworkOperatorRolesProps networkAdmins holding null", () -> NetworkOperatorRolesProps
                        .builder().vpc(vpc.getVpc()).networkAdmins(nulls()).build(), "networkAdmins[0]"),
                missing("NetworkOperatorRolesProps securityGroupAdmins holding null", () -> NetworkOperatorRolesProps
                        .builder().vpc(vpc.getVpc()).securityGroupAdmins(nulls()).build(), "securityGroupAdmins[0]"),
                missing("NetworkOperatorRolesProps naclAdmins holding null", () -> NetworkOperatorRolesProps
                        .builder().vpc(vpc.getVpc()).naclAdmins(nulls()).build(), "naclAdmins[0]"),
                missing("NetworkOperatorRolesProps auditReaders holding null", () -> NetworkOperatorRolesProps
                        .builder().vpc(vpc.getVpc()).auditReaders(nulls()).build(), "auditReaders[0]"),
                missing("NetworkOperatorRolesProps securityGroups holding null", () -> NetworkOperatorRolesProps
                        .builder().vpc(vpc.getVpc()).securityGroups(nulls()).build(), "securityGroups[0]"),
                missing("NetworkOperatorRolesProps networkAcls holding null", () -> NetworkOperatorRolesProps
                        .builder().vpc(vpc.getVpc()).networkAcls(nulls()).build(), "networkAcls[0]"),
                missing("NetworkOperatorRolesProps vpcEndpoints holding null", () -> NetworkOperatorRolesProps
                        .builder().vpc(vpc.getVpc()).vpcEndpoints(nulls()).build(), "vpcEndpoints[0]"),
                missing("NetworkOperatorRolesProps auditLogGroups holding null", () -> NetworkOperatorRolesProps
                        .builder().vpc(vpc.getVpc()).auditLogGroups(nulls()).build(), "auditLogGroups[0]"),
                missing("NetworkOperatorRolesProps auditBuckets holding null", () -> NetworkOperatorRolesProps
                        .builder().vpc(vpc.getVpc()).auditBuckets(nulls()).build(), "auditBuckets[0]"),
                missing("NetworkPermissionBoundaryProps without a ceiling", () -> NetworkPermissionBoundaryProps
                        .builder().build(), "ceiling"),
                missing("NetworkPermissionBoundaryProps ceiling holding null", () -> NetworkPermissionBoundaryProps
                        .builder().ceiling(with((PolicyRule) null)).build(), "ceiling[0]"),
                missing("NetworkPermissionBoundaryProps allowedRegions holding null", () ->
                        NetworkPermissionBoundaryProps.builder().ceiling(List.of()).allowedRegions(with("eu-west-1",
                                null)).build(), "allowedRegions[1]"),
                missing("NetworkPermissionBoundaryProps internetVpcs holding null", () ->
                        NetworkPermissionBoundaryProps.builder().ceiling(List.of()).internetVpcs(nulls()).build(),
                        "internetVpcs[0]"),
                missing("NetworkPermissionBoundaryProps protectedLogGroups holding null", () ->
                        NetworkPermissionBoundaryProps.builder().ceiling(List.of()).protectedLogGroups(nulls())
                                .build(), "protectedLogGroups[0]"),
                missing("MonitoringGuardrailPolicyProps without roles", () -> MonitoringGuardrailPolicyProps
                        .builder().build(), "roles"),
                missing("MonitoringGuardrailPolicyProps roles holding null", () -> MonitoringGuardrailPolicyProps
                        .builder().roles(nulls()).build(), "roles[0]"),
                missing("MonitoringGuardrailPolicyProps archiveBuckets holding null", () ->
                        MonitoringGuardrailPolicyProps.builder().roles(List.of()).archiveBuckets(nulls()).build(),
                        "archiveBuckets[0]"),
                missing("Guardrails.Monitoring without exempt principals", () -> new Guardrails.Monitoring("aws",
                        null, List.of(), List.of(), List.of()), "exemptPrincipals"));
    }

    private static List<Row> nullsInAuditAndDetection() {
        return List.of(
                missing("MaliciousIpBlockingProps without alerts", () -> MaliciousIpBlockingProps.builder()
                        .secureVpc(vpc).build(), "alerts"),
                missing("MaliciousIpBlockingProps tiers holding null", () -> MaliciousIpBlockingProps.builder()
                        .tiers(with((String) null)).build(), "tiers[0]"),
                missing("InstanceIsolationProps without alerts", () -> InstanceIsolationProps.builder()
                        .vpc(vpc.getVpc()).build(), "alerts"),
                missing("ThreatDetectionProps disabledFeatures holding null", () -> ThreatDetectionProps.builder()
                        .disabledFeatures(nulls()).build(), "disabledFeatures[0]"),
                missing("ConfigBaselineProps authorizedTcpPorts holding null", () -> ConfigBaselineProps.builder(
                        new LogArchive(stack, id(), LogArchiveProps.builder().build())).authorizedTcpPorts(
                        with(443, null)).build(), "authorizedTcpPorts[1]"),
                missing("ConfigBaselineProps requiredEndpointServices holding null", () -> ConfigBaselineProps.builder(
                        new LogArchive(stack, id(), LogArchiveProps.builder().build())).requiredEndpointServices(
                        with((String) null)).build(), "requiredEndpointServices[0]"),
                missing("SecurityAlarmsProps events holding null", () -> SecurityAlarmsProps.builder(null)
                        .events(nulls()).build(), "events[0]"));
    }

    private static List<Row> nullsInValueClasses() {
        List<String> values = List.of("true");
        return List.of(
                missing("ConditionClause without an operator", () -> new ConditionClause(null, "aws:SecureTransport",
                        values), "operator"),
                missing("ConditionClause without a key", () -> new ConditionClause("Bool", null, values), "key"),
                missing("ConditionClause without values", () -> new ConditionClause("Bool", "aws:SecureTransport",
                        null), "values"),
                missing("ConditionClause values holding null", () -> new ConditionClause("Bool", "aws:SecureTransport",
                        with((String) null)), "values[0]"),
                new Row("ConditionClause with an unknown operator", () -> new ConditionClause("StringEqualz",
                        "aws:PrincipalAccount", values), ErrorCode.IAM_POLICY, "operator",
                        "operator = 'StringEqualz': one of [ArnEquals"),
                new Row("ConditionClause with no value", () -> new ConditionClause("Bool", "aws:SecureTransport",
                        List.of()), ErrorCode.IAM_POLICY, "values", "at least one value to compare aws:SecureTransport"),
                missing("PolicyRule without a sid", () -> PolicyRule.allow(null).actions("ec2:DescribeVpcs")
                        .resources("arn:aws:ec2:eu-west-1:111122223333:vpc/vpc-0a1b2c3d").build(), "sid"),
                missing("PolicyRule actions as a null array", () -> PolicyRule.allow("A").actions((String[]) null)
                        .resources("*").build(), "actions"),
                missing("PolicyRule actions holding null", () -> PolicyRule.allow("A")
                        .actions(with("ec2:DescribeVpcs", null)).resources("*").build(), "actions[1]"),
                missing("PolicyRule resources holding null", () -> PolicyRule.deny("A").actions("ec2:*")
                        .resources(with((String) null)).build(), "resources[0]"),
                missing("PolicyRule notActions as null", () -> PolicyRule.deny("A").notActions(null).resources("*")
                        .build(), "notActions"),
                missing("PolicyRule notResources holding null", () -> PolicyRule.deny("A").actions("ec2:*")
                        .notResources(with((String) null)).build(), "notResources[0]"),
                missing("PolicyRule condition clauses holding null", () -> PolicyRule.deny("A").actions("ec2:*")
                        .resources("*").when(with((ConditionClause) null)).build(), "when[0]"),
                missing("PolicyRule condition values as a null array", () -> PolicyRule.deny("A").actions("ec2:*")
                        .resources("*").when("Bool", "aws:SecureTransport", (String[]) null), "values"),
                missing("EndpointPolicy without a boundary", () -> EndpointPolicy.s3(null), "boundary"),
                missing("EndpointPolicy actions holding null", () -> EndpointPolicy.dynamoDb(AccessBoundary
                        .organization("o-a1b2c3d4e5")).actions("dynamodb:GetItem", null), "actions[1]"),
                missing("EndpointPolicy with a null statement", () -> EndpointPolicy.anyService(AccessBoundary
                        .organization("o-a1b2c3d4e5")).statement(null), "statement"),
                missing("AccessBoundary without an organization id", () -> AccessBoundary.organization(null),
                        "organizationId"),
                missing("AccessBoundary accounts holding null", () -> AccessBoundary.accounts("111122223333", null),
                        "accountIds[1]"),
                missing("NetworkResources without a partition", () -> NetworkResources.builder(null, "eu-west-1",
                        "111122223333", "vpc-0a1b2c3d").build(), "partition"),
                missing("NetworkResources subnetIds holding null", () -> NetworkResources.builder("aws", "eu-west-1",
                        "111122223333", "vpc-0a1b2c3d").subnetIds(with((String) null)).build(), "subnetIds[0]"),
                missing("Guardrails.Settings without a partition", () -> new Guardrails.Settings(null,
                        List.of("eu-west-1"), List.of(), List.of(), null), "partition"),
                missing("Guardrails.Settings allowedRegions holding null", () -> new Guardrails.Settings("aws",
                        with((String) null), List.of(), List.of(), null), "allowedRegions[0]"));
    }

    private static List<Row> nullsInMethods() {
        List<PortRange> https = List.of(PortRange.tcp(443));
        return List.of(
                new Row("tier subnets of no tier", () -> vpc.tierSubnets(null), ErrorCode.TIER, "tierName",
                        "tierName = (unset): one of: workload, transit"),
                missing("external traffic to null blocks", () -> vpc.allowExternalTraffic("workload", null, https,
                        https), "cidrs"),
                missing("external traffic to blocks holding null", () -> vpc.allowExternalTraffic("workload",
                        with((String) null), https, https), "cidrs[0]"),
                missing("external traffic on outbound ports holding null", () -> vpc.allowExternalTraffic("workload",
                        List.of("10.9.0.0/16"), with((PortRange) null), https), "outboundPorts[0]"),
                missing("external traffic without inbound ports", () -> vpc.allowExternalTraffic("workload",
                        List.of("10.9.0.0/16"), https, null), "inboundPorts"),
                missing("transit traffic without route tiers", () -> vpc.allowTransitTraffic("transit", null, https,
                        https), "routeTiers"),
                missing("transit traffic on inbound ports holding null", () -> vpc.allowTransitTraffic("transit",
                        List.of("workload"), https, with((PortRange) null)), "inboundPorts[0]"),
                missing("tier traffic without source tiers", () -> vpc.allowTierTraffic("workload", null, https),
                        "fromTiers"),
                missing("tier traffic on ports holding null", () -> vpc.allowTierTraffic("workload",
                        List.of("transit"), with((PortRange) null)), "ports[0]"),
                missing("security group ingress from no group", () -> group.allowFrom(null, PortRange.tcp(443),
                        "App"), "source"),
                missing("security group ingress on no port", () -> group.allowWithinGroup(null, "App"), "port"),
                missing("security group egress to the internet on no port", () -> group.allowEgressToInternet(null,
                        "HTTPS"), "port"));
    }

    private static List<Row> nullProps() {
        return List.of(
                missing("AuditTrail without props", () -> new AuditTrail(stack, id(), null), "props"),
                missing("AuditTrailProps without the archive", () -> AuditTrailProps.builder(null), "archive"),
                missing("ConfigBaselineProps without the archive", () -> ConfigBaselineProps.builder(null), "archive"),
                missing("SecurityAlarms without props", () -> new SecurityAlarms(stack, id(), null), "props"),
                missing("TierSecurityGroup without props", () -> new TierSecurityGroup(stack, id(), null), "props"),
                missing("TransitGatewayAttachment without props", () -> new TransitGatewayAttachment(stack, id(), null),
                        "props"),
                missing("PrivateLinkEndpoint without props", () -> new PrivateLinkEndpoint(stack, id(), null), "props"),
                missing("VpcPeering without props", () -> new VpcPeering(stack, id(), null), "props"),
                missing("SiteToSiteVpn without props", () -> new SiteToSiteVpn(stack, id(), null), "props"),
                missing("FlowLogAlarms without props", () -> new FlowLogAlarms(stack, id(), null), "props"),
                missing("NetworkDashboard without props", () -> new NetworkDashboard(stack, id(), null), "props"),
                missing("PrivateLinkService without props", () -> new PrivateLinkService(stack, id(), null), "props"),
                missing("NetworkOperatorRoles without props", () -> new NetworkOperatorRoles(stack, id(), null),
                        "props"),
                missing("NetworkPermissionBoundary without props", () -> new NetworkPermissionBoundary(stack, id(),
                        null), "props"),
                missing("GatewayEndpoints without props", () -> new GatewayEndpoints(stack, id(), null), "props"),
                missing("InterfaceEndpoints without props", () -> new InterfaceEndpoints(stack, id(), null), "props"),
                missing("InstanceIsolation without props", () -> new InstanceIsolation(stack, id(), null), "props"),
                missing("MaliciousIpBlocking without props", () -> new MaliciousIpBlocking(stack, id(), null),
                        "props"));
    }

    private static List<Row> malformedIds() {
        return List.of(
                new Row("a VPC in a zone given as its region", () -> SecureVpcProps.builder()
                        .availabilityZones(List.of("eu-west-1a", "eu-west-1")).build(), ErrorCode.AVAILABILITY_ZONES,
                        "availabilityZones[1]", "availabilityZones[1] = 'eu-west-1': an Availability Zone name (the "
                        + "region and one letter) or a Local Zone name, e.g. eu-west-1a"),
                new Row("a VPC in a zone id instead of a zone name", () -> SecureVpc.Builder.create(stack, id())
                        .availabilityZones(List.of("euw1-az1", "euw1-az2")).build(), ErrorCode.AVAILABILITY_ZONES,
                        "availabilityZones[0]", "e.g. eu-west-1a"),
                new Row("peering to a VPC id too short", () -> peering(p -> p.peerVpcId("vpc-123")),
                        ErrorCode.CONNECTIVITY, "peerVpcId", "peerVpcId = 'vpc-123': a VPC id: vpc- and 8 or 17 hex "
                        + "digits, e.g. vpc-0a1b2c3d4e5f67890"),
                new Row("peering to a VPC id in upper case", () -> peering(p -> p.peerVpcId("VPC-0A1B2C3D")),
                        ErrorCode.CONNECTIVITY, "peerVpcId", "e.g. vpc-0a1b2c3d4e5f67890"),
                new Row("peering to a subnet id instead of a VPC id", () -> peering(p -> p
                        .peerVpcId("subnet-0a1b2c3d")), ErrorCode.CONNECTIVITY, "peerVpcId", "a VPC id"),
                new Row("peering to an 11-digit account", () -> peering(p -> p.peerVpcId("vpc-0a1b2c3d")
                        .peerOwnerId("22222222222")), ErrorCode.CONNECTIVITY, "peerOwnerId",
                        "a 12-digit account id, e.g. 111122223333"),
                new Row("peering to a region without its number", () -> peering(p -> p.peerVpcId("vpc-0a1b2c3d")
                        .peerRegion("eu-west")), ErrorCode.CONNECTIVITY, "peerRegion", "a region name, e.g. eu-west-1"),
                new Row("peering to a region in upper case", () -> peering(p -> p.peerVpcId("vpc-0a1b2c3d")
                        .peerRegion("EU-WEST-1")), ErrorCode.CONNECTIVITY, "peerRegion", "e.g. eu-west-1"),
                new Row("attachment to a malformed Transit Gateway id", () -> attachment("tgw-xyz"),
                        ErrorCode.CONNECTIVITY, "transitGatewayId", "transitGatewayId = 'tgw-xyz': a Transit Gateway "
                        + "id: tgw- and 8 or 17 hex digits, e.g. tgw-0a1b2c3d4e5f67890"),
                new Row("attachment to a VPC id instead of a Transit Gateway id", () -> attachment("vpc-0a1b2c3d"),
                        ErrorCode.CONNECTIVITY, "transitGatewayId", "e.g. tgw-0a1b2c3d4e5f67890"),
                new Row("egress to a malformed prefix list id", () -> group.allowEgressToPrefixList("pl-",
                        PortRange.tcp(443), "S3"), ErrorCode.SECURITY_GROUP, "prefixListId",
                        "prefixListId = 'pl-': a prefix list id: pl- and 8 or 17 hex digits, e.g. pl-6da54004"),
                new Row("egress to a prefix list name instead of its id", () -> group.allowEgressToPrefixList(
                        "com.amazonaws.eu-west-1.s3", PortRange.tcp(443), "S3"), ErrorCode.SECURITY_GROUP,
                        "prefixListId", "a prefix list id"),
                new Row("permission boundary for a region given by its display name", () ->
                        new NetworkPermissionBoundary(stack, id(), NetworkPermissionBoundaryProps.builder()
                                .ceiling(List.of(PolicyRule.allow("Describe").actions("ec2:DescribeVpcs")
                                        .resources("*").when("StringEquals", "aws:RequestedRegion", "eu-west-1")
                                        .build()))
                                .allowedRegions(List.of("eu-west-1", "Europe (Ireland)")).build()),
                        ErrorCode.IAM_POLICY, "allowedRegions[1]", "allowedRegions[1] = 'Europe (Ireland)': a region "
                        + "name, e.g. eu-west-1"),
                new Row("log archive for a malformed organization id", () -> new LogArchive(stack, id(),
                        LogArchiveProps.builder().organizationId("o-short").build()), ErrorCode.LOG_ARCHIVE,
                        "organizationId", "an organization id: o- and 10 to 32 lower-case letters or digits, "
                        + "e.g. o-a1b2c3d4e5"),
                new Row("log archive break-glass principal given by role name", () -> new LogArchive(stack, id(),
                        LogArchiveProps.builder().breakGlassPrincipalArn("AuditBreakGlass").build()),
                        ErrorCode.LOG_ARCHIVE, "breakGlassPrincipalArn", "breakGlassPrincipalArn = 'AuditBreakGlass': "
                        + "an IAM role or user ARN, e.g. arn:aws:iam::111122223333:role/AuditBreakGlass"),
                new Row("log archive Object Lock mode without a retention", () -> new LogArchive(stack, id(),
                        LogArchiveProps.builder().objectLockMode(ObjectLockMode.COMPLIANCE).build()),
                        ErrorCode.LOG_ARCHIVE, "objectLockMode", "unset unless objectLockRetention is set"),
                new Row("gateway endpoint boundary of a malformed account", () -> new GatewayEndpoints(stack, id(),
                        GatewayEndpointsProps.builder().vpc(vpc.getVpc()).accessBoundary(AccessBoundary
                                .accounts("1111-2222-3333")).build()), ErrorCode.ENDPOINT_POLICY, "accessBoundary",
                        "accessBoundary = '1111-2222-3333': a 12-digit account id, e.g. 111122223333"),
                new Row("interface endpoint boundary of a malformed organization", () -> new InterfaceEndpoints(stack,
                        id(), InterfaceEndpointsProps.builder().vpc(vpc.getVpc())
                                .services(List.of(InterfaceVpcEndpointAwsService.KMS)).consumers(List.of(group))
                                .accessBoundary(AccessBoundary.organization("r-ab12")).build()),
                        ErrorCode.ENDPOINT_POLICY, "accessBoundary", "e.g. o-a1b2c3d4e5"));
    }

    private static void peering(final java.util.function.UnaryOperator<VpcPeeringProps.Builder> props) {
        new VpcPeering(stack, id(), props.apply(VpcPeeringProps.builder().secureVpc(vpc)
                .peerCidrs(List.of("10.9.0.0/16")).routeTiers(List.of("workload"))).build());
    }

    private static void attachment(final String transitGatewayId) {
        new TransitGatewayAttachment(stack, id(), TransitGatewayAttachmentProps.builder().secureVpc(vpc)
                .attachmentTier("transit").transitGatewayId(transitGatewayId)
                .destinationCidrs(List.of("10.9.0.0/16")).routeTiers(List.of("workload")).build());
    }

    @TestFactory
    Stream<DynamicTest> failsWithTheCodeThePropAndWhatIsAllowed() {
        return rows().stream().map(row -> DynamicTest.dynamicTest(row.description(), () -> {
            BlueprintValidationException e = assertThrows(BlueprintValidationException.class, row.action());
            assertTrue(e.getProblems().stream().anyMatch(p -> p.code() == row.code() && p.prop().equals(row.prop())
                            && p.render().contains(row.fragment())),
                    () -> "expected [" + row.code().id() + "] " + row.prop() + " containing '" + row.fragment()
                            + "' in:\n" + e.getMessage());
        }));
    }

    /** The table covers the library's props: it only grows. */
    @Test
    void tableHasAtLeastEightyCases() {
        assertTrue(rows().size() >= 80, "rows: " + rows().size());
    }

    /** Every row names a prop in its fragment's own line, so a message without the prop cannot pass. */
    @Test
    void everyRowExpectsAProblemOfItsProp() {
        List<String> bad = rows().stream().filter(r -> r.prop().isBlank() || r.code() == null)
                .map(Row::description).toList();
        assertTrue(bad.isEmpty(), String.valueOf(bad));
        Problem sample = new Problem(ErrorCode.CONNECTIVITY, "peerVpcId", "'vpc-1'", "a VPC id");
        assertTrue(sample.render().startsWith("[SVPC-016] peerVpcId = "));
    }
}
