package io.securevpc.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.TestStacks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** A SecureVpc with no props: everything here is what a user gets without asking (one shared template). */
class SecureVpcDefaultsTest {
    private static Template template;

    @BeforeAll
    static void synth() {
        Stack stack = TestStacks.regionalStack();
        new SecureVpc(stack, "Network", null);
        template = Template.fromStack(stack);
    }

    @Test
    void isolatedTiersOnlyNoInternetGatewayNoNat() {
        template.resourceCountIs("AWS::EC2::InternetGateway", 0);
        template.resourceCountIs("AWS::EC2::NatGateway", 0);
        template.resourceCountIs("AWS::EC2::EIP", 0);
        template.resourceCountIs("AWS::EC2::Route", 0);
    }

    @Test
    void twoIsolatedTiersInEachOfThreeZones() {
        template.resourceCountIs("AWS::EC2::Subnet", 6);
        template.hasResourceProperties("AWS::EC2::Subnet", Map.of("CidrBlock", "10.0.0.0/22",
                "AvailabilityZone", "eu-west-1a", "MapPublicIpOnLaunch", false));
        template.hasResourceProperties("AWS::EC2::Subnet", Map.of("CidrBlock", "10.0.12.0/26",
                "AvailabilityZone", "eu-west-1a"));
        template.allResourcesProperties("AWS::EC2::Subnet", Map.of("MapPublicIpOnLaunch", false));
    }

    @Test
    void defaultSecurityGroupIsClosed() {
        template.resourceCountIs("Custom::VpcRestrictDefaultSG", 1);
        template.hasResourceProperties("Custom::VpcRestrictDefaultSG", Map.of(
                "DefaultSecurityGroupId", Map.of("Fn::GetAtt", List.of(Match.anyValue(), "DefaultSecurityGroup"))));
    }

    @Test
    void everySubnetIsAssociatedWithItsTierNaclSoTheDefaultNaclGovernsNone() {
        template.resourceCountIs("AWS::EC2::NetworkAcl", 2);
        template.resourceCountIs("AWS::EC2::SubnetNetworkAclAssociation", 6);
    }

    @Test
    void endpointsTierAcceptsHttpsFromTheVpcOnlyAndNoTierReachesTheInternet() {
        Map<String, Map<String, Object>> entries = template.findResources("AWS::EC2::NetworkAclEntry");
        assertTrue(entries.values().stream().map(r -> props(r)).anyMatch(p -> "10.0.0.0/16".equals(p.get("CidrBlock"))
                && Boolean.FALSE.equals(p.get("Egress")) && Map.of("From", 443, "To", 443).equals(p.get("PortRange"))));
        long internetAllows = entries.values().stream().map(r -> props(r))
                .filter(p -> "0.0.0.0/0".equals(p.get("CidrBlock")) && "allow".equals(p.get("RuleAction"))).count();
        assertEquals(0, internetAllows, "no tier reaches beyond the VPC by default: isolated tiers have no egress ports");
    }

    @Test
    void flowLogCapturesAllTrafficInTheFullV2ToV5Format() {
        template.resourceCountIs("AWS::EC2::FlowLog", 1);
        template.hasResourceProperties("AWS::EC2::FlowLog", Map.of(
                "ResourceType", "VPC",
                "TrafficType", "ALL",
                "LogDestinationType", "cloud-watch-logs",
                "MaxAggregationInterval", 600,
                "LogFormat", FlowLogFormat.FORMAT));
        for (String field : List.of("vpc-id", "subnet-id", "instance-id", "tcp-flags", "pkt-srcaddr", "pkt-dstaddr",
                "flow-direction", "traffic-path")) {
            assertTrue(FlowLogFormat.FORMAT.contains("${" + field + "}"), field);
        }
    }

    @Test
    void flowLogGroupIsEncryptedWithARotatedRetainedKeyAndKeptAYear() {
        template.hasResource("AWS::Logs::LogGroup", Map.of(
                "Properties", Map.of("RetentionInDays", 365, "KmsKeyId", Map.of("Fn::GetAtt",
                        List.of(Match.stringLikeRegexp("NetworkFlowLogsKey.*"), "Arn"))),
                "DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain"));
        template.hasResource("AWS::KMS::Key", Map.of(
                "Properties", Map.of("EnableKeyRotation", true),
                "DeletionPolicy", "Retain"));
    }

    @Test
    void keyPolicyLetsOnlyThisRegionsCloudWatchLogsUseTheKeyForLogGroupsOfThisAccount() {
        template.hasResourceProperties("AWS::KMS::Key", Map.of("KeyPolicy", Map.of("Statement", Match.arrayWith(List.of(
                Match.objectLike(Map.of(
                        "Sid", "AllowCloudWatchLogsOfThisAccountAndRegion",
                        "Principal", Map.of("Service", "logs.eu-west-1.amazonaws.com"),
                        "Condition", Map.of("ArnLike", Map.of("kms:EncryptionContext:aws:logs:arn",
                                arn(":logs:eu-west-1:111111111111:log-group:*"))))))))));
    }

    @Test
    void deliveryRoleIsConfusedDeputySafeWithACustomerManagedPolicyOnOneLogGroup() {
        TestStacks.assertServiceRoleTrust(template, "vpc-flow-logs.amazonaws.com", ":ec2:eu-west-1:111111111111:vpc-flow-log/*");
        template.resourceCountIs("AWS::IAM::Policy", 0);
        template.hasResourceProperties("AWS::IAM::ManagedPolicy", Map.of("PolicyDocument", Map.of("Statement",
                List.of(Map.of(
                        "Effect", "Allow",
                        "Action", List.of("logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"),
                        "Resource", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("NetworkFlowLogsLogGroup.*"),
                                "Arn")))))));
    }

    @Test
    void noS3BucketUnlessAsked() {
        template.resourceCountIs("AWS::S3::Bucket", 0);
        assertFalse(template.toJSON().toString().contains("0.0.0.0/0\", \"RuleAction\": \"deny"));
    }

    /** An ARN rendered as {@code arn:<partition><rest>}. */
    static Object arn(final String rest) {
        return TestStacks.arn(rest);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> props(final Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    /**
     * The fluent builder builds the same construct as {@code new SecureVpc(scope, id, props)}: same template for
     * the same props, and every setter reaches the props.
     */
    @Test
    void theBuilderBuildsWhatTheConstructorBuilds() {
        Stack built = TestStacks.regionalStack();
        SecureVpc network = SecureVpc.Builder.create(built, "Network").cidr("10.20.0.0/16").maxAzs(2)
                .flowLogRetention(software.amazon.awscdk.services.logs.RetentionDays.TWO_YEARS).build();
        Stack constructed = TestStacks.regionalStack();
        new SecureVpc(constructed, "Network", SecureVpcProps.builder().cidr("10.20.0.0/16").maxAzs(2)
                .flowLogRetention(software.amazon.awscdk.services.logs.RetentionDays.TWO_YEARS).build());
        assertEquals(Template.fromStack(constructed).toJSON(), Template.fromStack(built).toJSON());
        assertEquals("10.20.0.0/16", network.getVpcCidrLiteral());
        assertEquals(List.of("10.20.0.0/21"), network.tierCidrs("workload"));
    }
}
