package io.securevpc.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.TestStacks;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.IConstruct;

/**
 * A SecureVpc shaped like the app's three-tier profile: load balancers in a public tier, the application in a
 * private tier with NAT egress, the database in an isolated tier, flow logs to CloudWatch Logs and S3. One
 * shared template; every test only reads it.
 */
class SecureVpcThreeTierTest {
    private static final String VPC_CIDR = "10.20.0.0/16";
    private static final String ANY = "0.0.0.0/0";

    private static Stack stack;
    private static SecureVpc network;
    private static Template template;
    private static TemplateView view;

    @BeforeAll
    static void synth() {
        stack = TestStacks.regionalStack();
        network = new SecureVpc(stack, "Network", SecureVpcProps.builder()
                .cidr(VPC_CIDR)
                .availabilityZones(TestStacks.AZS)
                .tiers(List.of(
                        SubnetTier.builder("app", TierKind.PRIVATE_WITH_EGRESS).cidrMask(22)
                                .ingressPorts(List.of(PortRange.tcp(8443))).ingressFrom(List.of("public"))
                                .healthCheckPorts(List.of(PortRange.tcp(8080))).build(),
                        SubnetTier.builder("data", TierKind.ISOLATED).cidrMask(24)
                                .ingressPorts(List.of(PortRange.tcp(5432))).ingressFrom(List.of("app"))
                                .egressPorts(List.of()).build(),
                        SubnetTier.builder("public", TierKind.PUBLIC).cidrMask(26)
                                .ingressPorts(List.of(PortRange.tcp(443))).build()))
                .natStrategy(NatStrategy.PER_AZ)
                .flowLogDestinations(FlowLogDestinations.BOTH)
                .flowLogRetention(RetentionDays.TWO_YEARS)
                .build());
        template = Template.fromStack(stack);
        view = new TemplateView(template);
    }

    // ------------------------------------------------------------------------------ routing (BP-NET-10)

    /** BP-NET-10: one internet gateway, attached, for the one public tier. */
    @Test
    void hasExactlyOneInternetGatewayAttachedToTheVpc() {
        template.resourceCountIs("AWS::EC2::InternetGateway", 1);
        template.resourceCountIs("AWS::EC2::VPCGatewayAttachment", 1);
    }

    /** BP-NET-10: PER_AZ gives one NAT gateway in each zone's public subnet, so a zone keeps its egress alone. */
    @Test
    void placesOneNatGatewayInThePublicSubnetOfEachZone() {
        template.resourceCountIs("AWS::EC2::NatGateway", 3);
        Set<String> natSubnets = template.findResources("AWS::EC2::NatGateway").values().stream()
                .map(r -> TemplateView.ref(TemplateView.props(r).get("SubnetId"))).collect(Collectors.toSet());
        assertEquals(view.subnetsOfType("Public"), natSubnets);
    }

    /** BP-NET-1/10: instances never get a public address, not even in the public tier. */
    @Test
    void publicSubnetsDoNotMapPublicIpsOnLaunch() {
        Set<String> publicSubnets = view.subnetsOfType("Public");
        assertEquals(3, publicSubnets.size());
        for (String subnet : publicSubnets) {
            assertEquals(false, TemplateView.props(view.resource(subnet)).get("MapPublicIpOnLaunch"), subnet);
        }
    }

    /** BP-NET-3/10: a private tier reaches the internet only through the NAT gateway of its own zone. */
    @Test
    void everyPrivateDefaultRouteTargetsTheNatGatewayOfItsZone() {
        Set<String> privateSubnets = view.subnetsOfType("Private");
        assertEquals(3, privateSubnets.size());
        for (String subnet : privateSubnets) {
            List<Map<String, Object>> defaults = view.routesOf(subnet).stream()
                    .filter(r -> ANY.equals(r.get("DestinationCidrBlock"))).toList();
            assertEquals(1, defaults.size(), subnet);
            String nat = TemplateView.ref(defaults.get(0).get("NatGatewayId"));
            assertNotNull(nat, subnet + " default route must target a NAT gateway");
            String natSubnet = TemplateView.ref(TemplateView.props(view.resource(nat)).get("SubnetId"));
            assertEquals(view.zoneOf(subnet), view.zoneOf(natSubnet), subnet);
        }
    }

