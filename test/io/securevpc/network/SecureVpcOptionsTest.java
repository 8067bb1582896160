package io.securevpc.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.BlueprintValidationException;
import io.securevpc.ErrorCode;
import io.securevpc.TestStacks;
import io.securevpc.internal.Ipv4Cidr;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ec2.AwsIpamProps;
import software.amazon.awscdk.services.ec2.FlowLogMaxAggregationInterval;
import software.amazon.awscdk.services.ec2.IpAddresses;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.Bucket;

/**
 * Each option of {@link SecureVpcProps} on a small stack (two AZs, flow logs off unless they are what is
 * tested). Stacks that several tests only read are synthesized once, on first use, and each of those tests
 * reads only what its option changes.
 */
class SecureVpcOptionsTest {
    private static final List<String> TWO_AZS = TestStacks.AZS.subList(0, 2);
    private static final SubnetTier APP = SubnetTier.builder("app", TierKind.PRIVATE_WITH_EGRESS).build();
    private static final SubnetTier DB = SubnetTier.builder("db", TierKind.ISOLATED)
            .ingressPorts(List.of(PortRange.tcp(5432))).ingressFrom(List.of("app")).egressPorts(List.of()).build();
    private static final SubnetTier PUBLIC = SubnetTier.builder("public", TierKind.PUBLIC).build();

    private static final Map<String, Synthesized> SHARED = new HashMap<>();

    /** A stack, its SecureVpc and its template. */
    private record Synthesized(Stack stack, SecureVpc network, Template template, TemplateView view) {
    }

    private static Synthesized synth(final Function<Stack, SecureVpcProps> props) {
        Stack stack = TestStacks.regionalStack();
        SecureVpc network = new SecureVpc(stack, "Network", props.apply(stack));
        Template template = Template.fromStack(stack);
        return new Synthesized(stack, network, template, new TemplateView(template));
    }

    private static Synthesized shared(final String name, final Function<Stack, SecureVpcProps> props) {
        return SHARED.computeIfAbsent(name, n -> synth(props));
    }

    private static SecureVpcProps.Builder small() {
        return SecureVpcProps.builder().availabilityZones(TWO_AZS).flowLogs(false);
    }

    /** Private tier with a single NAT gateway behind a public tier; two block-list entries, one limited to SSH. */
    private static Synthesized singleNat() {
        return shared("singleNat", s -> small().tiers(List.of(APP, DB, PUBLIC)).natStrategy(NatStrategy.SINGLE)
                .blockList(List.of(BlockListEntry.cidr("192.0.2.0/24", "known scanner"),
                        BlockListEntry.cidr("198.51.100.0/24", PortRange.tcp(22), "SSH brute force")))
                .build());
    }

    /** Dual stack, with an IPv6 block-list entry. */
    private static Synthesized dualStack() {
        return shared("dualStack", s -> small().tiers(List.of(APP, DB, PUBLIC)).natStrategy(NatStrategy.SINGLE)
                .ipv6(true).blockList(List.of(BlockListEntry.cidr("2001:db8::/32", "documentation range")))
                .build());
    }

    /** An isolated edge tier of /26 then a /22 tier, with a reserved AZ: CDK aligns the /22s, leaving a gap. */
    private static Synthesized alignmentGap() {
        return shared("alignmentGap", s -> small().cidr("10.30.0.0/19").reservedAzs(1).tiers(List.of(
                SubnetTier.builder("edge", TierKind.ISOLATED).cidrMask(26).build(),
                SubnetTier.builder("work", TierKind.ISOLATED).cidrMask(22)
                        .ingressPorts(List.of(PortRange.tcp(443))).ingressFrom(List.of("edge")).build()))
                .build());
    }

    /** Flow logs to CloudWatch Logs, tuned. */
    private static Synthesized tunedFlowLogs() {
        return shared("tunedFlowLogs", s -> small().flowLogs(null)
                .flowLogAggregation(FlowLogMaxAggregationInterval.ONE_MINUTE)
                .flowLogRetention(RetentionDays.TWO_YEARS).build());
    }

    // ------------------------------------------------------------------------------------ NAT and egress

