package io.securevpc.nag.rules;

import io.securevpc.internal.AddressSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import org.jetbrains.annotations.NotNull;

/**
 * What a set of allow rules opens, judged by the union of their addresses rather than rule by rule
 * (BP-NET-2, BP-NET-4): {@code 0.0.0.0/1} and {@code 128.0.0.0/1} on port 22, in one rule each, open SSH to the
 * internet as {@code 0.0.0.0/0} does. One grant is one security-group rule or one NACL entry.
 */
public final class Exposure {
    /** Remote administration ports: SSH and RDP. */
    public static final List<Integer> ADMIN_PORTS = List.of(22, 3389);
    /** A public range this wide (or wider) on an administration port counts as open to the internet. */
    public static final int WIDE_ADMIN_PREFIX = 8;

    private Exposure() {
    }

    /** One allow rule: protocol name ({@link Net#protocol}), ports, addresses. */
    public record Grant(String protocol, Net.Ports ports, AddressSet addresses) {
        boolean admits(final String otherProtocol, final int port) {
            return ("all".equals(protocol) || protocol.equals(otherProtocol)) && ports.contains(port);
        }
    }

    /**
     * What {@code own} takes part in opening.
     *
     * @param port a port where it happens
     * @param world the union of the grants admitting that port covers the whole IPv4 or IPv6 internet
     * @param admin the port is an administration port
     */
    public record Opening(int port, boolean world, boolean admin) {
    }

    /**
     * @param own one grant of {@code all}
     * @param all every grant of the same group (or NACL and direction), {@code own} included
     * @param exemptWorld ports that may be open to the world (e.g. 80/443 of a public load balancer)
     * @return the worst opening {@code own} takes part in: the internet on an administration port, then the internet
     *     on another port not exempt, then a public range of /{@value #WIDE_ADMIN_PREFIX} or wider on an
     *     administration port; empty when none
     */
    public static @NotNull Optional<Opening> worst(final @NotNull Grant own, final @NotNull List<Grant> all,
                                                  final @NotNull IntPredicate exemptWorld) {
        String protocol = "all".equals(own.protocol()) ? "tcp" : own.protocol();
        Set<Integer> samples = new TreeSet<>();
        samples.add(own.ports().from());
        samples.add(own.ports().to());
        for (int p : List.of(22, 80, 443, 3389)) {
            samples.add(p);
        }
        for (Grant g : all) {
            samples.add(g.ports().from());
            samples.add(g.ports().to());
        }
        Opening worldOther = null;
        Opening wideAdmin = null;
        for (int port : samples) {
            if (!own.ports().contains(port)) {
                continue;
            }
            AddressSet union = AddressSet.union(all.stream().filter(g -> g.admits(protocol, port))
                    .map(Grant::addresses).toList()).union(own.addresses());
            // a grant of private addresses only never opens anything to the internet, whatever the others do
            AddressSet ownPublic = own.addresses().publicPart();
            boolean world = (union.coversAllIpv4() && ownPublic.hasIpv4())
                    || (union.coversAllIpv6() && ownPublic.hasIpv6());
            boolean admin = ADMIN_PORTS.contains(port) && !"icmp".equals(protocol) && !"icmpv6".equals(protocol);
            if (world && admin) {
                return Optional.of(new Opening(port, true, true));
            }
            if (world && !exemptWorld.test(port) && worldOther == null) {
                worldOther = new Opening(port, true, false);
            }
            if (admin && wideAdmin == null && union.hasPublicRangeOf(WIDE_ADMIN_PREFIX)
                    && own.addresses().overlaps(union.publicPart())) {
                wideAdmin = new Opening(port, false, true);
            }
        }
        return Optional.ofNullable(worldOther != null ? worldOther : wideAdmin);
    }

    /** @return how a message names the opening, e.g. {@code the internet on tcp 22}. */
    public static @NotNull String describe(final @NotNull Opening o, final @NotNull String protocol) {
        String what = o.world() ? "the internet" : "a public range of /" + WIDE_ADMIN_PREFIX + " or wider";
        return what + " on " + protocol + " " + o.port() + (o.admin() ? " (remote administration)" : "");
    }
}
