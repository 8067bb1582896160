package io.securevpc.connectivity;

import io.securevpc.internal.RequiredProps;
import io.securevpc.network.PortRange;
import io.securevpc.network.ISecureVpc;
import java.util.List;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.services.logs.RetentionDays;

/** Props of {@link SiteToSiteVpn}. Immutable; build with {@link #builder()}. */
public final class SiteToSiteVpnProps {
    private final ISecureVpc secureVpc;
    private final String customerGatewayIp;
    private final Integer customerGatewayAsn;
    private final List<String> onPremisesCidrs;
    private final Boolean staticRouting;
    private final List<String> routeTiers;
    private final List<PortRange> outboundPorts;
    private final List<PortRange> inboundPorts;
    private final Boolean tunnelLogs;
    private final RetentionDays tunnelLogRetention;

    private SiteToSiteVpnProps(final Builder b) {
        RequiredProps.of("SiteToSiteVpnProps").require("secureVpc", b.secureVpc)
                .require("customerGatewayIp", b.customerGatewayIp)
                .elements("onPremisesCidrs", b.onPremisesCidrs)
                .elements("routeTiers", b.routeTiers)
                .elements("outboundPorts", b.outboundPorts)
                .elements("inboundPorts", b.inboundPorts)
                .check();
        this.secureVpc = b.secureVpc;
        this.customerGatewayIp = b.customerGatewayIp;
        this.customerGatewayAsn = b.customerGatewayAsn;
        this.onPremisesCidrs = b.onPremisesCidrs == null ? List.of() : List.copyOf(b.onPremisesCidrs);
        this.staticRouting = b.staticRouting;
        this.routeTiers = b.routeTiers == null ? List.of() : List.copyOf(b.routeTiers);
        this.outboundPorts = b.outboundPorts == null ? null : List.copyOf(b.outboundPorts);
        this.inboundPorts = b.inboundPorts == null ? null : List.copyOf(b.inboundPorts);
        this.tunnelLogs = b.tunnelLogs;
        this.tunnelLogRetention = b.tunnelLogRetention;
    }

    /**
     * Whether both tunnels' logs (IKE negotiation, tunnel up and down, dead-peer detection; JSON) go to a CloudWatch
     * Logs group under the VPC's flow-log key (BP-MON-1). False is a weakening and warns at synth.
     *
     * @default - true
     */
    public @Nullable Boolean getTunnelLogs() {
        return tunnelLogs;
    }

    /**
     * How long the tunnel logs are kept: pass the VPC's flow-log retention when it sets one.
     *
     * @default - one year, SecureVpc's default flow-log retention
     */
    public @Nullable RetentionDays getTunnelLogRetention() {
        return tunnelLogRetention;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The VPC the virtual private gateway attaches to. */
    public @NotNull ISecureVpc getSecureVpc() {
        return secureVpc;
    }

    /** The public IPv4 address of the on-premises VPN device. */
    public @NotNull String getCustomerGatewayIp() {
        return customerGatewayIp;
    }

    /**
     * The on-premises device's BGP ASN.
     *
     * @default - 65000, a private ASN
     */
    public @Nullable Integer getCustomerGatewayAsn() {
        return customerGatewayAsn;
    }

    /** The on-premises blocks: static routes (with static routing) and NACL entries. Required. */
    public @NotNull List<String> getOnPremisesCidrs() {
        return onPremisesCidrs;
    }

    /**
     * Static routes to {@link #getOnPremisesCidrs()} instead of BGP.
     *
     * @default - false: routes are learned over BGP
     */
    public @Nullable Boolean getStaticRouting() {
        return staticRouting;
    }

    /** Private or isolated tiers whose route tables get the VPN routes propagated. Required. */
    public @NotNull List<String> getRouteTiers() {
        return routeTiers;
    }

    /**
     * Ports the route tiers open to on-premises (NACL outbound plus ephemeral return).
     *
     * @default - tcp 443
     */
    public @Nullable List<PortRange> getOutboundPorts() {
        return outboundPorts;
    }

    /**
     * Ports the route tiers serve to on-premises (NACL inbound plus ephemeral return).
     *
     * @default - tcp 443
     */
    public @Nullable List<PortRange> getInboundPorts() {
        return inboundPorts;
    }

    /** Builder of {@link SiteToSiteVpnProps}. */
    public static final class Builder {
        private ISecureVpc secureVpc;
        private String customerGatewayIp;
        private Integer customerGatewayAsn;
        private List<String> onPremisesCidrs;
        private Boolean staticRouting;
        private List<String> routeTiers;
        private List<PortRange> outboundPorts;
        private List<PortRange> inboundPorts;
        private Boolean tunnelLogs;
        private RetentionDays tunnelLogRetention;

        public Builder secureVpc(final @NotNull ISecureVpc secureVpc) {
            this.secureVpc = secureVpc;
            return this;
        }

        public Builder customerGatewayIp(final @NotNull String customerGatewayIp) {
            this.customerGatewayIp = customerGatewayIp;
            return this;
        }

        public Builder customerGatewayAsn(final @Nullable Integer customerGatewayAsn) {
            this.customerGatewayAsn = customerGatewayAsn;
            return this;
        }

        public Builder onPremisesCidrs(final @NotNull List<String> onPremisesCidrs) {
            this.onPremisesCidrs = onPremisesCidrs;
            return this;
        }

        public Builder staticRouting(final @Nullable Boolean staticRouting) {
            this.staticRouting = staticRouting;
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

        /** @see SiteToSiteVpnProps#getTunnelLogs() */
        public Builder tunnelLogs(final @Nullable Boolean tunnelLogs) {
            this.tunnelLogs = tunnelLogs;
            return this;
        }

        /** @see SiteToSiteVpnProps#getTunnelLogRetention() */
        public Builder tunnelLogRetention(final @Nullable RetentionDays tunnelLogRetention) {
            this.tunnelLogRetention = tunnelLogRetention;
            return this;
        }

        public SiteToSiteVpnProps build() {
            return new SiteToSiteVpnProps(this);
        }
    }
}
