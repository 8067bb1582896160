package io.securevpc.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.ErrorCode;
import io.securevpc.internal.Ipv4Cidr;
import io.securevpc.internal.Problems;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link TierAddressPlan}: each tier's blocks as the CDK allocates them, without a stack. */
class TierAddressPlanTest {
    private static final Ipv4Cidr VPC = Ipv4Cidr.of("10.0.0.0/16");

    private static SubnetTier tier(final String name, final int mask) {
        return SubnetTier.builder(name, TierKind.ISOLATED).cidrMask(mask).build();
    }

    @Test
    void summarisesEachTiersSubnetsInTierOrder() {
        Problems problems = new Problems();
        Map<String, List<String>> plan = TierAddressPlan.allocate(List.of(tier("workload", 22), tier("endpoints", 26)),
                VPC, 2, 0, problems);
        assertTrue(problems.isEmpty());
        // Two /22 (10.0.0.0-10.0.7.255) summarise to one /21; the /26 follow at 10.0.8.0.
        assertEquals(Map.of("workload", List.of("10.0.0.0/21"), "endpoints", List.of("10.0.8.0/25")), plan);
        assertEquals(List.of("workload", "endpoints"), List.copyOf(plan.keySet()));
    }

    /** Three subnets cannot be one block: the summary is the fewest blocks covering them exactly. */
    @Test
    void coversThreeSubnetsWithTwoBlocks() {
        Map<String, List<String>> plan = TierAddressPlan.allocate(List.of(tier("app", 24)), VPC, 3, 0, new Problems());
        assertEquals(List.of("10.0.0.0/23", "10.0.2.0/24"), plan.get("app"));
    }

    /** Reserved AZs keep their space (adding an AZ later never renumbers) but are not part of the blocks. */
    @Test
    void leavesRoomForReservedAzsOutsideTheBlocks() {
        Map<String, List<String>> plan = TierAddressPlan.allocate(List.of(tier("app", 24), tier("db", 24)), VPC, 2, 1,
                new Problems());
        assertEquals(List.of("10.0.0.0/23"), plan.get("app"));
        assertEquals(List.of("10.0.3.0/24", "10.0.4.0/24"), plan.get("db"));
    }

    /** A reserved tier takes its space in order but has no blocks of its own. */
    @Test
    void skipsReservedTiersButKeepsTheirSpace() {
        SubnetTier spare = SubnetTier.builder("spare", TierKind.ISOLATED).cidrMask(24).reserved(true).build();
        Map<String, List<String>> plan = TierAddressPlan.allocate(List.of(spare, tier("db", 24)), VPC, 2, 0,
                new Problems());
        assertEquals(Map.of("db", List.of("10.0.2.0/23")), plan);
    }

    /** Each subnet is aligned up to its size, as the CDK does: a /24 after a /26 starts at the next /24. */
    @Test
    void alignsEachSubnetToItsSize() {
        Map<String, List<String>> plan = TierAddressPlan.allocate(List.of(tier("small", 26), tier("big", 24)), VPC, 2,
                0, new Problems());
        assertEquals(List.of("10.0.0.0/25"), plan.get("small"));
        assertEquals(List.of("10.0.1.0/24", "10.0.2.0/24"), plan.get("big"));
    }

    @Test
    void failsWhenATierFallsOutsideTheVpcCidr() {
        Problems problems = new Problems();
        Map<String, List<String>> plan = TierAddressPlan.allocate(List.of(tier("small", 26), tier("big", 25)),
                Ipv4Cidr.of("10.0.0.0/24"), 2, 0, problems);
        assertEquals(Map.of(), plan);
        assertEquals(1, problems.size());
        io.securevpc.BlueprintValidationException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.securevpc.BlueprintValidationException.class, () -> problems.throwIfAny("plan"));
        assertEquals(List.of(ErrorCode.ADDRESS_SPACE), e.getCodes());
        assertTrue(e.getMessage().contains("tiers[big].cidrMask = 25: a mask that fits: 2 subnets of /25 after the "
                + "tiers before it exceed 10.0.0.0/24"), e.getMessage());
    }

    @Test
    void theSmallestVpcOfTheDefaultTiersIsA20InTwoAndThreeAzs() {
        // 2 x /22 + 2 x /26 = 2,176 addresses; 3 x /22 + 3 x /26 = 3,264: both need 4,096
        assertEquals(20, TierAddressPlan.smallestVpcPrefix(SecureVpcProps.DEFAULT_TIERS, 2, 0));
        assertEquals(20, TierAddressPlan.smallestVpcPrefix(SecureVpcProps.DEFAULT_TIERS, 3, 0));
        // a reserved AZ adds a subnet per tier: 4 x /22 + 4 x /26 = 4,352 needs 8,192
        assertEquals(19, TierAddressPlan.smallestVpcPrefix(SecureVpcProps.DEFAULT_TIERS, 3, 1));
    }
}
