package io.securevpc.connectivity;

import io.securevpc.internal.RequiredProps;
import io.securevpc.network.PortRange;
import io.securevpc.network.ISecureVpc;
import java.util.List;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.services.iam.IRole;

/** Props of {@link VpcPeering}. Immutable; build with {@link #builder()}. */
public final class VpcPeeringProps {
    private final ISecureVpc secureVpc;
    private final String peerVpcId;
    private final ISecureVpc peerSecureVpc;
    private final List<String> peerRouteTiers;
    private final List<String> peerCidrs;
    private final List<String> routeTiers;
    private final List<PortRange> outboundPorts;
    private final List<PortRange> inboundPorts;
    private final String peerOwnerId;
    private final String peerRegion;
    private final IRole peerRole;

    private VpcPeeringProps(final Builder b) {
        RequiredProps.of("VpcPeeringProps").require("secureVpc", b.secureVpc)
                .elements("peerRouteTiers", b.peerRouteTiers)
                .elements("peerCidrs", b.peerCidrs)
                .elements("routeTiers", b.routeTiers)
                .elements("outboundPorts", b.outboundPorts)
                .elements("inboundPorts", b.inboundPorts)
                .check();
        this.secureVpc = b.secureVpc;
        this.peerVpcId = b.peerVpcId;
        this.peerSecureVpc = b.peerSecureVpc;
        this.peerRouteTiers = b.peerRouteTiers == null ? null : List.copyOf(b.peerRouteTiers);
        this.peerCidrs = b.peerCidrs == null ? null : List.copyOf(b.peerCidrs);
        this.routeTiers = b.routeTiers == null ? List.of() : List.copyOf(b.routeTiers);
        this.outboundPorts = b.outboundPorts == null ? null : List.copyOf(b.outboundPorts);
        this.inboundPorts = b.inboundPorts == null ? null : List.copyOf(b.inboundPorts);
        this.peerOwnerId = b.peerOwnerId;
        this.peerRegion = b.peerRegion;
        this.peerRole = b.peerRole;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The requester VPC. */
    public @NotNull ISecureVpc getSecureVpc() {
        return secureVpc;
    }

    /**
     * The accepter VPC's id, for a VPC outside the app; give either this or {@link #getPeerSecureVpc()}.
     *
     * @default - the id of {@link #getPeerSecureVpc()}
     */
    public @Nullable String getPeerVpcId() {
        return peerVpcId;
    }

    /**
     * The accepter, when it is a SecureVpc of this app in the same account and region: the peering then also
     * gets the accepter's side, routes in {@link #getPeerRouteTiers()} back to this VPC's route tiers only and
     * the matching NACL entries on those tiers. Give either this or {@link #getPeerVpcId()}.
     *
     * @default - the accepter is a VPC outside the app ({@link #getPeerVpcId()}): its routes and NACLs are its
     *     owner's
     */
    public @Nullable ISecureVpc getPeerSecureVpc() {
        return peerSecureVpc;
    }

    /**
     * The accepter's private or isolated tiers that get routes back to this VPC's route tiers (and the NACL
     * entries); required with {@link #getPeerSecureVpc()}, not allowed without it.
     *
     * @default - no route back: the accepter's routes are its owner's
     */
    public @Nullable List<String> getPeerRouteTiers() {
        return peerRouteTiers;
    }

    /**
     * The peer's blocks this VPC routes to, each specific (no 0.0.0.0/0) and outside this VPC. Required with
     * {@link #getPeerVpcId()}.
     *
     * @default - with {@link #getPeerSecureVpc()}, the blocks of its {@link #getPeerRouteTiers()}
     */
    public @Nullable List<String> getPeerCidrs() {
        return peerCidrs;
    }

    /** The private or isolated tiers whose route tables get the routes (and whose NACLs the entries). Required. */
    public @NotNull List<String> getRouteTiers() {
        return routeTiers;
    }

    /**
     * Ports the route tiers open to the peer (NACL outbound plus ephemeral return; with {@link #getPeerSecureVpc()},
     * the peer route tiers serve them).
     *
     * @default - tcp 443
     */
    public @Nullable List<PortRange> getOutboundPorts() {
        return outboundPorts;
    }

    /**
     * Ports the route tiers serve to the peer (NACL inbound plus ephemeral return; with {@link #getPeerSecureVpc()},
     * the peer route tiers open them).
     *
     * @default - no port is served to the peer: the route tiers only reach out
     */
    public @Nullable List<PortRange> getInboundPorts() {
        return inboundPorts;
    }

    /**
     * The peer's account, for a cross-account peering (then {@link #getPeerRole()} is required); not with
     * {@link #getPeerSecureVpc()}.
     *
     * @default - this account
     */
    public @Nullable String getPeerOwnerId() {
        return peerOwnerId;
    }

    /**
     * The peer's region, for an inter-region peering; not with {@link #getPeerSecureVpc()}.
     *
     * @default - this region
     */
    public @Nullable String getPeerRegion() {
        return peerRegion;
    }

    /**
     * The role in the peer account that accepts the peering.
     *
     * @default - no role: the peering is within this account and accepted by this stack
     */
    public @Nullable IRole getPeerRole() {
        return peerRole;
    }

    /** Builder of {@link VpcPeeringProps}. */
    public static final class Builder {
        private ISecureVpc secureVpc;
        private String peerVpcId;
        private ISecureVpc peerSecureVpc;
        private List<String> peerRouteTiers;
        private List<String> peerCidrs;
        private List<String> routeTiers;
        private List<PortRange> outboundPorts;
        private List<PortRange> inboundPorts;
        private String peerOwnerId;
        private String peerRegion;
        private IRole peerRole;

        public Builder secureVpc(final @NotNull ISecureVpc secureVpc) {
            this.secureVpc = secureVpc;
            return this;
        }

        public Builder peerVpcId(final @Nullable String peerVpcId) {
            this.peerVpcId = peerVpcId;
            return this;
        }

        public Builder peerSecureVpc(final @Nullable ISecureVpc peerSecureVpc) {
            this.peerSecureVpc = peerSecureVpc;
            return this;
        }

        public Builder peerRouteTiers(final @Nullable List<String> peerRouteTiers) {
            this.peerRouteTiers = peerRouteTiers;
            return this;
        }

        public Builder peerCidrs(final @Nullable List<String> peerCidrs) {
            this.peerCidrs = peerCidrs;
            return this;
        }

        public Builder routeTiers(final @NotNull List<String> routeTiers) {
            this.routeTiers = routeTiers;
            return this;
        }

        public Builder outboundPorts(final @Nullable List<PortRange> outboundPorts) {
            this.outboundPorts = outboundPorts;
            return this;
        }

        public Builder inboundPorts(final @Nullable List<PortRange> inboundPorts) {
            this.inboundPorts = inboundPorts;
            return this;
        }

        public Builder peerOwnerId(final @Nullable String peerOwnerId) {
            this.peerOwnerId = peerOwnerId;
            return this;
        }

        public Builder peerRegion(final @Nullable String peerRegion) {
            this.peerRegion = peerRegion;
            return this;
        }

        public Builder peerRole(final @Nullable IRole peerRole) {
            this.peerRole = peerRole;
            return this;
        }

        public VpcPeeringProps build() {
            return new VpcPeeringProps(this);
        }
    }
}
