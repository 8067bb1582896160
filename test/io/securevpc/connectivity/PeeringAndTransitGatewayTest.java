package io.securevpc.connectivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.securevpc.BlueprintValidationException;
import io.securevpc.TestStacks;
import io.securevpc.network.PortRange;
import io.securevpc.network.SecureVpc;
import io.securevpc.network.SecureVpcProps;
import io.securevpc.network.SubnetTier;
import io.securevpc.network.TierKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.iam.Role;

/**
 * A VpcPeering (cross account) and a TransitGatewayAttachment (new Transit Gateway) on one SecureVpc
 * (BP-MV-1/2/4): one shared template; two SecureVpcs joined both ways (peering between them, both attached to
 * one TransitGateway) in a second; validation tests on a third VPC that holds one peering.
 */
class PeeringAndTransitGatewayTest {
    private static final List<String> WORKLOAD = List.of("10.0.0.0/21", "10.0.8.0/22");
    private static Template template;
    private static Template joined;
    private static Stack badStack;
    private static SecureVpc badVpc;

    @BeforeAll
    static void synth() {
        Stack stack = TestStacks.regionalStack();
        SecureVpc vpc = vpc(stack);
        new VpcPeering(stack, "Peering", VpcPeeringProps.builder()
                .secureVpc(vpc)
                .peerVpcId("vpc-0123456789abcdef0")
                .peerOwnerId("222222222222")
                .peerRole(Role.fromRoleArn(stack, "PeerRole", "arn:aws:iam::222222222222:role/PeeringAccepter"))
                .peerCidrs(List.of("10.1.0.0/16"))
                .routeTiers(List.of("workload"))
                .build());
        new TransitGatewayAttachment(stack, "Transit", TransitGatewayAttachmentProps.builder()
                .secureVpc(vpc)
                .attachmentTier("transit")
                .destinationCidrs(List.of("10.2.0.0/16"))
                .routeTiers(List.of("workload"))
                .inboundPorts(List.of(PortRange.tcp(8443)))
                .build());
        template = Template.fromStack(stack);

        Stack joinedStack = TestStacks.regionalStack();
        SecureVpc a = vpc(joinedStack, "A", "10.0.0.0/16");
        SecureVpc b = vpc(joinedStack, "B", "10.1.0.0/16");
        new VpcPeering(joinedStack, "AToB", VpcPeeringProps.builder()
                .secureVpc(a).routeTiers(List.of("workload"))
                .peerSecureVpc(b).peerRouteTiers(List.of("workload"))
                .outboundPorts(List.of(PortRange.tcp(5432)))
                .build());
        TransitGateway hub = new TransitGateway(joinedStack, "Hub", TransitGatewayProps.builder()
                .amazonSideAsn(64600).build());
        TransitGatewayAttachment toA = new TransitGatewayAttachment(joinedStack, "AttachA",
                TransitGatewayAttachmentProps.builder().secureVpc(a).transitGateway(hub).attachmentTier("transit")
                        .routeTiers(List.of("transit")).destinationCidrs(List.of("10.1.16.0/28", "10.1.16.16/28"))
                        .build());
        TransitGatewayAttachment toB = new TransitGatewayAttachment(joinedStack, "AttachB",
                TransitGatewayAttachmentProps.builder().secureVpc(b).transitGateway(hub).attachmentTier("transit")
                        .routeTiers(List.of("transit")).destinationCidrs(List.of("10.0.16.0/28", "10.0.16.16/28"))
                        .outboundPorts(List.of()).inboundPorts(List.of(PortRange.tcp(443))).build());
        toA.routeTo("ToB", toB, List.of("10.1.16.0/27"));
        toB.routeTo("ToA", toA, List.of("10.0.16.0/27"));
        joined = Template.fromStack(joinedStack);

        badStack = TestStacks.regionalStack();
        badVpc = vpc(badStack);
        new VpcPeering(badStack, "Existing", VpcPeeringProps.builder().secureVpc(badVpc).peerVpcId("vpc-0123456789abcdef0")
                .peerCidrs(List.of("10.1.0.0/16")).routeTiers(List.of("workload")).build());
    }

    private static SecureVpc vpc(final Stack stack) {
        return vpc(stack, "Network", "10.0.0.0/16");
    }

