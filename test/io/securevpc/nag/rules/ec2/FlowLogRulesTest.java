package io.securevpc.nag.rules.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.TestStacks;
import io.securevpc.connectivity.TransitGateway;
import io.securevpc.nag.PackFindings;
import io.securevpc.nag.rules.BlueprintRule;
import io.securevpc.nag.rules.audit.AuditBaselinePresent;
import io.securevpc.network.SecureVpc;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.CfnFlowLog;
import software.amazon.awscdk.services.ec2.CfnVPC;
import software.amazon.awscdk.services.ec2.FlowLog;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogResourceType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.logs.CfnLogGroup;
import software.constructs.Construct;

/**
 * VpcFlowLogAllTraffic, FlowLogFormatComplete and FlowLogDestinationEncrypted (BP-MON-1): one app of two
 * stacks (the second holds a flow log of a VPC of the first), checked once.
 */
class FlowLogRulesTest {
    /** The rules under test: only they run, so another rule's findings never reach these assertions. */
    private static final List<Class<? extends BlueprintRule>> RULES = List.of(
            VpcFlowLogAllTraffic.class, FlowLogFormatComplete.class, FlowLogDestinationEncrypted.class);
    private static final List<String> V3_TO_V5_FIELDS = List.of("flow-direction", "instance-id", "pkt-dstaddr",
            "pkt-srcaddr", "subnet-id", "tcp-flags", "traffic-path", "vpc-id");
    private static PackFindings findings;
    private static PackFindings otherStackFindings;

    @BeforeAll
    static void check() {
        Stack stack = TestStacks.regionalStack();
        // the audit baseline is AuditBaselinePresent's concern, not this class's
        AuditBaselinePresent.declareExisting(stack, "Not under test here", List.of(AuditBaselinePresent.CLOUDTRAIL,
                AuditBaselinePresent.CONFIG, AuditBaselinePresent.GUARDDUTY));
        // L1: a VPC with no flow log; another whose only flow log records REJECT traffic in the default
        // format to a log group without a customer-managed key
        CfnVPC.Builder.create(stack, "NoFlowLog").cidrBlock("10.1.0.0/16").build();
        CfnVPC rejectOnly = CfnVPC.Builder.create(stack, "RejectOnly").cidrBlock("10.2.0.0/16").build();
        CfnLogGroup group = CfnLogGroup.Builder.create(stack, "PlainGroup").retentionInDays(365).build();
        CfnFlowLog.Builder.create(stack, "RejectFlowLog").resourceType("VPC").resourceId(rejectOnly.getRef())
                .trafficType("REJECT").logDestinationType("cloud-watch-logs").logGroupName(group.getRef())
                .deliverLogsPermissionArn("arn:aws:iam::111111111111:role/flow-logs").build();
        // L2 misconfiguration: Vpc's own flowLogs option with its defaults
        Vpc.Builder.create(stack, "L2Vpc").maxAzs(2).natGateways(0)
                .flowLogs(Map.of("All", FlowLogOptions.builder().build())).build();
        // compliant: SecureVpc with its defaults
        new SecureVpc(stack, "Network", null);
        // compliant across stacks: a VPC whose flow log lives in another stack of the app
        Vpc shared = Vpc.Builder.create(stack, "Shared").maxAzs(2).natGateways(0).build();
        Stack other = new Stack((Construct) stack.getNode().getScope(), "Other", StackProps.builder()
                .env(Environment.builder().account("111111111111").region("eu-west-1").build()).build());
        FlowLog.Builder.create(other, "SharedFlowLog").resourceType(FlowLogResourceType.fromVpc(shared)).build();
        // intrinsic: a log format given as a parameter
        CfnParameter format = CfnParameter.Builder.create(stack, "Format").type("String").build();
        CfnFlowLog.Builder.create(stack, "ParamFlowLog").resourceType("VPC").resourceId(rejectOnly.getRef())
                .trafficType("ALL").logDestinationType("cloud-watch-logs").logGroupName(group.getRef())
                .logFormat(format.getValueAsString())
                .deliverLogsPermissionArn("arn:aws:iam::111111111111:role/flow-logs").build();
        // Transit Gateway flow logs: the construct's (default format: every Transit Gateway field), and an L1 one
        // whose format names a few fields only
        TransitGateway hub = new TransitGateway(stack, "Hub", null);
        CfnFlowLog.Builder.create(stack, "ShortTgwFlowLog").resourceType("TransitGateway")
                .resourceId(hub.getTransitGatewayId()).logDestinationType("cloud-watch-logs")
                .logDestination("arn:aws:logs:eu-west-1:111111111111:log-group:tgw")
                .logFormat("${version} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol}")
                .deliverLogsPermissionArn("arn:aws:iam::111111111111:role/flow-logs").build();
        findings = PackFindings.checkOnly(stack, RULES);
        otherStackFindings = PackFindings.checkOnly(other, RULES);
    }

