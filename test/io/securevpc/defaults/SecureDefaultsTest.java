package io.securevpc.defaults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.securevpc.network.FlowLogFormat;
import io.securevpc.network.SecureVpc;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ec2.FlowLog;
import software.amazon.awscdk.services.ec2.FlowLogResourceType;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.sns.Topic;

/** What each injector sets where the app left a prop unset, and that it never replaces a prop the app set. */
class SecureDefaultsTest {
    private static Template defaults;
    private static Template explicit;

    @BeforeAll
    static void synth() {
        App plain = PlainConsumerApp.app();
        SecureDefaults.applyTo(plain);
        defaults = Template.fromStack(PlainConsumerApp.build(plain));

        App app = PlainConsumerApp.app();
        SecureDefaults.applyTo(app);
        Stack stack = PlainConsumerApp.stack(app);
        Vpc vpc = Vpc.Builder.create(stack, "Vpc").natGateways(1).restrictDefaultSecurityGroup(false)
                .subnetConfiguration(List.of(
                        SubnetConfiguration.builder().name("lb").subnetType(SubnetType.PUBLIC)
                                .mapPublicIpOnLaunch(true).build(),
                        SubnetConfiguration.builder().name("app").subnetType(SubnetType.PRIVATE_WITH_EGRESS).build()))
                .flowLogs(Map.of()).build();
        SecurityGroup.Builder.create(stack, "Open").vpc(vpc).allowAllOutbound(true).build();
        FlowLog.Builder.create(stack, "Rejects").resourceType(FlowLogResourceType.fromVpc(vpc))
                .trafficType(FlowLogTrafficType.REJECT).build();
        Bucket.Builder.create(stack, "Assets").encryption(BucketEncryption.S3_MANAGED).versioned(false)
                .enforceSsl(false).build();
        LogGroup.Builder.create(stack, "AppLogs").encryptionKey(new Key(stack, "OwnKey")).build();
        Key.Builder.create(stack, "NoRotation").enableKeyRotation(false).build();
        Topic.Builder.create(stack, "Plain").enforceSsl(false).build();
        explicit = Template.fromStack(stack);
    }

    @Test
    void vpcGetsIsolatedSubnetsOnlyAndFlowLogs() {
        defaults.resourceCountIs("AWS::EC2::InternetGateway", 0);
        defaults.resourceCountIs("AWS::EC2::NatGateway", 0);
        defaults.allResourcesProperties("AWS::EC2::Subnet", Match.objectLike(Map.of("MapPublicIpOnLaunch", false)));
        defaults.resourceCountIs("AWS::EC2::Subnet", 6);   // workload and endpoints in each of the 3 AZs
        defaults.resourceCountIs("AWS::EC2::FlowLog", 2);   // the VPC's own and the app's VpcFlowLog
        defaults.hasResourceProperties("Custom::VpcRestrictDefaultSG", Match.anyValue());
    }

    @Test
    void flowLogsRecordAllTrafficInTheFullFormatToAnEncryptedGroupWithAManagedPolicy() {
        defaults.allResourcesProperties("AWS::EC2::FlowLog", Match.objectLike(Map.of("TrafficType", "ALL",
                "LogFormat", FlowLogFormat.FORMAT, "LogDestinationType", "cloud-watch-logs")));
        defaults.allResourcesProperties("AWS::Logs::LogGroup", Match.objectLike(Map.of("KmsKeyId", Match.anyValue())));
        defaults.resourceCountIs("AWS::IAM::Policy", 0);
        defaults.resourceCountIs("AWS::IAM::ManagedPolicy", 2);
    }

    @Test
    void securityGroupsHaveNoEgressAndTheInterfaceEndpointIsClosed() {
        defaults.resourceCountIs("AWS::EC2::SecurityGroup", 2);   // the app's and the endpoint's own
        defaults.allResourcesProperties("AWS::EC2::SecurityGroup", Match.not(Match.objectLike(Map.of(
                "SecurityGroupEgress", Match.arrayWith(List.of(Match.objectLike(Map.of("CidrIp", "0.0.0.0/0"))))))));
        defaults.resourceCountIs("AWS::EC2::SecurityGroupEgress", 1);   // app to endpoint, from allowDefaultPortFrom
        defaults.resourceCountIs("AWS::EC2::SecurityGroupIngress", 1);   // only the app's allowDefaultPortFrom
        defaults.hasResourceProperties("AWS::EC2::VPCEndpoint", Map.of("VpcEndpointType", "Interface",
                "PrivateDnsEnabled", true));
    }

