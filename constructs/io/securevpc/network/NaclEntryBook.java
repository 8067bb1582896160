package io.securevpc.network;

import io.securevpc.ErrorCode;
import io.securevpc.internal.Ipv4Cidr;
import io.securevpc.internal.Problems;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The book of every tier NACL's entries after the planned ones: which rule numbers are taken, the next free
 * allow number per direction (in the allow range of {@link NaclRuleNumbers}, after the planned allows, so every
 * block-list deny still comes first), the entry count per direction against the quota, and the IPv4 allows the
 * NACL already has, so the same entry is never added twice. Plain Java: {@link SecureVpc} creates the entries
 * this book numbers.
 */
final class NaclEntryBook {
    /** One IPv4 allow entry to add to a tier's NACL. */
    record Allow(boolean egress, PortRange ports, String cidr) {
    }

    /** An allow entry with the rule number the book gave it. */
    record Numbered(int ruleNumber, Allow allow) {
    }

    /** One tier NACL's page: next free allow numbers, entry counts per direction, numbers taken, allows held. */
    private static final class Page {
        private int nextInbound = NaclRuleNumbers.ALLOW_FIRST;
        private int nextOutbound = NaclRuleNumbers.ALLOW_FIRST;
        private int inbound;
        private int outbound;
        private final SortedSet<Integer> numbers = new TreeSet<>();
        private final Set<Allow> allows = new HashSet<>();
    }

    private final int quota;
    private final Map<String, Page> pages = new LinkedHashMap<>();

    /** @param quota the entries allowed per direction of one NACL ({@code naclEntryQuota}) */
    NaclEntryBook(final int quota) {
        this.quota = quota;
    }

    /** Opens a tier's page with the entries planned for its NACL. */
    void open(final String tier, final List<NaclPlan.Entry> planned) {
        Page page = new Page();
        for (NaclPlan.Entry e : planned) {
            page.numbers.add(e.ruleNumber());
            if (!e.deny() && !e.ipv6() && e.ports() != null) {
                page.allows.add(new Allow(e.egress(), e.ports(), e.cidr()));
            }
            if (e.egress()) {
                page.outbound++;
            } else {
                page.inbound++;
            }
            if (!e.deny() && e.egress()) {
                page.nextOutbound = Math.max(page.nextOutbound, e.ruleNumber() + NaclRuleNumbers.ALLOW_STEP);
            } else if (!e.deny()) {
                page.nextInbound = Math.max(page.nextInbound, e.ruleNumber() + NaclRuleNumbers.ALLOW_STEP);
            }
        }
        pages.put(tier, page);
    }

