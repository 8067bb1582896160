package io.securevpc.connectivity;

import io.securevpc.internal.RequiredProps;
import io.securevpc.network.PortRange;
import io.securevpc.network.ISecureVpc;
import java.util.List;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/** Props of {@link TransitGatewayAttachment}. Immutable; build with {@link #builder()}. */
public final class TransitGatewayAttachmentProps {
    private final ISecureVpc secureVpc;
    private final String transitGatewayId;
    private final TransitGateway transitGateway;
    private final String attachmentTier;
    private final List<String> destinationCidrs;
    private final List<String> routeTiers;
    private final List<PortRange> outboundPorts;
    private final List<PortRange> inboundPorts;
    private final Boolean applianceMode;

    private TransitGatewayAttachmentProps(final Builder b) {
        RequiredProps.of("TransitGatewayAttachmentProps").require("secureVpc", b.secureVpc)
                .require("attachmentTier", b.attachmentTier)
                .elements("destinationCidrs", b.destinationCidrs)
                .elements("routeTiers", b.routeTiers)
                .elements("outboundPorts", b.outboundPorts)
                .elements("inboundPorts", b.inboundPorts)
                .check();
        this.secureVpc = b.secureVpc;
        this.transitGatewayId = b.transitGatewayId;
        this.transitGateway = b.transitGateway;
        this.attachmentTier = b.attachmentTier;
        this.destinationCidrs = b.destinationCidrs == null ? List.of() : List.copyOf(b.destinationCidrs);
        this.routeTiers = b.routeTiers == null ? List.of() : List.copyOf(b.routeTiers);
        this.outboundPorts = b.outboundPorts == null ? null : List.copyOf(b.outboundPorts);
        this.inboundPorts = b.inboundPorts == null ? null : List.copyOf(b.inboundPorts);
        this.applianceMode = b.applianceMode;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The VPC to attach. */
    public @NotNull ISecureVpc getSecureVpc() {
        return secureVpc;
    }

    /**
     * An existing Transit Gateway outside the app (e.g. shared from a network account), whose route tables its
     * owner manages; not with {@link #getTransitGateway()}.
     *
     * @default - the attachment uses {@link #getTransitGateway()}, or a new Transit Gateway of its own
     */
    public @Nullable String getTransitGatewayId() {
        return transitGatewayId;
    }

    /**
     * A Transit Gateway of the app: the attachment gets a route table of its own on it, with nothing propagated
     * into it (segmentation, BP-MV-1); not with {@link #getTransitGatewayId()}.
     *
     * @default - when no transitGatewayId is given either, a new {@link TransitGateway} for this attachment
     */
    public @Nullable TransitGateway getTransitGateway() {
        return transitGateway;
    }

    /** The private or isolated tier whose subnets (one per AZ) hold the attachment's interfaces. Required. */
    public @NotNull String getAttachmentTier() {
        return attachmentTier;
    }

    /** Blocks routed to the Transit Gateway: specific, outside the VPC, not routed by another connection. */
    public @NotNull List<String> getDestinationCidrs() {
        return destinationCidrs;
    }

    /** Private or isolated tiers whose route tables (and NACLs) get the routes (and entries). Required. */
    public @NotNull List<String> getRouteTiers() {
        return routeTiers;
    }

    /**
     * Ports the route tiers open to the destinations (NACL outbound plus ephemeral return).
     *
     * @default - tcp 443
     */
    public @Nullable List<PortRange> getOutboundPorts() {
        return outboundPorts;
    }

    /**
     * Ports the route tiers serve to the destinations (NACL inbound plus ephemeral return).
     *
     * @default - no port is served to the destinations: the route tiers only reach out
     */
    public @Nullable List<PortRange> getInboundPorts() {
        return inboundPorts;
    }

    /**
     * Appliance mode: keeps both directions of a flow in one AZ, for inspection appliances in this VPC.
     *
     * @default - false: each direction of a flow may cross another AZ
     */
    public @Nullable Boolean getApplianceMode() {
        return applianceMode;
    }

    /** Builder of {@link TransitGatewayAttachmentProps}. */
    public static final class Builder {
        private ISecureVpc secureVpc;
        private String transitGatewayId;
        private TransitGateway transitGateway;
        private String attachmentTier;
        private List<String> destinationCidrs;
        private List<String> routeTiers;
        private List<PortRange> outboundPorts;
        private List<PortRange> inboundPorts;
        private Boolean applianceMode;

        public Builder secureVpc(final @NotNull ISecureVpc secureVpc) {
            this.secureVpc = secureVpc;
            return this;
        }

        public Builder transitGatewayId(final @Nullable String transitGatewayId) {
            this.transitGatewayId = transitGatewayId;
            return this;
        }

        public Builder transitGateway(final @Nullable TransitGateway transitGateway) {
            this.transitGateway = transitGateway;
            return this;
        }

        public Builder attachmentTier(final @NotNull String attachmentTier) {
            this.attachmentTier = attachmentTier;
            return this;
        }

        public Builder destinationCidrs(final @NotNull List<String> destinationCidrs) {
            this.destinationCidrs = destinationCidrs;
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

        public Builder applianceMode(final @Nullable Boolean applianceMode) {
            this.applianceMode = applianceMode;
            return this;
        }

        public TransitGatewayAttachmentProps build() {
            return new TransitGatewayAttachmentProps(this);
        }
    }
}
