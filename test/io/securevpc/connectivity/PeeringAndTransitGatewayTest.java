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
 * (BP-MV-1/2/4): one shared template; validation tests on a second VPC that holds one peering.
 */
class PeeringAndTransitGatewayTest {
    private static Template template;
    private static Stack badStack;
    private static SecureVpc badVpc;

    @BeforeAll
    static void synth() {
        Stack stack = TestStacks.regionalStack();
        SecureVpc vpc = vpc(stack);
        new VpcPeering(stack, "Peering", VpcPeeringProps.builder()
                .vpc(vpc)
                .peerVpcId("vpc-0123456789abcdef0")
                .peerOwnerId("222222222222")
                .peerRole(Role.fromRoleArn(stack, "PeerRole", "arn:aws:iam::222222222222:role/PeeringAccepter"))
                .peerCidrs(List.of("10.1.0.0/16"))
                .routeTiers(List.of("workload"))
                .build());
        new TransitGatewayAttachment(stack, "Transit", TransitGatewayAttachmentProps.builder()
                .vpc(vpc)
                .attachmentTier("transit")
                .destinationCidrs(List.of("10.2.0.0/16"))
                .routeTiers(List.of("workload"))
                .inboundPorts(List.of(PortRange.tcp(8443)))
                .build());
        template = Template.fromStack(stack);

        badStack = TestStacks.regionalStack();
        badVpc = vpc(badStack);
        new VpcPeering(badStack, "Existing", VpcPeeringProps.builder().vpc(badVpc).peerVpcId("vpc-0123456789abcdef0")
                .peerCidrs(List.of("10.1.0.0/16")).routeTiers(List.of("workload")).build());
    }

    private static SecureVpc vpc(final Stack stack) {
        return new SecureVpc(stack, "Network", SecureVpcProps.builder()
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
                .mapToInt(p -> (Integer) p.get("RuleNumber")).max().orElseThrow();
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

    // ---------------------------------------------------------------------------------------- failures

    @Test
    void failsOnADefaultRouteAnOverlapWithTheVpcAndAPublicTier() {
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () ->
                new VpcPeering(badStack, "Open", VpcPeeringProps.builder().vpc(badVpc).peerVpcId("vpc-1")
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
                        .vpc(badVpc).attachmentTier("transit").transitGatewayId("tgw-0123456789abcdef0")
                        .destinationCidrs(List.of("10.1.4.0/24")).routeTiers(List.of("workload")).build()));
        assertEquals("Invalid configuration of TransitGatewayAttachment Test/Transitive (1 problem):"
                + "\n  - [SVPC-016] destinationCidrs = '10.1.4.0/24': a block no other connection of this VPC routes: "
                + "10.1.0.0/16 already goes through VpcPeering Test/Existing; peering is not transitive, so one path "
                + "per destination (BP-MV-2)", e.getMessage());
    }

    @Test
    void failsOnACrossAccountPeeringWithoutAnAccepterRole() {
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () ->
                new VpcPeering(badStack, "NoRole", VpcPeeringProps.builder().vpc(badVpc).peerVpcId("vpc-1")
                        .peerOwnerId("22222222222").peerCidrs(List.of("10.3.0.0/16")).routeTiers(List.of("workload"))
                        .build()));
        assertEquals("Invalid configuration of VpcPeering Test/NoRole (2 problems):"
                + "\n  - [SVPC-016] peerOwnerId = '22222222222': a 12-digit account id"
                + "\n  - [SVPC-009] peerRole = (unset): the peer account's accepter role when peerOwnerId is given "
                + "(cross-account peering)", e.getMessage());
    }

    @Test
    void failsWhenTheExternalEntriesWouldExceedTheTierNaclQuota() {
        List<String> blocks = java.util.stream.IntStream.range(0, 20).mapToObj(i -> "172.16." + i + ".0/24").toList();
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () ->
                new VpcPeering(badStack, "Many", VpcPeeringProps.builder().vpc(badVpc).peerVpcId("vpc-2")
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