    /** BP-NET-10: SINGLE creates one NAT gateway and every private subnet's default route uses it. */
    @Test
    void singleNatStrategyRoutesEveryPrivateSubnetThroughOneNatGateway() {
        Synthesized s = singleNat();
        s.template().resourceCountIs("AWS::EC2::NatGateway", 1);
        String nat = s.view().ofType("AWS::EC2::NatGateway").keySet().iterator().next();
        Set<String> privateSubnets = s.view().subnetsOfType("Private");
        assertEquals(2, privateSubnets.size());
        for (String subnet : privateSubnets) {
            List<Map<String, Object>> routes = s.view().routesOf(subnet);
            assertEquals(1, routes.size(), subnet);
            assertEquals("0.0.0.0/0", routes.get(0).get("DestinationCidrBlock"));
            assertEquals(nat, TemplateView.ref(routes.get(0).get("NatGatewayId")), subnet);
        }
    }

    /**
     * BP-MV-4, BP-NET-10: with TRANSIT_GATEWAY egress SecureVpc creates no NAT gateway, no internet gateway and
     * no default route; the private tier's NACL still allows its egress ports and their return traffic.
     */
    @Test
    void transitGatewayEgressCreatesNoNatNoInternetGatewayAndNoDefaultRoute() {
        Synthesized s = synth(st -> small().tiers(List.of(APP)).privateEgress(PrivateEgress.TRANSIT_GATEWAY).build());
        s.template().resourceCountIs("AWS::EC2::NatGateway", 0);
        s.template().resourceCountIs("AWS::EC2::EIP", 0);
        s.template().resourceCountIs("AWS::EC2::InternetGateway", 0);
        s.template().resourceCountIs("AWS::EC2::Route", 0);
        assertEquals(2, s.view().subnetsOfType("Private").size(), "the tier stays PRIVATE_WITH_EGRESS");
        s.template().hasResourceProperties("AWS::EC2::NetworkAclEntry", Map.of("Egress", true,
                "RuleAction", "allow", "CidrBlock", "0.0.0.0/0", "PortRange", Map.of("From", 443, "To", 443)));
    }

    /** BP-NET-10: a reserved public tier has no subnet, so it brings no internet gateway either. */
    @Test
    void reservedPublicTierCreatesNoInternetGateway() {
        Synthesized s = synth(st -> small().tiers(List.of(APP,
                SubnetTier.builder("public", TierKind.PUBLIC).reserved(true).build()))
                .privateEgress(PrivateEgress.TRANSIT_GATEWAY).build());
        s.template().resourceCountIs("AWS::EC2::InternetGateway", 0);
        s.template().resourceCountIs("AWS::EC2::VPCGatewayAttachment", 0);
        s.template().resourceCountIs("AWS::EC2::Route", 0);
    }

    // ------------------------------------------------------------------------------------------ IPv6

    /**
     * BP-NET-10: a dual-stack VPC of isolated tiers has no egress-only internet gateway, whatever the app's
     * feature flags (this test's app sets none).
     */
    @Test
    void ipv6WithIsolatedTiersOnlyCreatesNoEgressOnlyInternetGateway() {
        Synthesized s = synth(st -> small().ipv6(true).build());
        s.template().resourceCountIs("AWS::EC2::VPCCidrBlock", 1);
        s.template().resourceCountIs("AWS::EC2::EgressOnlyInternetGateway", 0);
        s.template().resourceCountIs("AWS::EC2::Route", 0);
    }

    /** BP-NET-10: in a dual-stack VPC the private tier's IPv6 egress goes through an egress-only gateway. */
    @Test
    void ipv6GivesPrivateTiersAnEgressOnlyDefaultRoute() {
        Synthesized s = dualStack();
        s.template().resourceCountIs("AWS::EC2::EgressOnlyInternetGateway", 1);
        for (String subnet : s.view().subnetsOfType("Private")) {
            assertTrue(s.view().routesOf(subnet).stream().anyMatch(r -> "::/0".equals(r.get("DestinationIpv6CidrBlock"))
                    && r.get("EgressOnlyInternetGatewayId") != null), subnet);
        }
        for (String subnet : s.view().subnetsOfType("Isolated")) {
            assertEquals(List.of(), s.view().routesOf(subnet), subnet);
        }
    }