    /** BP-NET-10: no private or isolated subnet has a route to the internet gateway. */
    @Test
    void noPrivateOrIsolatedRouteTargetsTheInternetGateway() {
        Set<String> inner = new HashSet<>(view.subnetsOfType("Private"));
        inner.addAll(view.subnetsOfType("Isolated"));
        assertEquals(6, inner.size());
        for (String subnet : inner) {
            assertTrue(view.routesOf(subnet).stream().noneMatch(r -> r.containsKey("GatewayId")), subnet);
        }
    }

    /** BP-EP-1: the isolated data tier has no path out of the VPC: its route tables hold no route at all. */
    @Test
    void isolatedRouteTablesHaveNoRouteAtAll() {
        Set<String> isolated = view.subnetsOfType("Isolated");
        assertEquals(3, isolated.size());
        for (String subnet : isolated) {
            assertEquals(List.of(), view.routesOf(subnet), subnet);
        }
    }

    // ------------------------------------------------------------------------------- NACLs (BP-NET-4/5)

    /** BP-NET-4: every public subnet is governed by the public tier's NACL. */
    @Test
    void everyPublicSubnetIsAssociatedWithThePublicTierNacl() {
        String acl = logicalId(network.networkAcl("public"));
        for (String subnet : view.subnetsOfType("Public")) {
            template.hasResourceProperties("AWS::EC2::SubnetNetworkAclAssociation", Map.of(
                    "NetworkAclId", Map.of("Ref", acl), "SubnetId", Map.of("Ref", subnet)));
        }
    }

    /** BP-NET-10: the public tier serves HTTPS to the internet and nothing else. */
    @Test
    void publicTierAcceptsHttpsFromTheInternet() {
        assertTrue(hasAllow("public", false, 443, 443, ANY));
        List<Map<String, Object>> fromInternet = view.naclEntries(logicalId(network.networkAcl("public"))).stream()
                .filter(e -> Boolean.FALSE.equals(e.get("Egress")) && ANY.equals(e.get("CidrBlock"))).toList();
        assertEquals(3, fromInternet.size(), "443 plus the two ephemeral return ranges");
    }

    /** BP-NET-4: return traffic from the internet is allowed on ephemeral ports, minus SSH and RDP. */
    @Test
    void publicTierAcceptsEphemeralReturnTrafficFromTheInternetSplitAroundRdp() {
        assertTrue(hasAllow("public", false, 1024, 3388, ANY));
        assertTrue(hasAllow("public", false, 3390, 65535, ANY));
        for (Map<String, Object> e : view.naclEntries(logicalId(network.networkAcl("public")))) {
            if (ANY.equals(e.get("CidrBlock")) && Boolean.FALSE.equals(e.get("Egress"))) {
                Map<?, ?> range = (Map<?, ?>) e.get("PortRange");
                int from = ((Number) range.get("From")).intValue();
                int to = ((Number) range.get("To")).intValue();
                assertFalse(from <= 22 && 22 <= to || from <= 3389 && 3389 <= to, e.toString());
            }
        }
    }

    /** BP-NET-10: the NAT gateways forward the app tier's HTTPS: in from the VPC, out to the internet. */
    @Test
    void publicTierForwardsNatTrafficOfTheAppTier() {
        assertTrue(hasAllow("public", false, 443, 443, VPC_CIDR), "HTTPS in from the private tiers");
        assertTrue(hasAllow("public", true, 443, 443, ANY), "HTTPS out to the internet");
        assertTrue(hasAllow("public", true, 1024, 65535, ANY), "responses to internet clients");
    }

    /** BP-NET-9: the load balancer tier reaches the app tier's service and health-check ports. */
    @Test
    void publicTierReachesTheAppTierOnServiceAndHealthCheckPorts() {
        assertTrue(hasAllow("public", true, 8443, 8443, "10.20.0.0/21"));
        assertTrue(hasAllow("public", true, 8443, 8443, "10.20.8.0/22"));
        assertTrue(hasAllow("public", true, 8080, 8080, "10.20.0.0/21"));
        assertTrue(hasAllow("public", true, 8080, 8080, "10.20.8.0/22"));
    }

    /** BP-NET-4: the data tier accepts 5432 from the app tier's subnets only, and has no internet entry. */
    @Test
    void dataTierAcceptsTheDatabasePortFromTheAppTierOnly() {
        assertTrue(hasAllow("data", false, 5432, 5432, "10.20.0.0/21"));
        assertTrue(hasAllow("data", false, 5432, 5432, "10.20.8.0/22"));
        List<Map<String, Object>> entries = view.naclEntries(logicalId(network.networkAcl("data")));
        assertTrue(entries.stream().noneMatch(e -> ANY.equals(e.get("CidrBlock"))), "no internet entry");
        assertTrue(entries.stream().noneMatch(e -> VPC_CIDR.equals(e.get("CidrBlock"))
                && Map.of("From", 5432, "To", 5432).equals(e.get("PortRange"))), "not from the whole VPC");
    }

