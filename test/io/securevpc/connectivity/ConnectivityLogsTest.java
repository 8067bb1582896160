package io.securevpc.connectivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.TestStacks;
import io.securevpc.network.SecureVpc;
import io.securevpc.network.SecureVpcProps;
import io.securevpc.network.SubnetTier;
import io.securevpc.network.TierKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * Transit Gateway flow logs and Site-to-Site VPN tunnel logs (BP-MON-1): on by default, to CloudWatch Logs groups built
 * as a VPC's flow-log group is (customer-managed key, retention, retained); off only explicitly, with a warning.
 */
class ConnectivityLogsTest {
    private static Template template;
    private static Stack off;

    @BeforeAll
    static void synth() {
        Stack stack = TestStacks.regionalStack();
        SecureVpc vpc = new SecureVpc(stack, "Network", SecureVpcProps.builder()
                .tiers(List.of(SubnetTier.builder("workload", TierKind.ISOLATED).cidrMask(22).build()))
                .flowLogRetention(RetentionDays.TWO_YEARS)
                .build());
        new TransitGateway(stack, "Hub", null);
        new SiteToSiteVpn(stack, "Vpn", SiteToSiteVpnProps.builder().secureVpc(vpc).customerGatewayIp("198.51.100.7")
                .onPremisesCidrs(List.of("192.168.0.0/16")).routeTiers(List.of("workload"))
                .tunnelLogRetention(RetentionDays.TWO_YEARS).build());
        template = Template.fromStack(stack);
        off = TestStacks.regionalStack();
        SecureVpc offVpc = new SecureVpc(off, "Network", SecureVpcProps.builder()
                .tiers(List.of(SubnetTier.builder("workload", TierKind.ISOLATED).cidrMask(22).build())).build());
        new TransitGateway(off, "Hub", TransitGatewayProps.builder().flowLogs(false).build());
        new SiteToSiteVpn(off, "Vpn", SiteToSiteVpnProps.builder().secureVpc(offVpc).customerGatewayIp("198.51.100.7")
                .onPremisesCidrs(List.of("192.168.0.0/16")).routeTiers(List.of("workload")).tunnelLogs(false).build());
    }

    @Test
    void transitGatewayFlowLogsGoToAnEncryptedRetainedGroupEveryMinute() {
        template.hasResourceProperties("AWS::EC2::FlowLog", Map.of(
                "ResourceType", "TransitGateway",
                "ResourceId", Map.of("Ref", Match.stringLikeRegexp("^Hub[0-9A-F]{8}$")),
                "LogDestinationType", "cloud-watch-logs",
                "LogDestination", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("HubFlowLogGroup.*"), "Arn")),
                "DeliverLogsPermissionArn", Map.of("Fn::GetAtt",
                        List.of(Match.stringLikeRegexp("HubFlowLogDeliveryRole.*"), "Arn")),
                "MaxAggregationInterval", 60,
                "TrafficType", Match.absent(),
                "LogFormat", Match.absent()));
        template.hasResource("AWS::Logs::LogGroup", Map.of("DeletionPolicy", "Retain", "Properties", Map.of(
                "RetentionInDays", 365,
                "KmsKeyId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("HubFlowLogGroupKey.*"), "Arn")))));
        template.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true,
                "Description", Match.stringLikeRegexp("Encrypts the flow logs of the Transit Gateway .*")));
        template.hasResourceProperties("AWS::IAM::ManagedPolicy", Map.of("PolicyDocument", Map.of("Statement",
                List.of(Match.objectLike(Map.of("Resource", Map.of("Fn::GetAtt",
                        List.of(Match.stringLikeRegexp("HubFlowLogGroup.*"), "Arn")))))),
                "Roles", List.of(Map.of("Ref", Match.stringLikeRegexp("HubFlowLogDeliveryRole.*")))));
    }

    @Test
    void bothVpnTunnelsLogToAGroupUnderTheVpcsFlowLogKeyAndRetention() {
        Map<String, Object> logs = Map.of("LogOptions", Map.of("CloudwatchLogOptions", Map.of("LogEnabled", true,
                "LogOutputFormat", "json",
                "LogGroupArn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("VpnTunnelLogGroup.*"), "Arn")))));
        template.hasResourceProperties("AWS::EC2::VPNConnection", Map.of("VpnTunnelOptionsSpecifications",
                List.of(Match.objectLike(logs), Match.objectLike(logs))));
        template.hasResource("AWS::Logs::LogGroup", Map.of("DeletionPolicy", "Retain", "Properties", Map.of(
                "RetentionInDays", 731,
                "KmsKeyId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("NetworkFlowLogsKey.*"), "Arn")))));
        assertEquals(0, template.findResources("AWS::KMS::Key", Map.of("Properties", Map.of("Description",
                Match.stringLikeRegexp(".*Site-to-Site VPN.*")))).size(), "the VPC's flow-log key, not a new one");
        String policy = template.findResources("AWS::Logs::ResourcePolicy").entrySet().stream()
                .filter(e -> e.getKey().startsWith("VpnTunnelLogGroupPolicy")).map(e -> e.getValue().toString())
                .findFirst().orElseThrow();
        for (String part : List.of("AllowVpnTunnelLogDelivery", "delivery.logs.amazonaws.com", "logs:PutLogEvents",
                "VpnTunnelLogGroup")) {
            assertTrue(policy.contains(part), part + " not in " + policy);
        }
    }

    @Test
    void turningEitherOffIsExplicitAndWarns() {
        Template t = Template.fromStack(off);
        t.resourceCountIs("AWS::EC2::FlowLog", 1);
        t.hasResourceProperties("AWS::EC2::FlowLog", Map.of("ResourceType", "VPC"));
        assertFalse(t.toJSON().toString().contains("LogOptions"));
        Annotations a = Annotations.fromStack(off);
        a.hasWarning("/Test/Hub", Match.stringLikeRegexp("flowLogs is false.*Transit Gateway.*BP-MON-1.*"));
        a.hasWarning("/Test/Vpn", Match.stringLikeRegexp("tunnelLogs is false.*BP-MON-1.*"));
    }
}