    /** BP-NET-1: dual stack adds an Amazon-provided IPv6 block. */
    @Test
    void ipv6AddsAnAmazonProvidedBlock() {
        dualStack().template().resourceCountIs("AWS::EC2::VPCCidrBlock", 1);
        dualStack().template().hasResourceProperties("AWS::EC2::VPCCidrBlock",
                Map.of("AmazonProvidedIpv6CidrBlock", true));
    }

    /** BP-NET-1: like public IPv4 addresses, IPv6 addresses are never assigned automatically. */
    @Test
    void ipv6NeverAssignsAddressesOnCreation() {
        dualStack().template().resourceCountIs("AWS::EC2::Subnet", 6);
        dualStack().template().allResourcesProperties("AWS::EC2::Subnet", Map.of(
                "AssignIpv6AddressOnCreation", false, "MapPublicIpOnLaunch", false));
    }

    /** BP-NET-4: every internet entry of IPv4 has its IPv6 twin (::/0), same direction, action and ports. */
    @Test
    void ipv6MirrorsEveryIpv4InternetEntry() {
        List<Map<String, Object>> entries = dualStack().view().ofType("AWS::EC2::NetworkAclEntry").values().stream()
                .map(TemplateView::props).toList();
        List<List<Object>> ipv4Internet = entries.stream().filter(e -> "0.0.0.0/0".equals(e.get("CidrBlock")))
                .map(SecureVpcOptionsTest::shape).sorted(Comparator.comparing(Object::toString)).toList();
        List<List<Object>> ipv6Internet = entries.stream().filter(e -> "::/0".equals(e.get("Ipv6CidrBlock")))
                .map(SecureVpcOptionsTest::shape).sorted(Comparator.comparing(Object::toString)).toList();
        assertEquals(8, ipv4Internet.size(), "app: 443 out, 2 return ranges in; public: 443 in and out, 2 return "
                + "ranges in, responses out");
        assertEquals(ipv4Internet, ipv6Internet);
    }

    /** BP-NET-4: ingressFrom narrows IPv6 as it narrows IPv4: to the source tier's subnets, not the whole VPC. */
    @Test
    void ipv6EntriesBetweenTiersNameTheSourceTiersSubnets() {
        Synthesized s = dualStack();
        Set<Object> appSubnetBlocks = s.view().subnetsOfTier("app").stream()
                .map(id -> Map.of("Fn::Select", List.of(0, Map.of("Fn::GetAtt", List.of(id, "Ipv6CidrBlocks")))))
                .collect(Collectors.toSet());
        Set<Object> dbIpv6Sources = s.view().naclEntries(TemplateView.logicalId(s.network().networkAcl("db"))).stream()
                .filter(e -> Boolean.FALSE.equals(e.get("Egress")) && e.containsKey("Ipv6CidrBlock")
                        && Map.of("From", 5432, "To", 5432).equals(e.get("PortRange")))
                .map(e -> e.get("Ipv6CidrBlock")).collect(Collectors.toSet());
        assertEquals(2, appSubnetBlocks.size());
        assertEquals(appSubnetBlocks, dbIpv6Sources);
    }

    /** BP-NET-5: an IPv6 block-list entry denies the range in both directions on every tier NACL. */
    @Test
    void ipv6BlockListEntryDeniesBothDirectionsOnEveryTier() {
        List<Map<String, Object>> denies = dualStack().view().ofType("AWS::EC2::NetworkAclEntry").values().stream()
                .map(TemplateView::props).filter(e -> "2001:db8::/32".equals(e.get("Ipv6CidrBlock"))).toList();
        assertEquals(6, denies.size(), "3 tiers x 2 directions");
        assertTrue(denies.stream().allMatch(e -> "deny".equals(e.get("RuleAction"))
                && Integer.valueOf(100).equals(e.get("RuleNumber")) && Integer.valueOf(-1).equals(e.get("Protocol"))));
    }

    /** Direction, action, protocol and ports of a NACL entry: what its IPv6 twin shares. */
    private static List<Object> shape(final Map<String, Object> e) {
        return List.of(e.get("Egress"), e.get("RuleAction"), e.get("Protocol"), String.valueOf(e.get("PortRange")));
    }

