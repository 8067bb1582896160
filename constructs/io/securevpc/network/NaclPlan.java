package io.securevpc.network;

import io.securevpc.ErrorCode;
import io.securevpc.internal.Maps;
import io.securevpc.internal.Problems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Derives every tier's NACL entries from the tiers' declarations, as plain Java data (no CDK calls), so the
 * plan is computed once and checked before anything is created. Package-private: the API is
 * {@link SecureVpc#networkAcl(String)} and the synthesized template.
 */
final class NaclPlan {
    /** Ports never opened to the whole internet by a port range (Config rule nacl-no-unrestricted-ssh-rdp). */
    static final int[] REMOTE_ADMIN_PORTS = {22, 3389};
    static final String ANY_IPV4 = "0.0.0.0/0";
    static final String ANY_IPV6 = "::/0";
    /** The shortest piece of the ephemeral range worth a return entry: shorter ones between two holes are dropped. */
    static final int MIN_RETURN_PIECE = 1024;

    /** One NACL entry; {@code ports == null} means all traffic. */
    record Entry(int ruleNumber, boolean egress, boolean deny, PortRange ports, String cidr, boolean ipv6) {
    }

    /**
     * What the planner needs to know about the VPC. {@code tierIpv6Cidrs} names each tier's subnet IPv6 blocks;
     * a tier missing from it is reached through the VPC's IPv6 block.
     */
    record Network(String vpcCidr, String vpcIpv6Cidr, Map<String, List<String>> tierCidrs, String natHostTier,
                   PortRange ephemeral, int entryQuota, Map<String, List<String>> tierIpv6Cidrs) {
        Network(final String vpcCidr, final String vpcIpv6Cidr, final Map<String, List<String>> tierCidrs,
                final String natHostTier, final PortRange ephemeral, final int entryQuota) {
            this(vpcCidr, vpcIpv6Cidr, tierCidrs, natHostTier, ephemeral, entryQuota, Maps.of());
        }
    }

    private final Map<String, List<Entry>> entriesByTier = new LinkedHashMap<>();

    private NaclPlan() {
    }

    /** The entries of one tier: block list first, then allows, inbound and outbound mixed, in number order. */
    List<Entry> entries(final String tier) {
        return entriesByTier.getOrDefault(tier, List.of());
    }

    static NaclPlan plan(final List<SubnetTier> tiers, final List<BlockListEntry> blockList, final Network net,
                         final Problems problems) {
        NaclPlan plan = new NaclPlan();
        List<SubnetTier> active = tiers.stream().filter(t -> !t.isReserved()).toList();
        List<PortRange> natForwarded = net.natHostTier() == null ? List.of() : active.stream()
                .filter(t -> t.getKind() == TierKind.PRIVATE_WITH_EGRESS)
                .flatMap(t -> t.getEgressPorts().stream()).distinct().toList();
        for (SubnetTier tier : active) {
            TierRules rules = new TierRules(net);
            addInbound(tier, active, net, natForwarded, rules);
            addOutbound(tier, active, net, natForwarded, rules);
            List<Entry> entries = new ArrayList<>(blockListEntries(blockList));
            entries.addAll(rules.number());
            checkQuota(tier, entries, net.entryQuota(), problems);
            plan.entriesByTier.put(tier.getName(), entries);
        }
        return plan;
    }

    private static void addInbound(final SubnetTier tier, final List<SubnetTier> active, final Network net,
                                   final List<PortRange> natForwarded, final TierRules rules) {
        if (tier.getKind() == TierKind.PUBLIC) {
            served(tier).forEach(p -> rules.inboundFromInternet(p, false));
        } else {
            served(tier).forEach(p -> rules.inbound(p, sources(tier, net)));
        }
        if (tier.getName().equals(net.natHostTier())) {
            natForwarded.forEach(p -> rules.inbound(p, vpc(net)));
        }
        boolean gatewayRanges = tier.getKind() == TierKind.ISOLATED && !tier.getGatewayEndpointCidrs().isEmpty();
        if (reachesBeyondVpc(tier, net) && !gatewayRanges) {
            // return traffic from anywhere (minus SSH, RDP and the tier's own ports) covers the tier's VPC peers too
            rules.inboundReturnFromInternet(returnPorts(tier, net, false, true));
            return;
        }
        addReturnFromVpc(tier, active, net, rules);
        if (reachesBeyondVpc(tier, net)) {
            tier.getGatewayEndpointCidrs().forEach(c -> rules.inboundReturn(
                    returnPorts(tier, net, false, false), new Cidr(c, false)));
        }
    }

    /**
     * Return traffic of what the tier sends inside the VPC (BP-NET-4). A tier open to the whole VPC takes it from
     * the VPC's block: any address of the VPC may reach its ports anyway. A tier that restricts its sources takes
     * it only from the tiers it sends to, on the ephemeral range minus its own ports where those tiers are not its
     * sources: "5432 from app only" holds at the NACL too.
     */
    private static void addReturnFromVpc(final SubnetTier tier, final List<SubnetTier> active, final Network net,
                                         final TierRules rules) {
        List<SubnetTier> targets = active.stream().filter(t -> sendsTo(tier, t)).toList();
        if (targets.isEmpty()) {
            return;
        }
        if (tier.getKind() == TierKind.PUBLIC || tier.getIngressFrom().isEmpty()) {
            rules.inbound(net.ephemeral(), vpc(net));
            return;
        }
        List<Cidr> allowedSources = sources(tier, net);
        for (SubnetTier target : targets) {
            for (Cidr peer : tierCidrs(target, net)) {
                rules.inboundReturn(returnPorts(tier, net, allowedSources.contains(peer), false), peer);
            }
        }
    }

    /** Whether {@code source} opens connections to {@code target}'s ports (the outbound entries of addOutbound). */
    private static boolean sendsTo(final SubnetTier source, final SubnetTier target) {
        return target.getKind() != TierKind.PUBLIC && acceptsFrom(target, source)
                && !(target.getIngressPorts().isEmpty() && target.getHealthCheckPorts().isEmpty());
    }

    /** The ports a tier serves: its ingress and health-check ports. */
    private static List<PortRange> served(final SubnetTier tier) {
        List<PortRange> served = new ArrayList<>(tier.getIngressPorts());
        served.addAll(tier.getHealthCheckPorts());
        return served;
    }

    /**
     * The ephemeral range as return traffic from one peer may use it: without the tier's own TCP ports unless the
     * peer is one of their sources, and without SSH and RDP from the internet; pieces shorter than
     * {@value #MIN_RETURN_PIECE} ports (between two of the tier's ports) are left out.
     */
    private static List<PortRange> returnPorts(final SubnetTier tier, final Network net, final boolean peerIsSource,
                                               final boolean internet) {
        return returnPorts(tier, net.ephemeral(), peerIsSource, internet);
    }

    /** {@link #returnPorts(SubnetTier, Network, boolean, boolean)} with the ephemeral range given. */
    static List<PortRange> returnPorts(final SubnetTier tier, final PortRange ephemeral, final boolean peerIsSource,
                                       final boolean internet) {
        List<int[]> holes = new ArrayList<>();
        if (internet) {
            for (int port : REMOTE_ADMIN_PORTS) {
                holes.add(new int[] {port, port});
            }
        }
        if (!peerIsSource && tier.getKind() != TierKind.PUBLIC) {
            served(tier).stream().filter(p -> p.getProtocol() == PortRange.Protocol.TCP)
                    .forEach(p -> holes.add(new int[] {p.getFrom(), p.getTo()}));
        }
        // a sliver between two of the tier's ports is not worth an entry of the quota: no OS picks its client
        // ports there (Linux 32768-60999, Windows 49152-65535; NAT gateways and load balancers use 1024-65535)
        return without(ephemeral, holes).stream()
                .filter(p -> p.getTo() - p.getFrom() + 1 >= MIN_RETURN_PIECE).toList();
    }

    private static void addOutbound(final SubnetTier tier, final List<SubnetTier> active, final Network net,
                                    final List<PortRange> natForwarded, final TierRules rules) {
        for (SubnetTier target : active) {
            if (!sendsTo(tier, target)) {
                continue;
            }
            List<Cidr> destinations = tierCidrs(target, net);
            target.getIngressPorts().forEach(p -> rules.outbound(p, destinations));
            target.getHealthCheckPorts().forEach(p -> rules.outbound(p, destinations));
        }
        if (tier.getKind() == TierKind.ISOLATED && !tier.getGatewayEndpointCidrs().isEmpty()) {
            List<Cidr> ranges = tier.getGatewayEndpointCidrs().stream().map(c -> new Cidr(c, false)).toList();
            tier.getEgressPorts().forEach(p -> rules.outbound(p, ranges));
        } else if (tier.getKind() != TierKind.PUBLIC) {
            tier.getEgressPorts().forEach(rules::outboundToInternet);
        }
        if (tier.getName().equals(net.natHostTier())) {
            natForwarded.forEach(rules::outboundToInternet);
            rules.outbound(net.ephemeral(), vpc(net));
        }
        if (tier.getKind() == TierKind.PUBLIC) {
            rules.outboundToInternet(net.ephemeral());
        } else if (!served(tier).isEmpty()) {
            // responses go back to the tier's sources only
            rules.outbound(net.ephemeral(), sources(tier, net));
        }
    }

    /** Whether return traffic from beyond the VPC can arrive: egress ports, or NAT gateways hosted here. */
    private static boolean reachesBeyondVpc(final SubnetTier tier, final Network net) {
        return (tier.getKind() != TierKind.PUBLIC && !tier.getEgressPorts().isEmpty())
                || tier.getName().equals(net.natHostTier());
    }

    private static boolean acceptsFrom(final SubnetTier target, final SubnetTier source) {
        return target.getIngressFrom().isEmpty() || target.getIngressFrom().contains(source.getName());
    }

    private static List<Cidr> sources(final SubnetTier tier, final Network net) {
        if (tier.getIngressFrom().isEmpty()) {
            return vpc(net);
        }
        List<Cidr> result = new ArrayList<>();
        for (String name : tier.getIngressFrom()) {
            addTierCidrs(name, net, true, result);
        }
        return result;
    }

    /**
     * The destinations of traffic to {@code tier}. IPv6 blocks are named per subnet (one entry each) only where
     * the tier restricts its sources; a tier open to the whole VPC is reached through the VPC's IPv6 block,
     * which keeps the entry count within the quota.
     */
    private static List<Cidr> tierCidrs(final SubnetTier tier, final Network net) {
        List<Cidr> result = new ArrayList<>();
        addTierCidrs(tier.getName(), net, !tier.getIngressFrom().isEmpty(), result);
        return result;
    }

    /** A tier's IPv4 blocks and, in a dual-stack VPC, its subnets' IPv6 blocks or the VPC's IPv6 block. */
    private static void addTierCidrs(final String tierName, final Network net, final boolean perSubnetIpv6,
                                     final List<Cidr> result) {
        net.tierCidrs().getOrDefault(tierName, List.of()).forEach(c -> result.add(new Cidr(c, false)));
        if (net.vpcIpv6Cidr() == null) {
            return;
        }
        List<String> ipv6 = perSubnetIpv6 ? net.tierIpv6Cidrs().getOrDefault(tierName, List.of()) : List.of();
        if (ipv6.isEmpty()) {
            result.add(new Cidr(net.vpcIpv6Cidr(), true));
        } else {
            ipv6.forEach(c -> result.add(new Cidr(c, true)));
        }
    }

    private static List<Cidr> vpc(final Network net) {
        List<Cidr> result = new ArrayList<>();
        result.add(new Cidr(net.vpcCidr(), false));
        if (net.vpcIpv6Cidr() != null) {
            result.add(new Cidr(net.vpcIpv6Cidr(), true));
        }
        return result;
    }

    private static List<Entry> blockListEntries(final List<BlockListEntry> blockList) {
        List<Entry> entries = new ArrayList<>();
        int number = NaclRuleNumbers.BLOCK_LIST_FIRST;
        for (BlockListEntry block : blockList) {
            entries.add(new Entry(number, false, true, block.getPorts(), block.getCidr(), block.isIpv6()));
            entries.add(new Entry(number, true, true, block.getPorts(), block.getCidr(), block.isIpv6()));
            number++;
        }
        return entries;
    }

    private static void checkQuota(final SubnetTier tier, final List<Entry> entries, final int quota,
                                   final Problems problems) {
        long inbound = entries.stream().filter(e -> !e.egress()).count();
        long outbound = entries.size() - inbound;
        long worst = Math.max(inbound, outbound);
        if (worst > quota) {
            problems.add(ErrorCode.NACL_RULES, "tiers[" + tier.getName() + "] NACL entries",
                    inbound + " inbound, " + outbound + " outbound",
                    "at most naclEntryQuota (" + quota + ") per direction; shorten the block list or the tier's "
                            + "ports and sources, or raise the NACL rules quota (up to "
                            + NaclRuleNumbers.MAX_ENTRY_QUOTA + ") and set naclEntryQuota");
        }
    }

    /**
     * Splits a range around the remote-administration ports, so that no entry open to the whole internet
     * covers SSH or RDP.
     */
    static List<PortRange> withoutRemoteAdminPorts(final PortRange range) {
        List<int[]> holes = new ArrayList<>();
        for (int port : REMOTE_ADMIN_PORTS) {
            holes.add(new int[] {port, port});
        }
        return without(range, holes);
    }

    /** The pieces of {@code range} outside every hole (inclusive {@code [from, to]} pairs). */
    static List<PortRange> without(final PortRange range, final List<int[]> holes) {
        List<int[]> sorted = new ArrayList<>(holes);
        sorted.sort((a, b) -> Integer.compare(a[0], b[0]));
        List<PortRange> pieces = new ArrayList<>();
        int from = range.getFrom();
        for (int[] hole : sorted) {
            if (hole[1] < from || hole[0] > range.getTo()) {
                continue;
            }
            if (hole[0] > from) {
                pieces.add(range.withBounds(from, hole[0] - 1));
            }
            from = Math.max(from, hole[1] + 1);
        }
        if (from <= range.getTo()) {
            pieces.add(range.withBounds(from, range.getTo()));
        }
        return pieces;
    }

    private record Cidr(String value, boolean ipv6) {
    }

    /** The allow entries of one tier, deduplicated, numbered at the end. */
    private static final class TierRules {
        private record Allow(boolean egress, PortRange ports, Cidr cidr) {
        }

        private final Network net;
        private final Set<Allow> allows = new LinkedHashSet<>();

        TierRules(final Network net) {
            this.net = net;
        }

        void inbound(final PortRange ports, final List<Cidr> from) {
            from.forEach(c -> allows.add(new Allow(false, ports, c)));
        }

        void outbound(final PortRange ports, final List<Cidr> to) {
            to.forEach(c -> allows.add(new Allow(true, ports, c)));
        }

        /** Return traffic from one peer, on the pieces of the ephemeral range it may use. */
        void inboundReturn(final List<PortRange> pieces, final Cidr from) {
            pieces.forEach(p -> allows.add(new Allow(false, p, from)));
        }

        /** Return traffic from anywhere, on the pieces of the ephemeral range (never SSH/RDP). */
        void inboundReturnFromInternet(final List<PortRange> pieces) {
            pieces.forEach(p -> inboundFromInternet(p, false));
        }

        /** Inbound from anywhere; a range that is not the tier's own service port never covers SSH/RDP. */
        void inboundFromInternet(final PortRange ports, final boolean returnTraffic) {
            List<PortRange> pieces = returnTraffic ? withoutRemoteAdminPorts(ports) : List.of(ports);
            for (PortRange piece : pieces) {
                allows.add(new Allow(false, piece, new Cidr(ANY_IPV4, false)));
                if (net.vpcIpv6Cidr() != null) {
                    allows.add(new Allow(false, piece, new Cidr(ANY_IPV6, true)));
                }
            }
        }

        void outboundToInternet(final PortRange ports) {
            allows.add(new Allow(true, ports, new Cidr(ANY_IPV4, false)));
            if (net.vpcIpv6Cidr() != null) {
                allows.add(new Allow(true, ports, new Cidr(ANY_IPV6, true)));
            }
        }

        List<Entry> number() {
            List<Entry> entries = new ArrayList<>();
            int in = NaclRuleNumbers.ALLOW_FIRST;
            int out = NaclRuleNumbers.ALLOW_FIRST;
            for (Allow a : allows) {
                int number = a.egress() ? out : in;
                entries.add(new Entry(number, a.egress(), false, a.ports(), a.cidr().value(), a.cidr().ipv6()));
                if (a.egress()) {
                    out += NaclRuleNumbers.ALLOW_STEP;
                } else {
                    in += NaclRuleNumbers.ALLOW_STEP;
                }
            }
            return entries;
        }
    }
}
