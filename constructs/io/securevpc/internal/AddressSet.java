package io.securevpc.internal;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A set of IPv4 and IPv6 addresses as sorted, merged intervals: what a set of CIDRs admits, compared by the
 * addresses it holds, not by its spelling. {@code 0.0.0.0/1} with {@code 128.0.0.0/1} is the whole IPv4
 * internet as much as {@code 0.0.0.0/0} is. Plain Java, immutable; used by the rules (security groups, NACL
 * entries) and by the NACL planning. Not API.
 *
 * <p>"Public" means outside the special-purpose ranges (RFC 6890: private, shared, loopback, link-local,
 * documentation, benchmarking, multicast and reserved IPv4; unspecified/mapped, unique-local, link-local,
 * documentation and multicast IPv6).
 */
public final class AddressSet {
    private static final int V4_BITS = 32;
    private static final int V6_BITS = 128;
    private static final Pattern IPV4 = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");
    private static final AddressSet EMPTY = new AddressSet(List.of(), List.of());
    private static final AddressSet ALL_V4 = of("0.0.0.0/0");
    private static final AddressSet ALL_V6 = of("::/0");
    private static final AddressSet NON_PUBLIC = of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8",
            "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15",
            "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/3", "::/8", "2001:db8::/32", "fc00::/7", "fe80::/10",
            "ff00::/8");

    /** An inclusive interval of addresses. */
    private record Range(BigInteger first, BigInteger last) {
        BigInteger size() {
            return last.subtract(first).add(BigInteger.ONE);
        }
    }

    private final List<Range> v4;
    private final List<Range> v6;

    private AddressSet(final List<Range> v4, final List<Range> v6) {
        this.v4 = List.copyOf(v4);
        this.v6 = List.copyOf(v6);
    }

    public static AddressSet empty() {
        return EMPTY;
    }

    /**
     * Parses one IPv4 or IPv6 CIDR; host bits are ignored (the network of {@code 10.0.0.1/8} is 10.0.0.0/8, as
     * EC2 stores a security-group rule). Empty when the text is no CIDR.
     */
    public static Optional<AddressSet> parse(final String cidr) {
        if (cidr == null) {
            return Optional.empty();
        }
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        String address = cidr.substring(0, slash).trim();
        boolean ipv6 = address.contains(":");
        if (!ipv6 && !IPV4.matcher(address).matches()) {
            return Optional.empty();
        }
        int prefix;
        try {
            prefix = Integer.parseInt(cidr.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        int bits = ipv6 ? V6_BITS : V4_BITS;
        if (prefix < 0 || prefix > bits) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            // a literal address is parsed, never looked up
            bytes = InetAddress.getByName(ipv6 ? address.replaceAll("%.*$", "") : address).getAddress();
        } catch (UnknownHostException | SecurityException e) {
            return Optional.empty();
        }
        if (bytes.length * 8 != bits) {
            return Optional.empty();
        }
        BigInteger value = new BigInteger(1, bytes);
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
        BigInteger first = value.andNot(hostMask);
        Range range = new Range(first, first.add(hostMask));
        return Optional.of(ipv6 ? new AddressSet(List.of(), List.of(range)) : new AddressSet(List.of(range), List.of()));
    }

    /** The union of CIDRs that are known to parse; throws {@link IllegalArgumentException} on one that does not. */
    public static AddressSet of(final String... cidrs) {
        AddressSet set = EMPTY;
        for (String c : cidrs) {
            set = set.union(parse(c).orElseThrow(() -> new IllegalArgumentException("not a CIDR: " + c)));
        }
        return set;
    }

    public static AddressSet union(final Collection<AddressSet> sets) {
        AddressSet set = EMPTY;
        for (AddressSet s : sets) {
            set = set.union(s);
        }
        return set;
    }

    public AddressSet union(final AddressSet other) {
        return new AddressSet(merge(v4, other.v4), merge(v6, other.v6));
    }

    public AddressSet minus(final AddressSet other) {
        return new AddressSet(subtract(v4, other.v4), subtract(v6, other.v6));
    }

    public boolean isEmpty() {
        return v4.isEmpty() && v6.isEmpty();
    }

    /** @return whether every address of {@code other} is in this set. */
    public boolean contains(final AddressSet other) {
        return other.minus(this).isEmpty();
    }

    public boolean overlaps(final AddressSet other) {
        return !minus(other).equals(this);
    }

    public boolean hasIpv4() {
        return !v4.isEmpty();
    }

    public boolean hasIpv6() {
        return !v6.isEmpty();
    }

    /** @return whether the set holds every IPv4 address. */
    public boolean coversAllIpv4() {
        return contains(ALL_V4);
    }

    /** @return whether the set holds every IPv6 address. */
    public boolean coversAllIpv6() {
        return contains(ALL_V6);
    }

    /** @return whether the set holds the whole IPv4 or the whole IPv6 internet. */
    public boolean coversInternet() {
        return coversAllIpv4() || coversAllIpv6();
    }

    /** @return the set's public addresses (see the class comment). */
    public AddressSet publicPart() {
        return minus(NON_PUBLIC);
    }

    /**
     * @return whether the set holds a contiguous public range at least as large as a CIDR of length
     *     {@code prefix} of its family (e.g. 8: 2^24 IPv4 or 2^120 IPv6 addresses)
     */
    public boolean hasPublicRangeOf(final int prefix) {
        AddressSet open = publicPart();
        BigInteger v4Size = BigInteger.ONE.shiftLeft(V4_BITS - Math.min(prefix, V4_BITS));
        BigInteger v6Size = BigInteger.ONE.shiftLeft(V6_BITS - Math.min(prefix, V6_BITS));
        return open.v4.stream().anyMatch(r -> r.size().compareTo(v4Size) >= 0)
                || open.v6.stream().anyMatch(r -> r.size().compareTo(v6Size) >= 0);
    }

    private static List<Range> merge(final List<Range> a, final List<Range> b) {
        List<Range> all = new ArrayList<>(a);
        all.addAll(b);
        all.sort(Comparator.comparing(Range::first));
        List<Range> out = new ArrayList<>();
        for (Range r : all) {
            Range last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && r.first().compareTo(last.last().add(BigInteger.ONE)) <= 0) {
                out.set(out.size() - 1, new Range(last.first(), last.last().max(r.last())));
            } else {
                out.add(r);
            }
        }
        return out;
    }

    private static List<Range> subtract(final List<Range> from, final List<Range> remove) {
        List<Range> out = new ArrayList<>(from);
        for (Range cut : remove) {
            List<Range> next = new ArrayList<>();
            for (Range r : out) {
                if (cut.last().compareTo(r.first()) < 0 || cut.first().compareTo(r.last()) > 0) {
                    next.add(r);
                    continue;
                }
                if (cut.first().compareTo(r.first()) > 0) {
                    next.add(new Range(r.first(), cut.first().subtract(BigInteger.ONE)));
                }
                if (cut.last().compareTo(r.last()) < 0) {
                    next.add(new Range(cut.last().add(BigInteger.ONE), r.last()));
                }
            }
            out = next;
        }
        return out;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof AddressSet s && s.v4.equals(v4) && s.v6.equals(v6);
    }

    @Override
    public int hashCode() {
        return v4.hashCode() * 31 + v6.hashCode();
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        v4.forEach(r -> parts.add("v4[" + r.first() + "-" + r.last() + "]"));
        v6.forEach(r -> parts.add("v6[" + r.first().toString(16) + "-" + r.last().toString(16) + "]"));
        return String.join(" ", parts);
    }
}
