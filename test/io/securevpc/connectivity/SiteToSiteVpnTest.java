package io.securevpc.connectivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.securevpc.BlueprintValidationException;
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
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** A static-routing Site-to-Site VPN on a SecureVpc (BP-NET-11, BP-EP-1): one shared template. */
class SiteToSiteVpnTest {
    private static Template template;
    private static Stack badStack;
    private static SecureVpc badVpc;

    @BeforeAll
    static void synth() {
        Stack stack = TestStacks.regionalStack();
        SecureVpc vpc = vpc(stack);
        new SiteToSiteVpn(stack, "Vpn", SiteToSiteVpnProps.builder()
                .secureVpc(vpc)
                .customerGatewayIp("198.51.100.7")
                .onPremisesCidrs(List.of("192.168.0.0/16"))
                .staticRouting(true)
                .routeTiers(List.of("workload"))
                .build());
        template = Template.fromStack(stack);
        badStack = TestStacks.regionalStack();
        badVpc = vpc(badStack);
    }

    private static SecureVpc vpc(final Stack stack) {
        return new SecureVpc(stack, "Network", SecureVpcProps.builder()
                .tiers(List.of(
                        SubnetTier.builder("workload", TierKind.ISOLATED).cidrMask(22).build(),
                        SubnetTier.builder("public", TierKind.PUBLIC).cidrMask(26).build()))
                .flowLogs(false)
                .build());
    }

    @Test
    void virtualPrivateGatewayAttachedAndCustomerGatewayNamed() {
        template.hasResourceProperties("AWS::EC2::VPCGatewayAttachment", Map.of(
                "VpnGatewayId", Map.of("Ref", Match.stringLikeRegexp("VpnVpnGateway.*"))));
        template.hasResourceProperties("AWS::EC2::CustomerGateway", Map.of("IpAddress", "198.51.100.7",
                "BgpAsn", 65000, "Type", "ipsec.1"));
    }

    @Test
    void bothTunnelsAcceptOnlyIkeV2WithAes256AndSha2() {
        Map<String, Object> tunnel = Map.of(
                "IKEVersions", List.of(Map.of("Value", "ikev2")),
                "Phase1EncryptionAlgorithms", List.of(Map.of("Value", "AES256-GCM-16"), Map.of("Value", "AES256")),
                "Phase1IntegrityAlgorithms", List.of(Map.of("Value", "SHA2-256"), Map.of("Value", "SHA2-384"),
                        Map.of("Value", "SHA2-512")),
                "Phase1DHGroupNumbers", List.of(Map.of("Value", 14), Map.of("Value", 19), Map.of("Value", 20),
                        Map.of("Value", 21)));
        template.hasResourceProperties("AWS::EC2::VPNConnection", Map.of("StaticRoutesOnly", true,
                "VpnTunnelOptionsSpecifications", List.of(Match.objectLike(tunnel), Match.objectLike(tunnel))));
    }

    @Test
    void routesPropagateOnlyIntoTheChosenTierAndStaticRoutesNameTheOnPremisesBlock() {
        template.hasResourceProperties("AWS::EC2::VPNGatewayRoutePropagation", Map.of("RouteTableIds", List.of(
                table(1), table(2), table(3))));
        template.hasResourceProperties("AWS::EC2::VPNConnectionRoute", Map.of("DestinationCidrBlock", "192.168.0.0/16"));
    }

    @Test
    void workloadNaclAllowsHttpsBothWaysWithOnPremises() {
        for (boolean egress : List.of(true, false)) {
            template.hasResourceProperties("AWS::EC2::NetworkAclEntry", Map.of("CidrBlock", "192.168.0.0/16",
                    "Egress", egress, "RuleAction", "allow", "PortRange", Map.of("From", 443, "To", 443)));
            template.hasResourceProperties("AWS::EC2::NetworkAclEntry", Map.of("CidrBlock", "192.168.0.0/16",
                    "Egress", egress, "RuleAction", "allow", "PortRange", Map.of("From", 1024, "To", 65535)));
        }
    }

    @Test
    void failsOnAPrivateCustomerGatewayAddressAndAPublicTier() {
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () ->
                new SiteToSiteVpn(badStack, "Bad", SiteToSiteVpnProps.builder().secureVpc(badVpc)
                        .customerGatewayIp("10.9.9.9").onPremisesCidrs(List.of("192.168.0.0/16"))
                        .routeTiers(List.of("public")).build()));
        assertEquals("Invalid configuration of SiteToSiteVpn Test/Bad (2 problems):"
                + "\n  - [SVPC-016] customerGatewayIp = '10.9.9.9': the public IPv4 address of the on-premises VPN device"
                + "\n  - [SVPC-016] routeTiers = 'public': private or isolated tiers of the VPC: [workload]",
                e.getMessage());
    }

    private static Object table(final int n) {
        return Map.of("Ref", Match.stringLikeRegexp("NetworkVpcworkloadSubnet" + n + "RouteTable.*"));
    }
}
