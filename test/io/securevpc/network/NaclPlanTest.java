package io.securevpc.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.BlueprintValidationException;
import io.securevpc.ErrorCode;
import io.securevpc.internal.Problems;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The NACL plan as plain data: numbering, deny-before-allow, stateless return traffic (BP-NET-4/5/9). */
class NaclPlanTest {
    private static final List<SubnetTier> THREE_TIER = List.of(
            SubnetTier.builder("app", TierKind.PRIVATE_WITH_EGRESS).cidrMask(22)
                    .ingressPorts(List.of(PortRange.tcp(8443))).ingressFrom(List.of("public"))
                    .healthCheckPorts(List.of(PortRange.tcp(8080))).build(),
            SubnetTier.builder("data", TierKind.ISOLATED).cidrMask(24)
                    .ingressPorts(List.of(PortRange.tcp(5432))).ingressFrom(List.of("app"))
                    .egressPorts(List.of()).build(),
            SubnetTier.builder("public", TierKind.PUBLIC).cidrMask(26).build());
    private static final Map<String, List<String>> CIDRS = Map.of(
            "app", List.of("10.20.0.0/21", "10.20.8.0/22"),
            "data", List.of("10.20.12.0/23", "10.20.14.0/24"),
            "public", List.of("10.20.15.0/25", "10.20.15.128/26"));
    private static final List<BlockListEntry> BLOCKS = List.of(
            BlockListEntry.cidr("192.0.2.0/24", "test"),
            BlockListEntry.cidr("198.51.100.0/24", PortRange.tcp(22), "test"));

    private static NaclPlan plan(final String ipv6, final int quota, final List<BlockListEntry> blocks,
                                 final Problems problems) {
        return NaclPlan.plan(THREE_TIER, blocks, new NaclPlan.Network("10.20.0.0/16", ipv6, CIDRS, "public",
                PortRange.EPHEMERAL, quota), problems);
    }

    private static NaclPlan threeTier() {
        return plan(null, 20, BLOCKS, new Problems());
    }

    private static boolean has(final List<NaclPlan.Entry> entries, final boolean egress, final PortRange ports,
                               final String cidr) {
        return entries.stream().anyMatch(e -> e.egress() == egress && !e.deny() && ports.equals(e.ports())
                && cidr.equals(e.cidr()));
    }

    @Test
    void blockListDeniesSitBelowEveryAllowInBothDirections() {
        for (String tier : List.of("app", "data", "public")) {
            List<NaclPlan.Entry> entries = threeTier().entries(tier);
            int highestDeny = entries.stream().filter(NaclPlan.Entry::deny).mapToInt(NaclPlan.Entry::ruleNumber)
                    .max().orElseThrow();
            int lowestAllow = entries.stream().filter(e -> !e.deny()).mapToInt(NaclPlan.Entry::ruleNumber)
                    .min().orElseThrow();
            assertTrue(highestDeny < lowestAllow, tier);
            assertEquals(4, entries.stream().filter(NaclPlan.Entry::deny).count(), tier);
            assertTrue(entries.stream().filter(NaclPlan.Entry::deny).allMatch(e -> e.ruleNumber() >= 100
                    && e.ruleNumber() <= 999), tier);
        }
    }

    @Test
    void ruleNumbersNeverCollideWithinADirection() {
        for (String tier : List.of("app", "data", "public")) {
            Set<String> seen = new HashSet<>();
            for (NaclPlan.Entry e : threeTier().entries(tier)) {
                assertTrue(seen.add(e.egress() + "/" + e.ruleNumber()), tier + " " + e);
            }
        }
    }

    @Test
    void allowsStartAt1000TenApartLeavingReservedDenyRangeFree() {
        List<Integer> inbound = threeTier().entries("app").stream().filter(e -> !e.egress() && !e.deny())
                .map(NaclPlan.Entry::ruleNumber).toList();
        assertEquals(IntStream.range(0, inbound.size()).map(i -> 1000 + 10 * i).boxed().toList(), inbound);
        assertTrue(threeTier().entries("app").stream().noneMatch(e -> e.ruleNumber() < 100));
    }

    @Test
    void publicTierServesHttpsToTheInternetAndForwardsNatTraffic() {
        List<NaclPlan.Entry> pub = threeTier().entries("public");
        assertTrue(has(pub, false, PortRange.tcp(443), "0.0.0.0/0"));
        assertTrue(has(pub, false, PortRange.tcp(443), "10.20.0.0/16"), "NAT: private tiers' HTTPS in");
        assertTrue(has(pub, true, PortRange.tcp(443), "0.0.0.0/0"), "NAT: HTTPS out to the internet");
        assertTrue(has(pub, true, PortRange.EPHEMERAL, "0.0.0.0/0"), "responses to internet clients");
        assertTrue(has(pub, true, PortRange.tcp(8443), "10.20.0.0/21"), "load balancer to targets");
        assertTrue(has(pub, true, PortRange.tcp(8080), "10.20.8.0/22"), "health checks (BP-NET-9)");
    }