    /**
     * BP-NET-4, BP-NET-5: no inbound entry of the data NACL admits 5432 from anything but the app tier's subnets,
     * return-traffic (ephemeral) entries included: "5432 from app only" holds at the NACL.
     */
    @Test
    void noEntryOfTheDataTierAdmitsTheDatabasePortFromOutsideTheAppTier() {
        List<String> admitting = view.naclEntries(logicalId(network.networkAcl("data"))).stream()
                .filter(e -> Boolean.FALSE.equals(e.get("Egress")) && "allow".equals(e.get("RuleAction")))
                .filter(e -> !(e.get("PortRange") instanceof Map<?, ?> range)
                        || ((Integer) range.get("From") <= 5432 && 5432 <= (Integer) range.get("To")))
                .map(e -> String.valueOf(e.get("CidrBlock") != null ? e.get("CidrBlock") : e.get("Ipv6CidrBlock")))
                .sorted().toList();
        assertEquals(List.of("10.20.0.0/21", "10.20.8.0/22"), admitting);
    }

    // ------------------------------------------------------------------------ flow logs (BP-MON-1)

    /** BP-MON-1: BOTH means one flow log per destination, each of all traffic. */
    @Test
    void createsOneFlowLogPerDestination() {
        template.resourceCountIs("AWS::EC2::FlowLog", 2);
        template.hasResourceProperties("AWS::EC2::FlowLog", Map.of("LogDestinationType", "cloud-watch-logs",
                "TrafficType", "ALL"));
    }

    /** BP-MON-1: the S3 flow log captures all traffic in the full format, into the flow-log bucket's prefix. */
    @Test
    void s3FlowLogCapturesAllTrafficInTheFullFormatIntoTheBucket() {
        template.hasResourceProperties("AWS::EC2::FlowLog", Map.of(
                "ResourceType", "VPC",
                "TrafficType", "ALL",
                "LogDestinationType", "s3",
                "LogFormat", FlowLogFormat.FORMAT,
                "MaxAggregationInterval", 600,
                "LogDestination", Map.of("Fn::Join", List.of("", List.of(
                        Map.of("Fn::GetAtt", List.of(logicalId(network.getFlowLogBucket()), "Arn")),
                        "/" + VpcFlowLogs.S3_PREFIX)))));
    }

