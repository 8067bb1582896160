package io.securevpc.network;

import io.securevpc.ErrorCode;
import io.securevpc.internal.Ipv4Cidr;
import io.securevpc.internal.Maps;
import io.securevpc.internal.Problems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each tier's subnets fall in the VPC CIDR, computed exactly as the CDK allocates them: tiers in order,
 * each with a subnet per AZ plus one per reserved AZ, each subnet aligned up to its size. Plain Java, so the
 * NACL entries can name summarised literal blocks and a layout that does not fit fails before anything is
 * created (BP-NET-1).
 */
final class TierAddressPlan {
    private TierAddressPlan() {
    }

    /**
     * @return each active tier's blocks, summarised, in tier order; empty (with an {@code ADDRESS_SPACE}
     *     problem) when a subnet would fall outside the VPC CIDR
     */
    static Map<String, List<String>> allocate(final List<SubnetTier> tiers, final Ipv4Cidr vpcCidr,
                                              final int azCount, final int reservedAzs, final Problems problems) {
        int perTier = azCount + reservedAzs;
        long cursor = vpcCidr.network();
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (SubnetTier tier : tiers) {
            long size = 1L << (32 - tier.getCidrMask());
            List<Ipv4Cidr> subnets = new ArrayList<>();
            for (int i = 0; i < perTier; i++) {
                cursor = (cursor + size - 1) / size * size;
                if (i < azCount) {
                    subnets.add(new Ipv4Cidr(cursor, tier.getCidrMask()));
                }
                cursor += size;
            }
            if (cursor > vpcCidr.end()) {
                problems.add(ErrorCode.ADDRESS_SPACE, "tiers[" + tier.getName() + "].cidrMask", tier.getCidrMask(),
                        "a mask that fits: " + perTier + " subnets of /" + tier.getCidrMask() + " after the tiers "
                                + "before it exceed " + vpcCidr + " (these tiers need a VPC CIDR of /"
                                + smallestVpcPrefix(tiers, azCount, reservedAzs) + " or larger); use larger masks, "
                                + "fewer tiers or a larger VPC CIDR, and list tiers from the largest subnets to the smallest to avoid "
                                + "alignment gaps");
                return Maps.of();
            }
            if (!tier.isReserved()) {
                result.put(tier.getName(), Ipv4Cidr.summarise(subnets).stream().map(Ipv4Cidr::toString).toList());
            }
        }
        return result;
    }

    /**
     * @return the prefix of the smallest VPC CIDR the tiers fit in with {@code azCount} AZs plus
     *     {@code reservedAzs}, allocated as {@link #allocate} does (e.g. 20: a /20 or larger)
     */
    static int smallestVpcPrefix(final List<SubnetTier> tiers, final int azCount, final int reservedAzs) {
        long cursor = 0;
        for (SubnetTier tier : tiers) {
            long size = 1L << (32 - tier.getCidrMask());
            for (int i = 0; i < azCount + reservedAzs; i++) {
                cursor = (cursor + size - 1) / size * size + size;
            }
        }
        int prefix = 32;
        while ((1L << (32 - prefix)) < cursor) {
            prefix--;
        }
        return prefix;
    }
}