    private static SecureVpc vpc(final Stack stack, final String id, final String cidr) {
        return new SecureVpc(stack, id, SecureVpcProps.builder()
                .cidr(cidr)
                .tiers(List.of(
                        SubnetTier.builder("workload", TierKind.ISOLATED).cidrMask(22).build(),
                        SubnetTier.builder("transit", TierKind.ISOLATED).cidrMask(28).egressPorts(List.of()).build(),
                        SubnetTier.builder("public", TierKind.PUBLIC).cidrMask(26).build()))
                .flowLogs(false)
                .build());
    }

    @Test
    void crossAccountPeeringNamesThePeerAndItsAccepterRole() {
        template.hasResourceProperties("AWS::EC2::VPCPeeringConnection", Map.of(
                "PeerVpcId", "vpc-0123456789abcdef0", "PeerOwnerId", "222222222222",
                "PeerRoleArn", "arn:aws:iam::222222222222:role/PeeringAccepter"));
    }

    @Test
    void peerRoutesOnlyInTheChosenTierAndOnlyToThePeerBlock() {
        Map<String, Map<String, Object>> routes = template.findResources("AWS::EC2::Route", Map.of("Properties",
                Map.of("VpcPeeringConnectionId", Match.anyValue())));
        assertEquals(3, routes.size(), "one route per workload subnet");
        template.allResourcesProperties("AWS::EC2::Route", Map.of("RouteTableId",
                Map.of("Ref", Match.stringLikeRegexp("NetworkVpc(workload|public)Subnet\\dRouteTable.*"))));
        template.hasResourceProperties("AWS::EC2::Route", Map.of("DestinationCidrBlock", "10.1.0.0/16",
                "VpcPeeringConnectionId", Map.of("Ref", Match.stringLikeRegexp("PeeringConnection.*"))));
    }