    /** BP-MON-1: the log group keeps what was asked (TWO_YEARS), above the one-year floor. */
    @Test
    void logGroupKeepsTheRequestedRetention() {
        template.hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 731));
    }

    /** BP-MON-1: flow logs at rest are encrypted with the flow-log key, with an S3 bucket key to limit KMS calls. */
    @Test
    void flowLogBucketIsEncryptedWithTheFlowLogKeyAndABucketKey() {
        template.hasResourceProperties("AWS::S3::Bucket", Map.of("BucketEncryption", Map.of(
                "ServerSideEncryptionConfiguration", List.of(Map.of(
                        "BucketKeyEnabled", true,
                        "ServerSideEncryptionByDefault", Map.of(
                                "SSEAlgorithm", "aws:kms",
                                "KMSMasterKeyID", Map.of("Fn::GetAtt",
                                        List.of(logicalId(network.getFlowLogKey()), "Arn"))))))));
    }

    /** BP-MON-1: both buckets are versioned, fully private and owner-enforced (no ACLs). */
    @Test
    void bothBucketsAreVersionedPrivateAndOwnerEnforced() {
        template.resourceCountIs("AWS::S3::Bucket", 2);
        template.allResourcesProperties("AWS::S3::Bucket", Match.objectLike(Map.of(
                "VersioningConfiguration", Map.of("Status", "Enabled"),
                "PublicAccessBlockConfiguration", Map.of(
                        "BlockPublicAcls", true, "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                "OwnershipControls", Map.of("Rules", List.of(Map.of("ObjectOwnership", "BucketOwnerEnforced"))))));
    }

    /** BP-IAM-3: both bucket policies deny every request that is not over TLS. */
    @Test
    void bothBucketPoliciesDenyInsecureTransport() {
        for (IConstruct bucket : List.of(network.getFlowLogBucket(), network.getFlowLogAccessLogBucket())) {
            template.hasResourceProperties("AWS::S3::BucketPolicy", Map.of(
                    "Bucket", Map.of("Ref", logicalId(bucket)),
                    "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                            "Effect", "Deny",
                            "Action", "s3:*",
                            "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
        }
    }

    /** BP-AUD-1: reads of the flow logs are themselves logged, into a separate bucket. */
    @Test
    void flowLogBucketLogsAccessToTheSeparateAccessLogBucket() {
        String accessLogs = logicalId(network.getFlowLogAccessLogBucket());
        assertFalse(accessLogs.equals(logicalId(network.getFlowLogBucket())));
        template.hasResourceProperties("AWS::S3::Bucket", Map.of("LoggingConfiguration", Map.of(
                "DestinationBucketName", Map.of("Ref", accessLogs),
                "LogFilePrefix", "flow-log-bucket/")));
    }

    /**
     * BP-IAM-3: S3 server access logging is granted by a bucket policy to logging.s3.amazonaws.com, narrowed to
     * the flow-log bucket and this account, not by an ACL (refused under BucketOwnerEnforced). Holds without
     * the app's feature flags (the test app sets none).
     */
    @Test
    void accessLogBucketPolicyLetsOnlyTheFlowLogBucketDeliverAccessLogs() {
        template.hasResourceProperties("AWS::S3::BucketPolicy", Map.of(
                "Bucket", Map.of("Ref", logicalId(network.getFlowLogAccessLogBucket())),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Allow",
                        "Principal", Map.of("Service", "logging.s3.amazonaws.com"),
                        "Action", "s3:PutObject",
                        "Condition", Map.of(
                                "ArnLike", Map.of("aws:SourceArn", Map.of("Fn::GetAtt",
                                        List.of(logicalId(network.getFlowLogBucket()), "Arn"))),
                                "StringEquals", Map.of("aws:SourceAccount", "111111111111")))))))));
        template.allResourcesProperties("AWS::S3::Bucket", Match.not(Match.objectLike(
                Map.of("AccessControl", Match.anyValue()))));
    }

    /**
     * BP-MON-1, BP-IAM-3: the flow-log bucket policy itself grants log delivery, for this account's log sources
     * only; a policy that AWS adds at flow-log creation would be dropped by the next stack update.
     */
    @Test
    void flowLogBucketPolicyGrantsLogDeliveryOfThisAccountOnly() {
        Map<String, Object> conditions = Map.of(
                "StringEquals", Match.objectLike(Map.of("aws:SourceAccount", "111111111111")),
                "ArnLike", Map.of("aws:SourceArn", SecureVpcDefaultsTest.arn(":logs:eu-west-1:111111111111:*")));
        template.hasResourceProperties("AWS::S3::BucketPolicy", Map.of(
                "Bucket", Map.of("Ref", logicalId(network.getFlowLogBucket())),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(
                        Match.objectLike(Map.of(
                                "Principal", Map.of("Service", "delivery.logs.amazonaws.com"),
                                "Action", "s3:PutObject",
                                "Condition", conditions)),
                        Match.objectLike(Map.of(
                                "Principal", Map.of("Service", "delivery.logs.amazonaws.com"),
                                "Action", List.of("s3:GetBucketAcl", "s3:ListBucket"),
                                "Condition", conditions)))))));
    }

    /** Older logs move to colder storage; no version expires, current or noncurrent. */
    @Test
    void bothBucketsArchiveAgeingLogs() {
        template.allResourcesProperties("AWS::S3::Bucket", Match.objectLike(Map.of(
                "LifecycleConfiguration", Map.of("Rules", List.of(Match.objectLike(Map.of(
                        "Status", "Enabled",
                        "Transitions", List.of(
                                Map.of("StorageClass", "STANDARD_IA", "TransitionInDays", 30),
                                Map.of("StorageClass", "GLACIER", "TransitionInDays", 90)),
                        "NoncurrentVersionExpiration", Match.absent(),
                        "ExpirationInDays", Match.absent())))))));
    }

    /** BP-MON-1: deleting the stack never deletes flow logs or their access logs. */
    @Test
    void bothBucketsAreRetainedWhenTheStackIsDeleted() {
        for (IConstruct bucket : List.of(network.getFlowLogBucket(), network.getFlowLogAccessLogBucket())) {
            Map<String, Object> resource = view.resource(logicalId(bucket));
            assertEquals("Retain", resource.get("DeletionPolicy"));
            assertEquals("Retain", resource.get("UpdateReplacePolicy"));
        }
    }

    /** BP-IAM-3: the log-delivery service may use the key only for log sources of this account. */
    @Test
    void keyPolicyLetsLogDeliveryOfThisAccountUseTheKey() {
        template.hasResourceProperties("AWS::KMS::Key", Map.of("KeyPolicy", Map.of("Statement", Match.arrayWith(
                List.of(Match.objectLike(Map.of(
                        "Sid", "AllowLogDeliveryOfThisAccount",
                        "Effect", "Allow",
                        "Principal", Map.of("Service", "delivery.logs.amazonaws.com"),
                        "Action", Match.arrayWith(List.of("kms:Decrypt", "kms:GenerateDataKey")),
                        "Condition", Map.of(
                                "StringEquals", Map.of("aws:SourceAccount", "111111111111"),
                                "ArnLike", Map.of("aws:SourceArn",
                                        SecureVpcDefaultsTest.arn(":logs:eu-west-1:111111111111:*"))))))))));
    }

    // ------------------------------------------------------------------------------ acknowledgements

    /** BP-NET-10: the public tier's route to the IGW is its purpose: acknowledged there, with a reason. */
    @Test
    void acknowledgesTheIgwRouteFindingOnEachPublicDefaultRoute() {
        List<ISubnet> publicSubnets = network.getVpc().getPublicSubnets();
        assertEquals(3, publicSubnets.size());
        for (ISubnet subnet : publicSubnets) {
            Map<String, String> acks = acknowledgements(subnet.getNode().findChild("DefaultRoute"));
            for (String rule : List.of("HIPAA.Security-VPCNoUnrestrictedRouteToIGW",
                    "NIST.800.53.R5-VPCNoUnrestrictedRouteToIGW", "PCI.DSS.321-VPCNoUnrestrictedRouteToIGW")) {
                assertTrue(acks.keySet().stream().anyMatch(k -> k.endsWith("::" + rule)), rule + " in " + acks);
            }
            assertTrue(acks.values().stream().allMatch(reason -> reason.contains("BP-NET-10")), acks.toString());
        }
    }

    /** Acknowledgements never reach a resource nobody looked at: private default routes carry none. */
    @Test
    void acknowledgesNothingOnPrivateDefaultRoutes() {
        for (ISubnet subnet : network.getVpc().getPrivateSubnets()) {
            assertEquals(Map.of(), acknowledgements(subnet.getNode().findChild("DefaultRoute")), subnet.toString());
        }
    }

    /** The access-log bucket cannot use SSE-KMS nor Object Lock (S3 refuses both for access logs): acknowledged. */
    @Test
    void acknowledgesTheUnfixableFindingsOnTheAccessLogBucket() {
        Map<String, String> acks = acknowledgements(network.getFlowLogAccessLogBucket().getNode().getDefaultChild());
        for (String rule : List.of("HIPAA.Security-S3DefaultEncryptionKMS", "NIST.800.53.R5-S3DefaultEncryptionKMS",
                "PCI.DSS.321-S3DefaultEncryptionKMS", "NIST.800.53.R4-S3BucketDefaultLockEnabled")) {
            assertTrue(acks.keySet().stream().anyMatch(k -> k.endsWith("::" + rule)), rule + " in " + acks);
        }
        assertEquals(4, acks.size(), acks.toString());
        assertEquals(Map.of(), acknowledgements(network.getFlowLogBucket().getNode().getDefaultChild()),
                "the flow-log bucket is fixable and acknowledges nothing by itself");
    }

    // ------------------------------------------------------------------------------------- helpers

    private static boolean hasAllow(final String tier, final boolean egress, final int from, final int to,
                                    final String cidr) {
        return view.naclEntries(logicalId(network.networkAcl(tier))).stream().anyMatch(e ->
                "allow".equals(e.get("RuleAction")) && Boolean.valueOf(egress).equals(e.get("Egress"))
                        && Integer.valueOf(6).equals(e.get("Protocol"))
                        && Map.of("From", from, "To", to).equals(e.get("PortRange")) && cidr.equals(e.get("CidrBlock")));
    }

    private static String logicalId(final IConstruct construct) {
        return TemplateView.logicalId(construct);
    }

    /** The rules acknowledged on one construct (qualified id to reason), read from its node metadata. */
    static Map<String, String> acknowledgements(final IConstruct construct) {
        return construct.getNode().getMetadata().stream()
                .filter(m -> Validations.ACKNOWLEDGED_RULES_METADATA_KEY.equals(m.getType()))
                .flatMap(m -> ((Map<?, ?>) m.getData()).entrySet().stream())
                .collect(Collectors.toMap(e -> String.valueOf(e.getKey()), e -> String.valueOf(e.getValue())));
    }
}
