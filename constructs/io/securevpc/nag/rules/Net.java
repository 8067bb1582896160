package io.securevpc.nag.rules;

import io.securevpc.internal.Ipv4Cidr;
import java.util.Optional;
import org.jetbrains.annotations.NotNull;

/** Address and port helpers shared by the network rules. */
public final class Net {
    public static final String ANY_IPV4 = "0.0.0.0/0";
    public static final String ANY_IPV6 = "::/0";
    /** The ephemeral range a NACL must let return traffic through (AWS's recommendation for NACLs). */
    public static final int EPHEMERAL_FROM = 1024;
    public static final int EPHEMERAL_TO = 65535;

    private Net() {
    }

    /** @return whether the CIDR is the whole IPv4 or IPv6 internet. */
    public static boolean isWorld(final String cidr) {
        return ANY_IPV4.equals(cidr) || ANY_IPV6.equals(cidr) || "::0/0".equals(cidr);
    }

    public static boolean isIpv6(final String cidr) {
        return cidr != null && cidr.contains(":");
    }

    /** @return whether {@code outer} contains {@code inner}; IPv6 only when equal or {@code outer} is ::/0. */
    public static boolean covers(final String outer, final String inner) {
        if (outer.equals(inner)) {
            return true;
        }
        if (isIpv6(outer) || isIpv6(inner)) {
            return isIpv6(outer) && isIpv6(inner) && isWorld(outer);
        }
        Optional<Ipv4Cidr> o = Ipv4Cidr.parse(outer);
        Optional<Ipv4Cidr> i = Ipv4Cidr.parse(inner);
        return o.isPresent() && i.isPresent() && o.get().contains(i.get());
    }

    /** @return whether the two CIDRs share an address (equal strings for IPv6 unless one is ::/0). */
    public static boolean overlaps(final String a, final String b) {
        if (a.equals(b)) {
            return true;
        }
        if (isIpv6(a) || isIpv6(b)) {
            return isIpv6(a) && isIpv6(b) && (isWorld(a) || isWorld(b));
        }
        Optional<Ipv4Cidr> x = Ipv4Cidr.parse(a);
        Optional<Ipv4Cidr> y = Ipv4Cidr.parse(b);
        return x.isPresent() && y.isPresent() && x.get().overlaps(y.get());
    }

    /** An inclusive port range; {@code ALL} for every port. */
    public record Ports(int from, int to) {
        public static final Ports ALL = new Ports(0, 65535);

        public boolean contains(final int port) {
            return from <= port && port <= to;
        }

        public boolean covers(final Ports other) {
            return from <= other.from && other.to <= to;
        }

        public boolean isAll() {
            return from <= 0 && to >= 65535;
        }

        @Override
        public String toString() {
            return from == to ? String.valueOf(from) : from + "-" + to;
        }
    }

    /**
     * @return the protocol as a name: {@code all}, {@code tcp}, {@code udp}, {@code icmp}, {@code icmpv6} or the
     *     number as given
     */
    public static @NotNull String protocol(final String raw) {
        return switch (raw == null ? "" : raw.toLowerCase()) {
            case "-1", "all" -> "all";
            case "6", "tcp" -> "tcp";
            case "17", "udp" -> "udp";
            case "1", "icmp" -> "icmp";
            case "58", "icmpv6" -> "icmpv6";
            default -> raw;
        };
    }
}