    @Test
    void ephemeralReturnFromTheInternetSkipsSshAndRdp() {
        List<NaclPlan.Entry> fromInternet = threeTier().entries("public").stream()
                .filter(e -> !e.egress() && !e.deny() && e.cidr().equals("0.0.0.0/0")).toList();
        assertTrue(has(fromInternet, false, PortRange.tcp(1024, 3388), "0.0.0.0/0"));
        assertTrue(has(fromInternet, false, PortRange.tcp(3390, 65535), "0.0.0.0/0"));
        for (NaclPlan.Entry e : fromInternet) {
            assertFalse(e.ports().contains(22) || e.ports().contains(3389), e.toString());
        }
    }

    @Test
    void applicationTierAcceptsOnlyTheLoadBalancerTierAndReachesTheDatabaseTier() {
        List<NaclPlan.Entry> app = threeTier().entries("app");
        assertTrue(has(app, false, PortRange.tcp(8443), "10.20.15.0/25"));
        assertTrue(has(app, false, PortRange.tcp(8443), "10.20.15.128/26"));
        assertFalse(app.stream().anyMatch(e -> !e.egress() && PortRange.tcp(8443).equals(e.ports())
                && e.cidr().equals("10.20.0.0/16")), "not from the whole VPC");
        assertTrue(has(app, true, PortRange.tcp(5432), "10.20.12.0/23"));
        assertTrue(has(app, true, PortRange.tcp(443), "0.0.0.0/0"), "egress through NAT");
        assertTrue(has(app, false, PortRange.tcp(3390, 8079), "0.0.0.0/0"), "NAT return traffic");
        assertTrue(has(app, false, PortRange.tcp(8444, 65535), "0.0.0.0/0"), "NAT return traffic");
    }

    /** BP-NET-4: return traffic never opens a tier's own ports to peers that are not their sources. */
    @Test
    void returnTrafficFromTheInternetSkipsTheTiersOwnPorts() {
        List<NaclPlan.Entry> fromInternet = threeTier().entries("app").stream()
                .filter(e -> !e.egress() && !e.deny() && e.cidr().equals("0.0.0.0/0")).toList();
        // 8081-8442, between the health check and the service port, is too short to be worth an entry
        assertEquals(List.of(PortRange.tcp(1024, 3388), PortRange.tcp(3390, 8079), PortRange.tcp(8444, 65535)),
                fromInternet.stream().map(NaclPlan.Entry::ports).toList());
    }

    /** BP-NET-4, BP-NET-5: "data: 5432 from app only" holds at the NACL, return traffic included. */
    @Test
    void dataTierAdmitsItsDatabasePortFromTheApplicationTierOnly() {
        List<String> admitting = threeTier().entries("data").stream()
                .filter(e -> !e.egress() && !e.deny() && (e.ports() == null || e.ports().contains(5432)))
                .map(NaclPlan.Entry::cidr).toList();
        assertEquals(CIDRS.get("app"), admitting);
    }

    /** A data tier that sends to another tier takes its return traffic around 5432. */
    @Test
    void returnTrafficOfARestrictedTierSkipsItsPortsFromPeersThatAreNotItsSources() {
        List<SubnetTier> tiers = List.of(THREE_TIER.get(0), SubnetTier.builder("data", TierKind.ISOLATED).cidrMask(24)
                .ingressPorts(List.of(PortRange.tcp(5432))).ingressFrom(List.of("app")).build(),
                SubnetTier.builder("cache", TierKind.ISOLATED).ingressPorts(List.of(PortRange.tcp(6379))).build(),
                THREE_TIER.get(2));
        Map<String, List<String>> cidrs = new java.util.HashMap<>(CIDRS);
        cidrs.put("cache", List.of("10.20.16.0/24"));
        NaclPlan plan = NaclPlan.plan(tiers, List.of(), new NaclPlan.Network("10.20.0.0/16", null, cidrs, "public",
                PortRange.EPHEMERAL, 40), new Problems());
        List<NaclPlan.Entry> fromCache = plan.entries("data").stream()
                .filter(e -> !e.egress() && e.cidr().equals("10.20.16.0/24")).toList();
        assertEquals(List.of(PortRange.tcp(1024, 5431), PortRange.tcp(5433, 65535)),
                fromCache.stream().map(NaclPlan.Entry::ports).toList());
        assertTrue(has(plan.entries("data"), true, PortRange.tcp(6379), "10.20.16.0/24"));
    }