    @Test
    void failsL1VpcWithoutFlowLog() {
        assertEquals(List.of("BlueprintChecks-VpcFlowLogAllTraffic"), findings.at("Test/NoFlowLog"));
    }

    @Test
    void failsL1FlowLogOfRejectedTrafficOnlyInTheDefaultFormatToAnUnencryptedGroup() {
        assertEquals(List.of(), findings.at("Test/RejectOnly"), "ParamFlowLog records ALL traffic of this VPC");
        List<String> expected = new java.util.ArrayList<>(List.of("BlueprintChecks-FlowLogDestinationEncrypted"));
        V3_TO_V5_FIELDS.forEach(f -> expected.add("BlueprintChecks-FlowLogFormatComplete[" + f + "]"));
        assertEquals(expected, findings.at("Test/RejectFlowLog"));
    }

    @Test
    void failsL2VpcFlowLogsOptionInItsDefaultFormatAndUnencryptedGroup() {
        List<String> expected = new java.util.ArrayList<>(List.of("BlueprintChecks-FlowLogDestinationEncrypted"));
        V3_TO_V5_FIELDS.forEach(f -> expected.add("BlueprintChecks-FlowLogFormatComplete[" + f + "]"));
        assertEquals(expected, findings.at("Test/L2Vpc/All/FlowLog"));
        assertEquals(List.of(), findings.at("Test/L2Vpc/Resource"));
    }

    @Test
    void passesSecureVpcAndAVpcWhoseFlowLogIsInAnotherStack() {
        assertTrue(findings.all().keySet().stream().noneMatch(p -> p.startsWith("Test/Network/")),
                findings.all().toString());
        assertEquals(List.of(), findings.at("Test/Shared/Resource"));
    }

    @Test
    void checksTheFlowLogInTheOtherStackToo() {
        List<String> expected = new java.util.ArrayList<>(List.of("BlueprintChecks-FlowLogDestinationEncrypted"));
        V3_TO_V5_FIELDS.forEach(f -> expected.add("BlueprintChecks-FlowLogFormatComplete[" + f + "]"));
        assertEquals(expected, otherStackFindings.at("Other/SharedFlowLog/FlowLog"));
    }

    @Test
    void transitGatewayFlowLogsAreJudgedOnTheirOwnFields() {
        assertEquals(List.of(), findings.at("Test/Hub/FlowLog"), "default format: every Transit Gateway field");
        List<String> expected = new java.util.ArrayList<>(List.of(
                "BlueprintChecks-FlowLogDestinationEncrypted[CannotCheck-LogGroupName]"));
        List.of("account-id", "end", "flow-direction", "packets-lost-blackhole", "packets-lost-no-route", "start",
                "tcp-flags", "tgw-attachment-id", "tgw-dst-eni", "tgw-dst-subnet-id", "tgw-dst-vpc-id", "tgw-id",
                "tgw-src-eni", "tgw-src-subnet-id", "tgw-src-vpc-id")
                .forEach(f -> expected.add("BlueprintChecks-FlowLogFormatComplete[" + f + "]"));
        assertEquals(expected, findings.at("Test/ShortTgwFlowLog"));
    }

    @Test
    void reportsAParameterLogFormatAsCannotCheck() {
        assertEquals(List.of("BlueprintChecks-FlowLogDestinationEncrypted",
                "BlueprintChecks-FlowLogFormatComplete[CannotCheck-LogFormat]"), findings.at("Test/ParamFlowLog"));
    }
}
