package io.securevpc.network;

import java.util.Objects;
import software.amazon.awscdk.services.ec2.AclTraffic;
import software.amazon.awscdk.services.ec2.Port;

/**
 * A protocol and an inclusive port range, used for both NACL entries and security-group rules.
 * Values are checked by the construct that receives them, so that every bad value of one props object is
 * reported together.
 */
public final class PortRange {
    /** IP protocols a tier rule can name. */
    public enum Protocol {
        TCP(6), UDP(17);

        private final int number;

        Protocol(final int number) {
            this.number = number;
        }

        /** @return the IANA protocol number. */
        public int number() {
            return number;
        }
    }

    /** The ports AWS NAT gateways and load balancers use for return traffic. */
    public static final PortRange EPHEMERAL = tcp(1024, 65535);

    private final Protocol protocol;
    private final int from;
    private final int to;

    private PortRange(final Protocol protocol, final int from, final int to) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.from = from;
        this.to = to;
    }

    public static PortRange tcp(final int port) {
        return new PortRange(Protocol.TCP, port, port);
    }

    public static PortRange tcp(final int from, final int to) {
        return new PortRange(Protocol.TCP, from, to);
    }

    public static PortRange udp(final int port) {
        return new PortRange(Protocol.UDP, port, port);
    }

    public static PortRange udp(final int from, final int to) {
        return new PortRange(Protocol.UDP, from, to);
    }

    public Protocol getProtocol() {
        return protocol;
    }

    public int getFrom() {
        return from;
    }

    public int getTo() {
        return to;
    }

    /** @return whether both ends are in 0-65535 and {@code from <= to}. */
    public boolean isValid() {
        return from >= 0 && to <= 65535 && from <= to;
    }

    public boolean contains(final int port) {
        return port >= from && port <= to;
    }

    /** @return the same protocol over {@code [from, to]}. */
    PortRange withBounds(final int newFrom, final int newTo) {
        return new PortRange(protocol, newFrom, newTo);
    }

    AclTraffic toAclTraffic() {
        if (protocol == Protocol.TCP) {
            return from == to ? AclTraffic.tcpPort(from) : AclTraffic.tcpPortRange(from, to);
        }
        return from == to ? AclTraffic.udpPort(from) : AclTraffic.udpPortRange(from, to);
    }

    Port toPort() {
        if (protocol == Protocol.TCP) {
            return from == to ? Port.tcp(from) : Port.tcpRange(from, to);
        }
        return from == to ? Port.udp(from) : Port.udpRange(from, to);
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof PortRange p && p.protocol == protocol && p.from == from && p.to == to;
    }

    @Override
    public int hashCode() {
        return Objects.hash(protocol, from, to);
    }

    @Override
    public String toString() {
        return protocol.name().toLowerCase() + " " + (from == to ? String.valueOf(from) : from + "-" + to);
    }
}