    @Test
    void workloadNaclAllowsHttpsToThePeerAndItsReturnTrafficAfterThePlannedEntries() {
        template.hasResourceProperties("AWS::EC2::NetworkAclEntry", Map.of("CidrBlock", "10.1.0.0/16",
                "Egress", true, "RuleAction", "allow", "Protocol", 6, "PortRange", Map.of("From", 443, "To", 443),
                "RuleNumber", Match.anyValue()));
        template.hasResourceProperties("AWS::EC2::NetworkAclEntry", Map.of("CidrBlock", "10.1.0.0/16",
                "Egress", false, "RuleAction", "allow", "Protocol", 6, "PortRange", Map.of("From", 1024, "To", 65535)));
        template.hasResourceProperties("AWS::EC2::NetworkAclEntry", Map.of("CidrBlock", "10.2.0.0/16",
                "Egress", false, "RuleAction", "allow", "PortRange", Map.of("From", 8443, "To", 8443)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void externalEntriesAreNumberedAfterEveryPlannedAllowOfTheTierNacl() {
        Map<String, Map<String, Object>> entries = template.findResources("AWS::EC2::NetworkAclEntry");
        Map<String, Object> peerEgress = entries.values().stream().map(r -> (Map<String, Object>) r.get("Properties"))
                .filter(p -> "10.1.0.0/16".equals(p.get("CidrBlock")) && Boolean.TRUE.equals(p.get("Egress")))
                .findFirst().orElseThrow();
        int peerNumber = (Integer) peerEgress.get("RuleNumber");
        int highestPlanned = entries.values().stream().map(r -> (Map<String, Object>) r.get("Properties"))
                .filter(p -> p.get("NetworkAclId").equals(peerEgress.get("NetworkAclId"))
                        && Boolean.TRUE.equals(p.get("Egress")) && !String.valueOf(p.get("CidrBlock")).startsWith("10.1.")
                        && !String.valueOf(p.get("CidrBlock")).startsWith("10.2."))
                .mapToInt(p -> (Integer) p.get("RuleNumber")).max()
                // an isolated tier with no egress ports and nothing to serve has no planned allow: the first is 1000
                .orElse(io.securevpc.network.NaclRuleNumbers.ALLOW_FIRST - io.securevpc.network.NaclRuleNumbers.ALLOW_STEP);
        assertEquals(highestPlanned + 10, peerNumber);
    }

    @Test
    void createdTransitGatewayAcceptsAssociatesAndPropagatesNothingByDefault() {
        template.hasResourceProperties("AWS::EC2::TransitGateway", Map.of(
                "AutoAcceptSharedAttachments", "disable",
                "DefaultRouteTableAssociation", "disable",
                "DefaultRouteTablePropagation", "disable"));
        template.resourceCountIs("AWS::EC2::TransitGatewayRouteTable", 1);
        template.hasResourceProperties("AWS::EC2::TransitGatewayRouteTableAssociation", Map.of(
                "TransitGatewayAttachmentId", Map.of("Ref", Match.stringLikeRegexp("TransitAttachment.*")),
                "TransitGatewayRouteTableId", Map.of("Ref", Match.stringLikeRegexp("TransitRouteTable.*"))));
    }

    @Test
    void attachmentUsesTheTransitTierInEveryAzWithoutApplianceMode() {
        template.hasResourceProperties("AWS::EC2::TransitGatewayVpcAttachment", Map.of(
                "SubnetIds", List.of(transitSubnet(1), transitSubnet(2), transitSubnet(3)),
                "Options", Map.of("ApplianceModeSupport", "disable", "DnsSupport", "enable", "Ipv6Support", "disable")));
    }

    @Test
    void transitRoutesWaitForTheAttachment() {
        template.hasResource("AWS::EC2::Route", Map.of(
                "Properties", Map.of("DestinationCidrBlock", "10.2.0.0/16",
                        "TransitGatewayId", Map.of("Ref", Match.stringLikeRegexp("TransitTransitGateway.*")),
                        "RouteTableId", Match.anyValue()),
                "DependsOn", List.of(Match.stringLikeRegexp("TransitAttachment.*"))));
    }


    @Test
    void attachmentTierNaclLetsTheRouteTiersTrafficThroughInBothDirections() {
        // instances -> Transit Gateway: inbound on the attachment subnets, judged by the instance's address
        for (String block : WORKLOAD) {
            template.hasResourceProperties("AWS::EC2::NetworkAclEntry", Map.of(
                    "NetworkAclId", Map.of("Ref", Match.stringLikeRegexp("NetworktransitAcl.*")),
                    "CidrBlock", block, "Egress", false, "RuleAction", "allow", "Protocol", 6,
                    "PortRange", Map.of("From", 443, "To", 443)));
            // Transit Gateway -> instances: outbound, judged by the instance's address (replies and served ports)
            template.hasResourceProperties("AWS::EC2::NetworkAclEntry", Map.of(
                    "NetworkAclId", Map.of("Ref", Match.stringLikeRegexp("NetworktransitAcl.*")),
                    "CidrBlock", block, "Egress", true, "PortRange", Map.of("From", 1024, "To", 65535)));
            template.hasResourceProperties("AWS::EC2::NetworkAclEntry", Map.of(
                    "NetworkAclId", Map.of("Ref", Match.stringLikeRegexp("NetworktransitAcl.*")),
                    "CidrBlock", block, "Egress", true, "PortRange", Map.of("From", 8443, "To", 8443)));
        }
    }

    @Test
    void attachmentTierNaclNamesNoDestinationBlock() {
        assertEquals(Map.of(), template.findResources("AWS::EC2::NetworkAclEntry", Map.of("Properties", Map.of(
                "NetworkAclId", Map.of("Ref", Match.stringLikeRegexp("NetworktransitAcl.*")),
                "CidrBlock", "10.2.0.0/16"))));
    }

    @Test
    void hubAttachmentsHaveTheirOwnRouteTablesAndOnlyTheStaticRoutesAsked() {
        joined.resourceCountIs("AWS::EC2::TransitGateway", 1);
        joined.hasResourceProperties("AWS::EC2::TransitGateway", Map.of("AmazonSideAsn", 64600,
                "DefaultRouteTableAssociation", "disable", "DefaultRouteTablePropagation", "disable"));
        joined.resourceCountIs("AWS::EC2::TransitGatewayRouteTable", 2);
        joined.resourceCountIs("AWS::EC2::TransitGatewayRouteTablePropagation", 0);
        joined.resourceCountIs("AWS::EC2::TransitGatewayRoute", 2);
        joined.hasResourceProperties("AWS::EC2::TransitGatewayRoute", Map.of("DestinationCidrBlock", "10.1.16.0/27",
                "TransitGatewayRouteTableId", Map.of("Ref", Match.stringLikeRegexp("AttachARouteTable.*")),
                "TransitGatewayAttachmentId", Map.of("Ref", Match.stringLikeRegexp("AttachBAttachment.*"))));
    }

    @Test
    void peeringWithASecureVpcRoutesBothSidesBetweenTheChosenTiersOnly() {
        joined.hasResourceProperties("AWS::EC2::VPCPeeringConnection", Map.of(
                "VpcId", Map.of("Ref", Match.stringLikeRegexp("AVpc.*")),
                "PeerVpcId", Map.of("Ref", Match.stringLikeRegexp("BVpc.*"))));
        Map<String, Map<String, Object>> routes = joined.findResources("AWS::EC2::Route", Map.of("Properties",
                Map.of("VpcPeeringConnectionId", Match.anyValue())));
        assertEquals(12, routes.size(), "3 workload subnets x 2 blocks, on each side");
        joined.hasResourceProperties("AWS::EC2::Route", Map.of("DestinationCidrBlock", "10.1.8.0/22",
                "RouteTableId", Map.of("Ref", Match.stringLikeRegexp("AVpcworkloadSubnet1RouteTable.*"))));
        joined.hasResourceProperties("AWS::EC2::Route", Map.of("DestinationCidrBlock", "10.0.0.0/21",
                "RouteTableId", Map.of("Ref", Match.stringLikeRegexp("BVpcworkloadSubnet3RouteTable.*"))));
    }

    @Test
    void peeringWithASecureVpcOpensTheAccepterNaclToWhatTheRequesterOpens() {
        joined.hasResourceProperties("AWS::EC2::NetworkAclEntry", Map.of(
                "NetworkAclId", Map.of("Ref", Match.stringLikeRegexp("AworkloadAcl.*")),
                "CidrBlock", "10.1.0.0/21", "Egress", true, "PortRange", Map.of("From", 5432, "To", 5432)));
        joined.hasResourceProperties("AWS::EC2::NetworkAclEntry", Map.of(
                "NetworkAclId", Map.of("Ref", Match.stringLikeRegexp("BworkloadAcl.*")),
                "CidrBlock", "10.0.0.0/21", "Egress", false, "PortRange", Map.of("From", 5432, "To", 5432)));
        joined.hasResourceProperties("AWS::EC2::NetworkAclEntry", Map.of(
                "NetworkAclId", Map.of("Ref", Match.stringLikeRegexp("BworkloadAcl.*")),
                "CidrBlock", "10.0.0.0/21", "Egress", true, "PortRange", Map.of("From", 1024, "To", 65535)));
    }

    // ---------------------------------------------------------------------------------------- failures

    @Test
    void failsToRouteFromAnAttachmentOnASharedTransitGateway() {
        TransitGatewayAttachment shared = new TransitGatewayAttachment(badStack, "Shared",
                TransitGatewayAttachmentProps.builder().secureVpc(badVpc).attachmentTier("transit")
                        .transitGatewayId("tgw-0123456789abcdef0").destinationCidrs(List.of("10.9.0.0/16"))
                        .routeTiers(List.of("transit")).build());
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () ->
                shared.routeTo("Back", shared, List.of("0.0.0.0/0")));
        assertEquals("Invalid configuration of TransitGatewayAttachment Test/Shared (3 problems):"
                + "\n  - [SVPC-016] routeTable = (unset): an attachment on a Transit Gateway of the app (transitGateway, "
                + "or none given): a shared Transit Gateway's route tables belong to its owner"
                + "\n  - [SVPC-016] target = 'Test/Shared': another attachment on the same Transit Gateway"
                + "\n  - [SVPC-016] cidrs = '0.0.0.0/0': specific IPv4 blocks with no host bits set: no default route "
                + "between segments (BP-MV-1)", e.getMessage());
    }

    @Test
    void failsOnAPeeringWithBothAPeerIdAndAPeerSecureVpcThatIsItself() {
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () ->
                new VpcPeering(badStack, "Self", VpcPeeringProps.builder().secureVpc(badVpc).peerVpcId("vpc-0a1b2c3d4e5f67890")
                        .peerSecureVpc(badVpc).peerRouteTiers(List.of("public")).peerCidrs(List.of("10.7.0.0/16"))
                        .routeTiers(List.of("workload")).peerRegion("eu-west-2").build()));
        assertEquals("Invalid configuration of VpcPeering Test/Self (4 problems):"
                + "\n  - [SVPC-009] peerVpcId = 'vpc-0a1b2c3d4e5f67890': exactly one of peerVpcId (a VPC outside the app) and "
                + "peerSecureVpc (a SecureVpc of the app)"
                + "\n  - [SVPC-016] peerSecureVpc = 'Test/Network': another VPC than secureVpc"
                + "\n  - [SVPC-016] peerRouteTiers = 'public': private or isolated tiers of the VPC: [workload, transit]"
                + "\n  - [SVPC-009] peerRegion = 'eu-west-2': unset with peerSecureVpc: a SecureVpc of the app is in "
                + "the same account and region", e.getMessage());
    }

    @Test
    void failsOnADefaultRouteAnOverlapWithTheVpcAndAPublicTier() {
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () ->
                new VpcPeering(badStack, "Open", VpcPeeringProps.builder().secureVpc(badVpc).peerVpcId("vpc-0a1b2c3d4e5f67890")
                        .peerCidrs(List.of("0.0.0.0/0", "10.0.128.0/20")).routeTiers(List.of("public")).build()));
        assertEquals("Invalid configuration of VpcPeering Test/Open (3 problems):"
                + "\n  - [SVPC-016] peerCidrs = '0.0.0.0/0': specific blocks only: no default route through a peering "
                + "(BP-MV-1)"
                + "\n  - [SVPC-016] peerCidrs = '10.0.128.0/20': a block that does not overlap the VPC CIDR "
                + "10.0.0.0/16: overlapping ranges cannot be routed"
                + "\n  - [SVPC-016] routeTiers = 'public': private or isolated tiers of the VPC: [workload, transit]",
                e.getMessage());
    }