    /** @return the rule numbers taken in a tier's NACL, either direction, ascending. */
    SortedSet<Integer> numbers(final String tier) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(pages.get(tier).numbers));
    }

    /**
     * @return the entries the tier's NACL does not have yet (nor entries that cover them), each once, in the order
     *     given
     */
    List<Allow> fresh(final String tier, final List<Allow> entries) {
        Set<Allow> existing = pages.get(tier).allows;
        return entries.stream().distinct().filter(e -> !existing.contains(e) && !coveredByInternetEntries(e, existing))
                .toList();
    }

    /**
     * Whether the NACL already admits {@code e}: an entry of the same direction and ports whose block contains it, or
     * entries to or from 0.0.0.0/0 that admit every port of it but SSH and RDP (the pieces of a tier's return
     * traffic from the internet).
     */
    private static boolean coveredByInternetEntries(final Allow e, final Set<Allow> existing) {
        Optional<Ipv4Cidr> block = Ipv4Cidr.parse(e.cidr());
        if (block.isPresent() && existing.stream().anyMatch(x -> x.egress() == e.egress()
                && x.ports().equals(e.ports())
                && Ipv4Cidr.parse(x.cidr()).map(c -> c.contains(block.get())).orElse(false))) {
            return true;
        }
        // SSH and RDP are holes of a return range, never of a service port
        boolean returnRange = e.ports().getTo() - e.ports().getFrom() + 1 >= NaclPlan.MIN_RETURN_PIECE;
        int port = e.ports().getFrom();
        while (port <= e.ports().getTo()) {
            final int p = port;
            if (returnRange && (p == NaclPlan.REMOTE_ADMIN_PORTS[0] || p == NaclPlan.REMOTE_ADMIN_PORTS[1])) {
                port++;
                continue;
            }
            int next = existing.stream().filter(x -> x.egress() == e.egress() && NaclPlan.ANY_IPV4.equals(x.cidr())
                            && x.ports().getProtocol() == e.ports().getProtocol() && x.ports().contains(p))
                    .mapToInt(x -> x.ports().getTo() + 1).max().orElse(-1);
            if (next < 0) {
                return false;
            }
            port = next;
        }
        return true;
    }

    /**
     * Adds an {@code NACL_RULES} problem when the tier's NACL would hold more than the quota in a direction
     * after the fresh ones of {@code entries}.
     *
     * @param hint how to need fewer entries, or empty
     */
    void checkQuota(final String tier, final List<Allow> entries, final String hint, final Problems problems) {
        Page page = pages.get(tier);
        List<Allow> fresh = fresh(tier, entries);
        long addOut = fresh.stream().filter(Allow::egress).count();
        long addIn = fresh.size() - addOut;
        if (page.inbound + addIn > quota || page.outbound + addOut > quota) {
            problems.add(ErrorCode.NACL_RULES, "tiers[" + tier + "] NACL entries",
                    (page.inbound + addIn) + " inbound, " + (page.outbound + addOut) + " outbound",
                    "at most naclEntryQuota (" + quota + ") per direction; " + (hint.isEmpty() ? "" : hint + " or ")
                            + "raise the NACL rules quota and set naclEntryQuota");
        }
    }

    /**
     * Books the fresh ones of {@code entries} (the quota checked before), numbering each after the last allow of
     * its direction.
     *
     * @return the entries booked, with their numbers, in the order given
     */
    List<Numbered> add(final String tier, final List<Allow> entries) {
        Page page = pages.get(tier);
        List<Numbered> added = new ArrayList<>();
        for (Allow e : fresh(tier, entries)) {
            int number = e.egress() ? page.nextOutbound : page.nextInbound;
            page.allows.add(e);
            page.numbers.add(number);
            if (e.egress()) {
                page.nextOutbound += NaclRuleNumbers.ALLOW_STEP;
                page.outbound++;
            } else {
                page.nextInbound += NaclRuleNumbers.ALLOW_STEP;
                page.inbound++;
            }
            added.add(new Numbered(number, e));
        }
        return added;
    }

    /**
     * The entries that open a tier to external blocks: {@code outbound} to each block with ephemeral return
     * from it, {@code inbound} from each block with ephemeral return to it.
     *
     * @param towardsBlocks true when the tier's own instances reach the blocks (external traffic); false when
     *     the blocks are the instances whose packets cross the tier (a Transit Gateway attachment tier), which
     *     turns every direction around
     */
    static List<Allow> openTo(final List<String> cidrs, final List<PortRange> outbound, final List<PortRange> inbound,
                              final PortRange ephemeral, final boolean towardsBlocks) {
        boolean out = towardsBlocks;
        List<Allow> entries = new ArrayList<>();
        for (String cidr : cidrs) {
            outbound.forEach(p -> entries.add(new Allow(out, p, cidr)));
            inbound.forEach(p -> entries.add(new Allow(!out, p, cidr)));
            if (!outbound.isEmpty()) {
                entries.add(new Allow(!out, ephemeral, cidr));
            }
            if (!inbound.isEmpty()) {
                entries.add(new Allow(out, ephemeral, cidr));
            }
        }
        return entries;
    }

    /**
     * The entries that let {@code fromTiers} reach {@code tierName} on {@code ports}: inbound on that tier from
     * theirs with the responses back to them, outbound on theirs to it with the responses in from it, on the
     * ephemeral range minus their own ports where that tier is not one of their sources (BP-NET-4).
     *
     * @return one batch per tier, the reached tier first
     */
    static List<Map.Entry<String, List<Allow>>> tierTraffic(final String tierName, final List<String> fromTiers,
                                                           final List<PortRange> ports,
                                                           final Map<String, List<String>> tierCidrs,
                                                           final List<SubnetTier> tiers, final PortRange ephemeral) {
        List<Map.Entry<String, List<Allow>>> batches = new ArrayList<>();
        List<Allow> reached = new ArrayList<>();
        for (String from : fromTiers) {
            reached.addAll(each(tierCidrs.get(from), ports, false));
            reached.addAll(each(tierCidrs.get(from), List.of(ephemeral), true));
        }
        batches.add(Map.entry(tierName, reached));
        for (String from : fromTiers.stream().distinct().toList()) {
            SubnetTier source = tiers.stream().filter(t -> t.getName().equals(from)).findFirst().orElseThrow();
            boolean isSource = source.getKind() == TierKind.PUBLIC || source.getIngressFrom().isEmpty()
                    || source.getIngressFrom().contains(tierName);
            List<Allow> sending = new ArrayList<>(each(tierCidrs.get(tierName), ports, true));
            sending.addAll(each(tierCidrs.get(tierName), NaclPlan.returnPorts(source, ephemeral, isSource, false), false));
            batches.add(Map.entry(from, sending));
        }
        return batches;
    }

    /** @return one allow per block and port range, in the direction given. */
    static List<Allow> each(final List<String> cidrs, final List<PortRange> ports, final boolean egress) {
        List<Allow> entries = new ArrayList<>();
        cidrs.forEach(c -> ports.forEach(p -> entries.add(new Allow(egress, p, c))));
        return entries;
    }
}