    // ---------------------------------------------------------------------------------- addressing

    /**
     * BP-NET-4: with an IPAM pool the CIDRs are known only at deploy time: NACL entries name the subnets'
     * CIDR tokens and the VPC's, never a literal guessed at synth.
     */
    @Test
    void ipamAllocationMakesNaclEntriesUseTheSubnetsCidrTokens() {
        Synthesized s = synth(st -> small().ipAddresses(IpAddresses.awsIpamAllocation(AwsIpamProps.builder()
                .ipv4IpamPoolId("ipam-pool-0123456789abcdef0").ipv4NetmaskLength(20)
                .defaultSubnetIpv4NetmaskLength(24).build())).build());
        List<Map<String, Object>> entries = s.view().ofType("AWS::EC2::NetworkAclEntry").values().stream()
                .map(TemplateView::props).toList();
        assertTrue(entries.stream().allMatch(e -> "0.0.0.0/0".equals(e.get("CidrBlock"))
                || e.get("CidrBlock") instanceof Map), "no literal CIDR but the internet");
        Set<Object> endpointSubnetCidrs = s.view().subnetsOfTier("endpoints").stream()
                .map(id -> TemplateView.props(s.view().resource(id)).get("CidrBlock")).collect(Collectors.toSet());
        assertEquals(2, endpointSubnetCidrs.size());
        Set<Object> workloadToEndpoints = s.view().naclEntries(TemplateView.logicalId(s.network().networkAcl("workload")))
                .stream().filter(e -> Boolean.TRUE.equals(e.get("Egress")) && e.get("CidrBlock") instanceof Map
                        && Map.of("From", 443, "To", 443).equals(e.get("PortRange")))
                .map(e -> e.get("CidrBlock")).collect(Collectors.toSet());
        assertEquals(endpointSubnetCidrs, workloadToEndpoints);
        s.template().hasResourceProperties("AWS::EC2::NetworkAclEntry", Map.of("Egress", false,
                "PortRange", Map.of("From", 443, "To", 443),
                "CidrBlock", Map.of("Fn::GetAtt", List.of(TemplateView.logicalId(s.network().getVpc()), "CidrBlock"))));
    }

    /** Reserved AZs keep their address space: adding a zone later never renumbers existing subnets. */
    @Test
    void reservedAzsLeaveTheirAddressSpaceUnused() {
        Synthesized s = synth(st -> small().cidr("10.0.0.0/16").reservedAzs(1).tiers(List.of(
                SubnetTier.builder("a", TierKind.ISOLATED).cidrMask(24).build(),
                SubnetTier.builder("b", TierKind.ISOLATED).cidrMask(24).build())).build());
        assertEquals(Set.of("10.0.0.0/24", "10.0.1.0/24"), cidrsOf(s, "a"));
        assertEquals(Set.of("10.0.3.0/24", "10.0.4.0/24"), cidrsOf(s, "b"), "10.0.2.0/24 is the reserved AZ's");
    }