    @Test
    void failsOnATransitiveRouteThroughASecondConnection() {
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () ->
                new TransitGatewayAttachment(badStack, "Transitive", TransitGatewayAttachmentProps.builder()
                        .secureVpc(badVpc).attachmentTier("transit").transitGatewayId("tgw-0123456789abcdef0")
                        .destinationCidrs(List.of("10.1.4.0/24")).routeTiers(List.of("workload")).build()));
        assertEquals("Invalid configuration of TransitGatewayAttachment Test/Transitive (1 problem):"
                + "\n  - [SVPC-016] destinationCidrs = '10.1.4.0/24': a block no other connection of this VPC routes: "
                + "10.1.0.0/16 already goes through VpcPeering Test/Existing; peering is not transitive, so one path "
                + "per destination (BP-MV-2)", e.getMessage());
    }

    @Test
    void failsOnACrossAccountPeeringWithoutAnAccepterRole() {
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () ->
                new VpcPeering(badStack, "NoRole", VpcPeeringProps.builder().secureVpc(badVpc).peerVpcId("vpc-0a1b2c3d4e5f67890")
                        .peerOwnerId("22222222222").peerCidrs(List.of("10.3.0.0/16")).routeTiers(List.of("workload"))
                        .build()));
        assertEquals("Invalid configuration of VpcPeering Test/NoRole (2 problems):"
                + "\n  - [SVPC-016] peerOwnerId = '22222222222': a 12-digit account id, e.g. 111122223333"
                + "\n  - [SVPC-009] peerRole = (unset): the peer account's accepter role when peerOwnerId is given "
                + "(cross-account peering)", e.getMessage());
    }

    @Test
    void failsWhenTheExternalEntriesWouldExceedTheTierNaclQuota() {
        List<String> blocks = java.util.stream.IntStream.range(0, 20).mapToObj(i -> "172.16." + i + ".0/24").toList();
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () ->
                new VpcPeering(badStack, "Many", VpcPeeringProps.builder().secureVpc(badVpc).peerVpcId("vpc-0a1b2c3d4e5f67891")
                        .peerCidrs(blocks).routeTiers(List.of("workload")).build()));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith(
                "Invalid configuration of SecureVpc Test/Network (1 problem):\n  - [SVPC-006] tiers[workload] NACL entries = "),
                e.getMessage());
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().endsWith(": at most naclEntryQuota (20) per direction; "
                + "summarise the external blocks or raise the NACL rules quota and set naclEntryQuota"), e.getMessage());
    }

    private static Object transitSubnet(final int n) {
        return Map.of("Ref", Match.stringLikeRegexp("NetworkVpctransitSubnet" + n + "Subnet.*"));
    }
}
