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
            addInbound(tier, net, natForwarded, rules);
            addOutbound(tier, active, net, natForwarded, rules);
            List<Entry> entries = new ArrayList<>(blockListEntries(blockList));
            entries.addAll(rules.number());
            checkQuota(tier, entries, net.entryQuota(), problems);
            plan.entriesByTier.put(tier.getName(), entries);
        }
        return plan;
    }

    private static void addInbound(final SubnetTier tier, final Network net, final List<PortRange> natForwarded,
                                   final TierRules rules) {
        List<PortRange> served = new ArrayList<>(tier.getIngressPorts());
        served.addAll(tier.getHealthCheckPorts());
        if (tier.getKind() == TierKind.PUBLIC) {
            served.forEach(p -> rules.inboundFromInternet(p, false));
        } else {
            served.forEach(p -> rules.inbound(p, sources(tier, net)));
        }
        if (tier.getName().equals(net.natHostTier())) {
            natForwarded.forEach(p -> rules.inbound(p, vpc(net)));
        }
        rules.inbound(net.ephemeral(), vpc(net));
        if (reachesBeyondVpc(tier, net)) {
            rules.inboundFromInternet(net.ephemeral(), true);
        }
    }

    private static void addOutbound(final SubnetTier tier, final List<SubnetTier> active, final Network net,
                                    final List<PortRange> natForwarded, final TierRules rules) {
        for (SubnetTier target : active) {
            if (target.getKind() == TierKind.PUBLIC || !acceptsFrom(target, tier)) {
                continue;
            }
            List<Cidr> destinations = tierCidrs(target, net);
            target.getIngressPorts().forEach(p -> rules.outbound(p, destinations));
            target.getHealthCheckPorts().forEach(p -> rules.outbound(p, destinations));
        }
        if (tier.getKind() != TierKind.PUBLIC) {
            tier.getEgressPorts().forEach(p -> rules.outboundToInternet(p));
        }
        if (tier.getName().equals(net.natHostTier())) {
            natForwarded.forEach(rules::outboundToInternet);
        }
        rules.outbound(net.ephemeral(), vpc(net));
        if (tier.getKind() == TierKind.PUBLIC) {
            rules.outboundToInternet(net.ephemeral());
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
        List<PortRange> pieces = new ArrayList<>();
        int from = range.getFrom();
        for (int port : REMOTE_ADMIN_PORTS) {
            if (port < from || port > range.getTo()) {
                continue;
            }
            if (port > from) {
                pieces.add(range.withBounds(from, port - 1));
            }
            from = port + 1;
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