    /** BP-NET-4, BP-EP-2: an isolated tier reaches the named gateway-endpoint ranges, and only they answer. */
    @Test
    void isolatedTierWithGatewayEndpointRangesNamesThemInsteadOfTheInternet() {
        List<SubnetTier> tiers = List.of(SubnetTier.builder("data", TierKind.ISOLATED)
                .ingressPorts(List.of(PortRange.tcp(5432))).egressPorts(List.of(PortRange.tcp(443)))
                .gatewayEndpointCidrs(List.of("52.218.0.0/17")).build());
        NaclPlan plan = NaclPlan.plan(tiers, List.of(), new NaclPlan.Network("10.20.0.0/16", "vpc-v6",
                Map.of("data", List.of("10.20.0.0/24")), null, PortRange.EPHEMERAL, 20), new Problems());
        List<NaclPlan.Entry> data = plan.entries("data");
        assertTrue(has(data, true, PortRange.tcp(443), "52.218.0.0/17"));
        assertTrue(has(data, false, PortRange.tcp(1024, 5431), "52.218.0.0/17"));
        assertTrue(has(data, false, PortRange.tcp(5433, 65535), "52.218.0.0/17"));
        assertTrue(data.stream().noneMatch(e -> e.cidr().equals("0.0.0.0/0") || e.cidr().equals("::/0")), data.toString());
    }

    @Test
    void dataTierWithoutEgressPortsHasNoInternetEntryAtAll() {
        List<NaclPlan.Entry> data = threeTier().entries("data");
        assertTrue(data.stream().filter(e -> !e.deny()).noneMatch(e -> e.cidr().equals("0.0.0.0/0")));
        assertTrue(has(data, false, PortRange.tcp(5432), "10.20.0.0/21"));
        assertTrue(has(data, true, PortRange.EPHEMERAL, "10.20.0.0/21"), "stateless return traffic, to app only");
        assertTrue(has(data, true, PortRange.EPHEMERAL, "10.20.8.0/22"), "stateless return traffic, to app only");
        assertFalse(has(data, true, PortRange.EPHEMERAL, "10.20.0.0/16"), "not to the whole VPC");
    }

    @Test
    void ipv6MirrorsInternetAndVpcEntries() {
        List<NaclPlan.Entry> pub = plan("vpc-ipv6-token", 40, List.of(), new Problems()).entries("public");
        assertTrue(pub.stream().anyMatch(e -> e.ipv6() && !e.egress() && e.cidr().equals("::/0")
                && PortRange.tcp(443).equals(e.ports())));
        assertTrue(pub.stream().anyMatch(e -> e.ipv6() && e.egress() && e.cidr().equals("vpc-ipv6-token")
                && PortRange.EPHEMERAL.equals(e.ports())));
        // return traffic from anywhere (the NAT host's) covers the VPC's addresses too: no entry of its own
        assertTrue(pub.stream().anyMatch(e -> e.ipv6() && !e.egress() && e.cidr().equals("::/0")
                && PortRange.tcp(3390, 65535).equals(e.ports())));
        assertFalse(pub.stream().anyMatch(e -> !e.egress() && e.cidr().equals("vpc-ipv6-token")
                && PortRange.EPHEMERAL.equals(e.ports())));
    }

    /** BP-NET-4: in a dual-stack VPC a restricted tier and its sources name subnet IPv6 blocks, not the VPC's. */
    @Test
    void ipv6EntriesOfRestrictedTiersNameTheSourceSubnets() {
        Map<String, List<String>> ipv6 = Map.of("app", List.of("app-v6-a", "app-v6-b"),
                "data", List.of("data-v6-a", "data-v6-b"), "public", List.of("public-v6-a", "public-v6-b"));
        NaclPlan plan = NaclPlan.plan(THREE_TIER, List.of(), new NaclPlan.Network("10.20.0.0/16", "vpc-v6", CIDRS,
                "public", PortRange.EPHEMERAL, 40, ipv6), new Problems());
        List<String> dataSources = plan.entries("data").stream().filter(e -> e.ipv6() && !e.egress()
                && PortRange.tcp(5432).equals(e.ports())).map(NaclPlan.Entry::cidr).toList();
        assertEquals(List.of("app-v6-a", "app-v6-b"), dataSources);
        List<String> appToData = plan.entries("app").stream().filter(e -> e.ipv6() && e.egress()
                && PortRange.tcp(5432).equals(e.ports())).map(NaclPlan.Entry::cidr).toList();
        assertEquals(List.of("data-v6-a", "data-v6-b"), appToData);
    }

    @Test
    void failsWhenATierNeedsMoreEntriesThanTheQuota() {
        List<BlockListEntry> many = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            many.add(BlockListEntry.cidr("203.0." + i + ".0/24", "test"));
        }
        Problems problems = new Problems();
        plan(null, 20, many, problems);
        BlueprintValidationException e = org.junit.jupiter.api.Assertions.assertThrows(
                BlueprintValidationException.class, () -> problems.throwIfAny("test"));
        assertTrue(e.getCodes().contains(ErrorCode.NACL_RULES));
        assertTrue(e.getMessage().contains("tiers[public] NACL entries"), e.getMessage());
        assertTrue(e.getMessage().contains("naclEntryQuota (20)"), e.getMessage());
    }

    @Test
    void splitsAroundBothRemoteAdminPorts() {
        assertEquals(List.of(PortRange.tcp(1, 21), PortRange.tcp(23, 3388), PortRange.tcp(3390, 4000)),
                NaclPlan.withoutRemoteAdminPorts(PortRange.tcp(1, 4000)));
    }
}