    /** BP-NET-1: several tiers of each kind, each with its own name, size, subnets and NACL. */
    @Test
    void severalTiersOfEachKindKeepTheirOwnNamesAndSizes() {
        Map<String, Integer> masks = Map.of("api", 24, "worker", 23, "db", 25, "cache", 26, "web", 27, "partner", 28);
        Synthesized s = synth(st -> small().tiers(List.of(
                SubnetTier.builder("worker", TierKind.PRIVATE_WITH_EGRESS).cidrMask(23).build(),
                SubnetTier.builder("api", TierKind.PRIVATE_WITH_EGRESS).cidrMask(24).build(),
                SubnetTier.builder("db", TierKind.ISOLATED).cidrMask(25).build(),
                SubnetTier.builder("cache", TierKind.ISOLATED).cidrMask(26).build(),
                SubnetTier.builder("web", TierKind.PUBLIC).cidrMask(27).build(),
                SubnetTier.builder("partner", TierKind.PUBLIC).cidrMask(28).build()))
                .natStrategy(NatStrategy.SINGLE).build());
        for (Map.Entry<String, Integer> tier : masks.entrySet()) {
            Set<String> cidrs = cidrsOf(s, tier.getKey());
            assertEquals(2, cidrs.size(), tier.getKey());
            assertTrue(cidrs.stream().allMatch(c -> c.endsWith("/" + tier.getValue())), tier + ": " + cidrs);
        }
        assertEquals(4, s.view().subnetsOfType("Public").size());
        assertEquals(4, s.view().subnetsOfType("Private").size());
        assertEquals(4, s.view().subnetsOfType("Isolated").size());
        s.template().resourceCountIs("AWS::EC2::NetworkAcl", 6);
        s.template().resourceCountIs("AWS::EC2::SubnetNetworkAclAssociation", 12);
        String nat = s.view().ofType("AWS::EC2::NatGateway").values().stream()
                .map(r -> TemplateView.ref(TemplateView.props(r).get("SubnetId"))).findFirst().orElseThrow();
        assertTrue(s.view().subnetsOfTier("web").contains(nat), "the NAT gateway lives in the first public tier");
    }

    /**
     * BP-NET-4: the tier blocks SecureVpc plans for NACL entries are exactly the subnets CDK allocates, alignment
     * gaps and reserved AZs included, so no entry opens addresses outside the tier.
     */
    @Test
    void plannedTierBlocksInNaclEntriesMatchTheSubnetsCdkAllocates() {
        Synthesized s = alignmentGap();
        Set<String> edge = cidrsOf(s, "edge");
        Set<String> work = cidrsOf(s, "work");
        assertEquals(Set.of("10.30.4.0/22", "10.30.8.0/22"), work, "aligned up after the /26s, not at 10.30.0.192");
        assertEquals(summarised(edge), entryCidrs(s, "work", false, 443), "work accepts 443 from edge only");
        assertEquals(summarised(work), entryCidrs(s, "edge", true, 443).stream()
                .filter(c -> !"0.0.0.0/0".equals(c)).collect(Collectors.toSet()), "edge reaches work's subnets");
    }

    private static Set<String> cidrsOf(final Synthesized s, final String tier) {
        return s.view().subnetsOfTier(tier).stream()
                .map(id -> (String) TemplateView.props(s.view().resource(id)).get("CidrBlock"))
                .collect(Collectors.toSet());
    }

    private static Set<String> summarised(final Set<String> cidrs) {
        return Ipv4Cidr.summarise(cidrs.stream().map(Ipv4Cidr::of).toList()).stream().map(Ipv4Cidr::toString)
                .collect(Collectors.toSet());
    }

    private static Set<String> entryCidrs(final Synthesized s, final String tier, final boolean egress,
                                          final int port) {
        return s.view().naclEntries(TemplateView.logicalId(s.network().networkAcl(tier))).stream()
                .filter(e -> Boolean.valueOf(egress).equals(e.get("Egress"))
                        && Map.of("From", port, "To", port).equals(e.get("PortRange")))
                .map(e -> (String) e.get("CidrBlock")).collect(Collectors.toSet());
    }

    // ------------------------------------------------------------------------------------ block list

    /** BP-NET-5: block-list entries deny at 100, 101, ... in both directions on every tier's NACL. */
    @Test
    void blockListDeniesInBothDirectionsOnEveryTierNaclFromRule100() {
        Synthesized s = singleNat();
        for (String tier : List.of("app", "db", "public")) {
            List<Map<String, Object>> denies = s.view().naclEntries(TemplateView.logicalId(s.network().networkAcl(tier)))
                    .stream().filter(e -> "deny".equals(e.get("RuleAction"))).toList();
            Set<List<Object>> found = denies.stream().map(e -> List.of(e.get("RuleNumber"), e.get("Egress"),
                    e.get("CidrBlock"))).collect(Collectors.toSet());
            assertEquals(Set.of(
                    List.of(100, false, "192.0.2.0/24"), List.of(100, true, "192.0.2.0/24"),
                    List.of(101, false, "198.51.100.0/24"), List.of(101, true, "198.51.100.0/24")), found, tier);
        }
    }

