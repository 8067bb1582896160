package io.securevpc.connectivity;

import io.securevpc.ErrorCode;
import io.securevpc.internal.Ipv4Cidr;
import io.securevpc.internal.Problems;
import io.securevpc.network.ISecureVpc;
import io.securevpc.network.TierKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * The destinations each SecureVpc already routes beyond itself, by which connection, so that a second
 * connection cannot route the same addresses: peering is not transitive (BP-MV-2), and a block reached through
 * a Transit Gateway is not also reached through a peering. Shared checks of the connectivity constructs.
 */
final class RouteClaims {
    private record Claim(Ipv4Cidr cidr, String owner) {
    }

    private static final Map<ISecureVpc, List<Claim>> CLAIMS = new WeakHashMap<>();

    private RouteClaims() {
    }

    /** Checks destination blocks: literal, specific, outside the VPC, disjoint, and not routed elsewhere. */
    static void check(final ISecureVpc vpc, final String prop, final List<String> cidrs, final String kind,
                      final Problems problems) {
        if (cidrs.isEmpty()) {
            problems.add(ErrorCode.CONNECTIVITY, prop, "[]", "at least one destination block");
        }
        Optional<Ipv4Cidr> own = vpc.getVpcCidrLiteral() == null ? Optional.empty()
                : Ipv4Cidr.parse(vpc.getVpcCidrLiteral());
        List<Ipv4Cidr> seen = new ArrayList<>();
        for (String text : cidrs) {
            Optional<Ipv4Cidr> parsed = Ipv4Cidr.parse(text);
            if (parsed.isEmpty()) {
                problems.add(ErrorCode.INVALID_CIDR, prop, text, "an IPv4 CIDR with no host bits set");
                continue;
            }
            Ipv4Cidr cidr = parsed.get();
            if (cidr.prefix() == 0) {
                problems.add(ErrorCode.CONNECTIVITY, prop, text, "specific blocks only: no default route through a "
                        + kind + " (BP-MV-1)");
                continue;
            }
            if (own.isPresent() && cidr.overlaps(own.get())) {
                problems.add(ErrorCode.CONNECTIVITY, prop, text, "a block that does not overlap the VPC CIDR "
                        + own.get() + ": overlapping ranges cannot be routed");
            }
            for (Ipv4Cidr other : seen) {
                if (cidr.overlaps(other)) {
                    problems.add(ErrorCode.CONNECTIVITY, prop, text, "blocks that do not overlap each other (" + other
                            + ")");
                }
            }
            seen.add(cidr);
            for (Claim claim : CLAIMS.getOrDefault(vpc, List.of())) {
                if (cidr.overlaps(claim.cidr())) {
                    problems.add(ErrorCode.CONNECTIVITY, prop, text, "a block no other connection of this VPC routes: "
                            + claim.cidr() + " already goes through " + claim.owner() + "; peering is not transitive, "
                            + "so one path per destination (BP-MV-2)");
                }
            }
        }
    }

    /** Checks that each tier exists and is not public: routes beyond the VPC belong to private tiers. */
    static void checkTiers(final ISecureVpc vpc, final String prop, final List<String> tiers, final Problems problems) {
        if (tiers.isEmpty()) {
            problems.add(ErrorCode.CONNECTIVITY, prop, "[]", "at least one tier that gets the routes");
        }
        for (String name : tiers) {
            boolean ok = vpc.getTiers().stream().anyMatch(t -> t.getName().equals(name) && !t.isReserved()
                    && t.getKind() != TierKind.PUBLIC);
            if (!ok) {
                problems.add(ErrorCode.CONNECTIVITY, prop, name, "private or isolated tiers of the VPC: "
                        + vpc.getTiers().stream().filter(t -> !t.isReserved() && t.getKind() != TierKind.PUBLIC)
                        .map(t -> t.getName()).toList());
            }
        }
    }

    /** Records the blocks as routed by {@code owner}. */
    static void claim(final ISecureVpc vpc, final List<String> cidrs, final String owner) {
        List<Claim> claims = CLAIMS.computeIfAbsent(vpc, v -> new ArrayList<>());
        cidrs.forEach(c -> claims.add(new Claim(Ipv4Cidr.of(c), owner)));
    }
}
