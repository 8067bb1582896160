package io.securevpc.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.securevpc.BlueprintValidationException;
import io.securevpc.TestStacks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * NACL entries the connectivity constructs add to a SecureVpc's tiers (BP-NET-4, BP-NET-9): between tiers
 * ({@code allowTierTraffic}), never twice; one template, and a second VPC for the failures.
 */
class SecureVpcConnectivityEntriesTest {
    private static Template template;
    private static SecureVpc bad;

    @BeforeAll
    static void synth() {
        Stack stack = TestStacks.regionalStack();
        SecureVpc vpc = vpc(stack);
        // a load balancer in the app tier reaching its targets in the same tier (BP-NET-9)
        vpc.allowTierTraffic("app", List.of("app"), List.of(PortRange.tcp(8443)));
        // the data tier already serves 5432 to app: nothing new
        vpc.allowTierTraffic("data", List.of("app"), List.of(PortRange.tcp(5432)));
        // the same external block twice: entries once
        vpc.allowExternalTraffic("app", List.of("10.9.0.0/16"), List.of(PortRange.tcp(443)), List.of());
        vpc.allowExternalTraffic("app", List.of("10.9.0.0/16"), List.of(PortRange.tcp(443)), List.of());
        template = Template.fromStack(stack);
        bad = vpc(TestStacks.regionalStack());
    }

    private static SecureVpc vpc(final Stack stack) {
        return new SecureVpc(stack, "Network", SecureVpcProps.builder()
                .tiers(List.of(
                        SubnetTier.builder("app", TierKind.ISOLATED).cidrMask(22).build(),
                        SubnetTier.builder("data", TierKind.ISOLATED).cidrMask(24)
                                .ingressPorts(List.of(PortRange.tcp(5432))).ingressFrom(List.of("app")).build()))
                .flowLogs(false)
                .build());
    }

    private static Map<String, Map<String, Object>> entries(final String acl, final boolean egress, final String cidr,
                                                            final int port) {
        return template.findResources("AWS::EC2::NetworkAclEntry", Map.of("Properties", Map.of(
                "NetworkAclId", Map.of("Ref", Match.stringLikeRegexp("Network" + acl + "Acl.*")),
                "Egress", egress, "CidrBlock", cidr, "PortRange", Map.of("From", port, "To", port))));
    }

    @Test
    void theTierAcceptsThePortFromTheOtherTierAndTheOtherTierReachesIt() {
        for (String block : List.of("10.0.0.0/21", "10.0.8.0/22")) {
            assertEquals(1, entries("app", false, block, 8443).size(), "inbound from " + block);
            assertEquals(1, entries("app", true, block, 8443).size(), "outbound to " + block);
        }
    }

    @Test
    void addsNoEntryTheNaclAlreadyHas() {
        assertEquals(1, entries("data", false, "10.0.0.0/21", 5432).size(), "planned once, not added again");
        assertEquals(1, entries("app", true, "10.9.0.0/16", 443).size(), "asked twice, added once");
        template.resourcePropertiesCountIs("AWS::EC2::NetworkAclEntry", Map.of("CidrBlock", "10.9.0.0/16"), 2);
    }

    @Test
    void failsOnAnUnknownTier() {
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () ->
                bad.allowTierTraffic("app", List.of("web"), List.of(PortRange.tcp(80))));
        assertEquals("Invalid configuration of SecureVpc Test/Network (1 problem):"
                + "\n  - [SVPC-007] tierName = 'web': one of: app, data", e.getMessage());
    }

    @Test
    void failsWhenTheEntriesWouldExceedTheQuota() {
        List<PortRange> ports = java.util.stream.IntStream.range(0, 10).mapToObj(i -> PortRange.tcp(9000 + i)).toList();
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () ->
                bad.allowTierTraffic("data", List.of("app"), ports));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(
                "[SVPC-006] tiers[data] NACL entries = "), e.getMessage());
    }
}
