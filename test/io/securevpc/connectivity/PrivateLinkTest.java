package io.securevpc.connectivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.securevpc.BlueprintValidationException;
import io.securevpc.TestStacks;
import io.securevpc.network.PortRange;
import io.securevpc.network.SecureVpc;
import io.securevpc.network.SecureVpcProps;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointService;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCertificate;
import software.amazon.awscdk.services.elasticloadbalancingv2.targets.IpTarget;
import software.amazon.awscdk.services.iam.ArnPrincipal;

/** A PrivateLink provider and a consumer in one stack (BP-MV-3); validation tests share an unsynthesized stack. */
class PrivateLinkTest {
    private static final String CONSUMER_ACCOUNT = "arn:aws:iam::222222222222:root";
    private static final String CERTIFICATE =
            "arn:aws:acm:eu-west-1:111111111111:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b";
    private static Template template;
    private static Annotations annotations;
    private static Stack badStack;
    private static SecureVpc badVpc;

    @BeforeAll
    static void synth() {
        Stack stack = TestStacks.regionalStack();
        SecureVpc providerVpc = new SecureVpc(stack, "Provider", SecureVpcProps.builder().flowLogs(false).build());
        PrivateLinkService service = new PrivateLinkService(stack, "Service", PrivateLinkServiceProps.builder()
                .vpc(providerVpc.getVpc())
                .subnets(providerVpc.tierSubnets("workload"))
                .allowedPrincipals(List.of(new ArnPrincipal(CONSUMER_ACCOUNT)))
                .proxyProtocolV2(true)
                .tenancy(PrivateLinkServiceProps.Tenancy.MULTI_TENANT)
                .build());
        service.addTlsListener("Https", PortRange.tcp(443), ListenerCertificate.fromArn(CERTIFICATE), 8443,
                List.of(new IpTarget("10.0.0.10")));
        service.addListener("Passthrough", PortRange.tcp(9443), 9443, List.of());
        SecureVpc consumerVpc = new SecureVpc(stack, "Consumer", SecureVpcProps.builder().cidr("10.1.0.0/16")
                .flowLogs(false).build());
        new PrivateLinkEndpoint(stack, "Endpoint", PrivateLinkEndpointProps.builder()
                .vpc(consumerVpc.getVpc())
                .service(new InterfaceVpcEndpointService(service.getServiceName(), 443))
                .consumerCidrs(consumerVpc.tierCidrs("workload"))
                .build());
        template = Template.fromStack(stack);
        annotations = Annotations.fromStack(stack);

        badStack = TestStacks.regionalStack();
        badVpc = new SecureVpc(badStack, "Network", SecureVpcProps.builder().flowLogs(false).build());
    }