    @Test
    void endpointsGetAPolicyForCallersOfTheAccount() {
        Map<String, Object> policy = Map.of("Statement", List.of(Map.of("Sid", EndpointPolicies.SID,
                "Effect", "Allow", "Principal", Map.of("AWS", "*"), "Action", "*", "Resource", "*",
                "Condition", Map.of("StringEquals", Map.of("aws:PrincipalAccount", "111111111111")))));
        defaults.hasResourceProperties("AWS::EC2::VPCEndpoint", Map.of("VpcEndpointType", "Interface",
                "PolicyDocument", Match.objectLike(policy)));
        defaults.hasResourceProperties("AWS::EC2::VPCEndpoint", Map.of("VpcEndpointType", "Gateway",
                "PolicyDocument", Match.objectLike(policy)));
    }

    @Test
    void bucketsAreKmsEncryptedSslOnlyVersionedPrivateAndLogged() {
        defaults.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Match.objectLike(Map.of(
                        "BucketKeyEnabled", true, "ServerSideEncryptionByDefault",
                        Match.objectLike(Map.of("SSEAlgorithm", "aws:kms")))))),
                "VersioningConfiguration", Map.of("Status", "Enabled"),
                "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                "LoggingConfiguration", Match.objectLike(Map.of("LogFilePrefix", "Data/"))));
        defaults.hasResourceProperties("AWS::S3::BucketPolicy", Match.objectLike(Map.of("PolicyDocument",
                Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of("Effect", "Deny",
                        "Condition", Map.of("NumericLessThan", Map.of("s3:TlsVersion", 1.2))))))))));
    }

    @Test
    void keysRotateAndTheTopicIsEncryptedAndSslOnly() {
        defaults.allResourcesProperties("AWS::KMS::Key", Match.objectLike(Map.of("EnableKeyRotation", true)));
        defaults.hasResourceProperties("AWS::SNS::Topic", Map.of("KmsMasterKeyId", Match.anyValue()));
        defaults.hasResourceProperties("AWS::SNS::TopicPolicy", Match.objectLike(Map.of("PolicyDocument",
                Map.of("Statement", List.of(Match.objectLike(Map.of("Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
    }

    @Test
    void propsTheAppSetAreNeverReplaced() {
        // Public subnets and NAT as configured, public IPs on launch as asked, default group left open, no flow log.
        explicit.resourceCountIs("AWS::EC2::NatGateway", 1);
        explicit.hasResourceProperties("AWS::EC2::Subnet", Map.of("MapPublicIpOnLaunch", true));
        explicit.resourceCountIs("Custom::VpcRestrictDefaultSG", 0);
        explicit.hasResourceProperties("AWS::EC2::SecurityGroup", Map.of("GroupDescription", "Consumer/Open",
                "SecurityGroupEgress", List.of(Map.of("CidrIp", "0.0.0.0/0", "Description",
                        "Allow all outbound traffic by default", "IpProtocol", "-1"))));
        explicit.resourceCountIs("AWS::EC2::FlowLog", 1);
        explicit.hasResourceProperties("AWS::EC2::FlowLog", Map.of("TrafficType", "REJECT"));
        explicit.hasResourceProperties("AWS::S3::Bucket", Match.objectLike(Map.of("BucketEncryption", Map.of(
                "ServerSideEncryptionConfiguration", List.of(Map.of("ServerSideEncryptionByDefault",
                        Map.of("SSEAlgorithm", "AES256")))), "VersioningConfiguration", Match.absent())));
        explicit.hasResourceProperties("AWS::Logs::LogGroup", Map.of("KmsKeyId",
                Map.of("Fn::GetAtt", List.of(logicalId(explicit, "AWS::KMS::Key", "OwnKey"), "Arn"))));
        explicit.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", false));
        explicit.resourceCountIs("AWS::SNS::TopicPolicy", 0);
    }

    @Test
    void theBlueprintsOwnConstructsAreLeftAsTheyAre() {
        App app = PlainConsumerApp.app();
        SecureDefaults.applyTo(app);
        Stack stack = PlainConsumerApp.stack(app);
        new SecureVpc(stack, "Network", null);
        Template t = Template.fromStack(stack);
        t.resourceCountIs("AWS::EC2::FlowLog", 1);   // SecureVpc's own; no second one from the Vpc injector
        assertEquals(1, t.findResources("AWS::KMS::Key").size());
    }

    private static String logicalId(final Template t, final String type, final String prefix) {
        return t.findResources(type).keySet().stream().filter(k -> k.startsWith(prefix)).findFirst().orElseThrow();
    }
}