    /** BP-NET-5: an entry without ports denies all traffic; a port-limited entry renders TCP and its range. */
    @Test
    void blockListEntryWithPortsDeniesOnlyThoseTcpPorts() {
        Synthesized s = singleNat();
        s.template().allResourcesProperties("AWS::EC2::NetworkAclEntry", Match.not(Match.objectLike(Map.of(
                "CidrBlock", "198.51.100.0/24", "Protocol", Match.not(Match.exact(6))))));
        s.template().hasResourceProperties("AWS::EC2::NetworkAclEntry", Map.of("CidrBlock", "198.51.100.0/24",
                "RuleAction", "deny", "Protocol", 6, "PortRange", Map.of("From", 22, "To", 22)));
        s.template().hasResourceProperties("AWS::EC2::NetworkAclEntry", Map.of("CidrBlock", "192.0.2.0/24",
                "RuleAction", "deny", "Protocol", -1, "PortRange", Match.absent()));
    }

    // ------------------------------------------------------------------------------------- flow logs

    /** BP-MON-1: ONE_MINUTE aggregation for faster detection. */
    @Test
    void flowLogAggregationOneMinute() {
        tunedFlowLogs().template().hasResourceProperties("AWS::EC2::FlowLog", Map.of("MaxAggregationInterval", 60));
    }

