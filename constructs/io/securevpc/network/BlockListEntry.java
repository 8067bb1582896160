package io.securevpc.network;

import io.securevpc.internal.RequiredProps;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * An address range, optionally narrowed to ports, that every tier's NACL denies in both directions, at
 * rule numbers below every allow entry (BP-NET-5).
 */
public final class BlockListEntry {
    private final String cidr;
    private final PortRange ports;
    private final String reason;

    private BlockListEntry(final String cidr, final PortRange ports, final String reason) {
        this.cidr = cidr;
        this.ports = ports;
        this.reason = reason;
    }

    /** Denies all traffic to and from an IPv4 or IPv6 CIDR. */
    public static BlockListEntry cidr(final String cidr, final String reason) {
        RequiredProps.of("BlockListEntry").require("cidr", cidr).check();
        return new BlockListEntry(cidr, null, reason);
    }

    /** Denies the given ports to and from an IPv4 or IPv6 CIDR. */
    public static BlockListEntry cidr(final String cidr, final PortRange ports, final String reason) {
        RequiredProps.of("BlockListEntry").require("cidr", cidr).require("ports", ports).check();
        return new BlockListEntry(cidr, ports, reason);
    }

    public @NotNull String getCidr() {
        return cidr;
    }

    /** @return the ports denied; {@code null} means all traffic. */
    public @Nullable PortRange getPorts() {
        return ports;
    }

    /** @return why the range is blocked (kept in the synthesized template's metadata). */
    public @Nullable String getReason() {
        return reason;
    }

    boolean isIpv6() {
        return cidr.contains(":");
    }
}