    @Test
    void internalNetworkLoadBalancerWithDeletionProtectionAndCrossZone() {
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", Map.of(
                "Type", "network", "Scheme", "internal",
                "EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic", "off",
                "LoadBalancerAttributes", Match.arrayWith(List.of(
                        Map.of("Key", "deletion_protection.enabled", "Value", "true"),
                        Map.of("Key", "load_balancing.cross_zone.enabled", "Value", "true")))));
    }

    @Test
    void endpointServiceRequiresAcceptanceAndAllowsOnlyTheListedPrincipal() {
        template.hasResourceProperties("AWS::EC2::VPCEndpointService", Map.of("AcceptanceRequired", true));
        template.hasResourceProperties("AWS::EC2::VPCEndpointServicePermissions", Map.of(
                "AllowedPrincipals", List.of(CONSUMER_ACCOUNT)));
    }

    @Test
    void tlsListenerTerminatesWithTheAcmCertificateUnderATls13Policy() {
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Map.of("Port", 443, "Protocol", "TLS",
                "Certificates", List.of(Map.of("CertificateArn", CERTIFICATE)),
                "SslPolicy", "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09"));
    }

    @Test
    void targetGroupsForwardTcpWithProxyProtocolV2() {
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Map.of(
                "Port", 8443, "Protocol", "TCP", "TargetType", "ip",
                "Targets", List.of(Map.of("Id", "10.0.0.10")),
                "TargetGroupAttributes", Match.arrayWith(List.of(
                        Map.of("Key", "proxy_protocol_v2.enabled", "Value", "true")))));
    }

    @Test
    void aListenerWithoutTargetsGetsAnIpTargetGroupForLaterRegistration() {
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Map.of(
                "Port", 9443, "Protocol", "TCP", "TargetType", "ip", "Targets", Match.absent()));
    }

    @Test
    void accessLogsGoToTheConstructsOwnKmsEncryptedBucket() {
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", Map.of(
                "LoadBalancerAttributes", Match.arrayWith(List.of(
                        Map.of("Key", "access_logs.s3.enabled", "Value", "true"),
                        Map.of("Key", "access_logs.s3.bucket", "Value",
                                Map.of("Ref", Match.stringLikeRegexp("ServiceAccessLogBucket[0-9A-F]{8}$"))),
                        Map.of("Key", "access_logs.s3.prefix", "Value", "privatelink-nlb")))));
        template.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
                        "BucketKeyEnabled", true,
                        "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "aws:kms",
                                "KMSMasterKeyID", Map.of("Fn::GetAtt", List.of(
                                        Match.stringLikeRegexp("ServiceAccessLogKey.*"), "Arn")))))),
                "VersioningConfiguration", Map.of("Status", "Enabled"),
                "LoggingConfiguration", Map.of("DestinationBucketName",
                        Map.of("Ref", Match.stringLikeRegexp("ServiceAccessLogBucketLogs.*")),
                        "LogFilePrefix", "privatelink-log-bucket/")));
    }

    @Test
    void onlyLogDeliveryOfThisAccountAndRegionMayWriteTheAccessLogs() {
        template.hasResourceProperties("AWS::S3::BucketPolicy", Map.of(
                "Bucket", Map.of("Ref", Match.stringLikeRegexp("ServiceAccessLogBucket[0-9A-F]{8}$")),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Map.of(
                        "Sid", "AWSLogDeliveryWrite", "Effect", "Allow", "Action", "s3:PutObject",
                        "Principal", Map.of("Service", "delivery.logs.amazonaws.com"),
                        "Resource", Match.anyValue(),
                        "Condition", Map.of(
                                "StringEquals", Map.of("aws:SourceAccount", "111111111111",
                                        "s3:x-amz-acl", "bucket-owner-full-control"),
                                "ArnLike", Map.of("aws:SourceArn", Map.of("Fn::Join", List.of("", List.of("arn:",
                                        Map.of("Ref", "AWS::Partition"), ":logs:eu-west-1:111111111111:*")))))))))));
        template.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true,
                "KeyPolicy", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Sid", "AllowLogDeliveryOfThisAccount",
                        "Principal", Map.of("Service", "delivery.logs.amazonaws.com"))))))));
    }

    @Test
    void noStatementGrantsTheLegacyElbAccount() {
        String policies = template.findResources("AWS::S3::BucketPolicy").toString();
        org.junit.jupiter.api.Assertions.assertFalse(policies.contains("156460612806"), policies);
    }

    @Test
    void everyConnectionEventGoesToATopicEncryptedWithARotatedCustomerManagedKey() {
        template.hasResourceProperties("AWS::EC2::VPCEndpointConnectionNotification", Map.of(
                "ConnectionEvents", List.of("Connect", "Accept", "Reject", "Delete"),
                "ConnectionNotificationArn", Map.of("Ref", Match.stringLikeRegexp("ServiceConnectionNotifications.*"))));
        template.hasResourceProperties("AWS::SNS::Topic", Map.of("KmsMasterKeyId", Map.of("Fn::GetAtt",
                List.of(Match.stringLikeRegexp("ServiceNotificationKey.*"), "Arn"))));
        template.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true,
                "Description", "Encrypts the PrivateLink connection notifications of Test/Service"));
    }

    @Test
    void consumerEndpointAcceptsTheServicePortFromTheConsumerTierOnlyWithoutPrivateDns() {
        template.hasResourceProperties("AWS::EC2::VPCEndpoint", Map.of("VpcEndpointType", "Interface",
                "PrivateDnsEnabled", false,
                "VpcId", Map.of("Ref", Match.stringLikeRegexp("ConsumerVpc.*")),
                "ServiceName", Map.of("Fn::Join", List.of(".", List.of("com.amazonaws.vpce",
                        Map.of("Ref", "AWS::Region"), Map.of("Ref", Match.stringLikeRegexp("Service.*")))))));
        template.hasResourceProperties("AWS::EC2::SecurityGroup", Map.of(
                "GroupDescription", "PrivateLink endpoint: the service port from its consumers only",
                "SecurityGroupIngress", List.of(
                        Map.of("CidrIp", "10.1.0.0/21", "IpProtocol", "tcp", "FromPort", 443, "ToPort", 443,
                                "Description", "Service port from consumer block 10.1.0.0/21"),
                        Map.of("CidrIp", "10.1.8.0/22", "IpProtocol", "tcp", "FromPort", 443, "ToPort", 443,
                                "Description", "Service port from consumer block 10.1.8.0/22"))));
    }

    @Test
    void warnsAboutATcpPassthroughListener() {
        annotations.hasWarning("/Test/Service", Match.stringLikeRegexp(
                "listener 'Passthrough' passes TCP through: no TLS termination.*"));
    }

    // ---------------------------------------------------------------------------------------- failures

    @Test
    void failsOnAWildcardPrincipal() {
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () ->
                new PrivateLinkService(badStack, "Wildcard", PrivateLinkServiceProps.builder().vpc(badVpc.getVpc())
                        .allowedPrincipals(List.of(new ArnPrincipal("*"))).build()));
        assertEquals("Invalid configuration of PrivateLinkService Test/Wildcard (1 problem):"
                + "\n  - [SVPC-016] allowedPrincipals = '*': explicit principals such as "
                + "arn:aws:iam::123456789012:root; never a wildcard", e.getMessage());
    }

    @Test
    void failsOnAUdpListener() {
        PrivateLinkService service = new PrivateLinkService(badStack, "Udp", PrivateLinkServiceProps.builder()
                .vpc(badVpc.getVpc()).subnets(badVpc.tierSubnets("workload"))
                .allowedPrincipals(List.of(new ArnPrincipal(CONSUMER_ACCOUNT))).build());
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () ->
                service.addListener("Dns", PortRange.udp(53), 53, List.of(new IpTarget("10.0.0.10"))));
        assertEquals("Invalid configuration of PrivateLinkService Test/Udp (1 problem):"
                + "\n  - [SVPC-016] port = 'udp 53': a TCP port: AWS PrivateLink carries TCP only (BP-MV-3)",
                e.getMessage());
    }

    @Test
    void failsOnAnAccessLogPrefixWithAwsLogs() {
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () ->
                new PrivateLinkService(badStack, "Prefix", PrivateLinkServiceProps.builder().vpc(badVpc.getVpc())
                        .allowedPrincipals(List.of(new ArnPrincipal(CONSUMER_ACCOUNT))).accessLogPrefix("nlb/AWSLogs/")
                        .build()));
        assertEquals("Invalid configuration of PrivateLinkService Test/Prefix (1 problem):"
                + "\n  - [SVPC-016] accessLogPrefix = 'nlb/AWSLogs/': a prefix without 'AWSLogs' (the load balancer "
                + "adds it) and without leading or trailing '/'", e.getMessage());
    }

    @Test
    void failsOnAConsumerEndpointThatNobodyMayReach() {
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () ->
                new PrivateLinkEndpoint(badStack, "Nobody", PrivateLinkEndpointProps.builder().vpc(badVpc.getVpc())
                        .service(new InterfaceVpcEndpointService("com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0", 443))
                        .consumerCidrs(List.of("0.0.0.0/0")).build()));
        assertEquals("Invalid configuration of PrivateLinkEndpoint Test/Nobody (1 problem):"
                + "\n  - [SVPC-016] consumerCidrs = '0.0.0.0/0': IPv4 blocks of the consumers, never 0.0.0.0/0",
                e.getMessage());
    }
}