    /** BP-MON-1: retention beyond the one-year floor is kept as asked. */
    @Test
    void flowLogRetentionTwoYears() {
        tunedFlowLogs().template().hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 731));
    }

    /** BP-MON-1, BP-IAM-1: S3 only needs no log group and no delivery role (S3 delivery is service-linked). */
    @Test
    void s3OnlyCreatesNoLogGroupAndNoDeliveryRole() {
        Synthesized s = s3Only();
        s.template().resourceCountIs("AWS::EC2::FlowLog", 1);
        s.template().hasResourceProperties("AWS::EC2::FlowLog", Map.of("LogDestinationType", "s3"));
        s.template().resourceCountIs("AWS::Logs::LogGroup", 0);
        s.template().resourceCountIs("AWS::IAM::ManagedPolicy", 0);
        s.template().allResourcesProperties("AWS::IAM::Role", Match.not(Match.objectLike(Map.of(
                "AssumeRolePolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Principal", Map.of("Service", "vpc-flow-logs.amazonaws.com"))))))))));
        assertNull(s.network().getFlowLogGroup());
        assertNotNull(s.network().getFlowLogBucket());
    }

    /**
     * BP-MON-1: the S3 destination options carry the keys of the AWS::EC2::FlowLog resource schema (CDK renders
     * them in lower camel case, which CloudFormation's schema and cfn-lint reject), with plain-text files in hourly,
     * Hive-compatible partitions.
     */
    @Test
    void s3FlowLogDestinationOptionsUseTheResourceSchemaKeys() {
        s3Only().template().hasResourceProperties("AWS::EC2::FlowLog", Map.of("DestinationOptions", Match.exact(Map.of(
                "FileFormat", "plain-text", "HiveCompatiblePartitions", true, "PerHourPartition", true))));
    }

    private static Synthesized s3Only() {
        return shared("s3Only", st -> small().flowLogs(null).flowLogDestinations(FlowLogDestinations.S3).build());
    }

    /** A weakening is named and warns: S3_MANAGED encrypts both buckets with AES256 and creates no unused key. */
    @Test
    void s3ManagedBucketEncryptionUsesAes256AndWarns() {
        Synthesized s = synth(st -> small().flowLogs(null).flowLogDestinations(FlowLogDestinations.S3)
                .flowLogBucketEncryption(FlowLogBucketEncryption.S3_MANAGED).build());
        s.template().resourceCountIs("AWS::S3::Bucket", 2);
        s.template().allResourcesProperties("AWS::S3::Bucket", Match.objectLike(Map.of("BucketEncryption", Map.of(
                "ServerSideEncryptionConfiguration", List.of(Map.of(
                        "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))))));
        s.template().resourceCountIs("AWS::KMS::Key", 0);
        Annotations.fromStack(s.stack()).hasWarning("/Test/Network",
                Match.stringLikeRegexp("flowLogBucketEncryption is S3_MANAGED"));
    }

    /** BP-MON-1: turning flow logs off is explicit and warns; nothing of the flow-log stack is created. */
    @Test
    void flowLogsOffCreatesNoFlowLogAndWarns() {
        Synthesized s = singleNat();
        s.template().resourceCountIs("AWS::EC2::FlowLog", 0);
        s.template().resourceCountIs("AWS::Logs::LogGroup", 0);
        s.template().resourceCountIs("AWS::KMS::Key", 0);
        assertNull(s.network().getFlowLogKey());
        Annotations.fromStack(s.stack()).hasWarning("/Test/Network", Match.stringLikeRegexp("flowLogs is false"));
    }

    /** A key and a bucket of the user's own are used, and SecureVpc creates neither a key nor buckets. */
    @Test
    void usesTheFlowLogKeyAndBucketGiven() {
        Synthesized s = synth(st -> small().flowLogs(null).flowLogDestinations(FlowLogDestinations.BOTH)
                .flowLogKey(Key.Builder.create(st, "OwnKey").enableKeyRotation(true).build())
                .flowLogBucket(Bucket.Builder.create(st, "OwnBucket").enforceSsl(true).build()).build());
        s.template().resourceCountIs("AWS::KMS::Key", 1);
        s.template().resourceCountIs("AWS::S3::Bucket", 1);
        s.template().hasResourceProperties("AWS::Logs::LogGroup", Map.of("KmsKeyId",
                Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("^OwnKey"), "Arn"))));
        s.template().hasResourceProperties("AWS::EC2::FlowLog", Map.of("LogDestinationType", "s3",
                "LogDestination", Map.of("Fn::Join", List.of("", List.of(
                        Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("^OwnBucket"), "Arn")),
                        "/" + VpcFlowLogs.S3_PREFIX)))));
        assertNull(s.network().getFlowLogAccessLogBucket());
    }

    // ------------------------------------------------------------------------------ warnings and API

    /** BP-NET-10: a public tier is an exposure and says so at synth. */
    @Test
    void publicTierWarns() {
        Annotations.fromStack(singleNat().stack()).hasWarning("/Test/Network",
                Match.stringLikeRegexp("tier 'public' is PUBLIC: internet ingress on \\[tcp 443\\]"));
    }

    /** tierSubnets selects exactly one tier's subnets, by the tier's name. */
    @Test
    void tierSubnetsSelectsTheTiersSubnets() {
        Synthesized s = singleNat();
        SubnetSelection selection = s.network().tierSubnets("db");
        assertEquals("db", selection.getSubnetGroupName());
        Set<String> selected = s.network().getVpc().selectSubnets(selection).getSubnets().stream()
                .map(TemplateView::logicalId).collect(Collectors.toSet());
        assertEquals(s.view().subnetsOfTier("db"), selected);
    }

    /** networkAcl returns the NACL associated with exactly the tier's subnets. */
    @Test
    void networkAclIsTheOneAssociatedWithTheTiersSubnets() {
        Synthesized s = singleNat();
        String acl = TemplateView.logicalId(s.network().networkAcl("app"));
        Set<String> associated = s.view().ofType("AWS::EC2::SubnetNetworkAclAssociation").values().stream()
                .map(TemplateView::props).filter(p -> acl.equals(TemplateView.ref(p.get("NetworkAclId"))))
                .map(p -> TemplateView.ref(p.get("SubnetId"))).collect(Collectors.toCollection(HashSet::new));
        assertEquals(s.view().subnetsOfTier("app"), associated);
    }

    @Test
    void failsToSelectSubnetsOfAnUnknownTier() {
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class,
                () -> singleNat().network().tierSubnets("nope"));
        assertEquals(List.of(ErrorCode.TIER), e.getCodes());
        assertTrue(e.getMessage().contains("tierName = 'nope': one of: app, db, public"), e.getMessage());
    }

    @Test
    void failsToReturnTheNaclOfAnUnknownTier() {
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class,
                () -> singleNat().network().networkAcl("App"));
        assertEquals(List.of(ErrorCode.TIER), e.getCodes());
        assertTrue(e.getMessage().contains("tierName = 'App'"), e.getMessage());
    }
}
