package io.securevpc.network;

import io.securevpc.internal.RequiredProps;
import java.util.List;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;

/**
 * One subnet tier: a subnet of the same kind and size in every Availability Zone, with its own route
 * table per subnet and one network ACL for the whole tier (BP-NET-1, BP-NET-3, BP-NET-4).
 *
 * <p>A tier declares what it serves ({@link #getIngressPorts()} from {@link #getIngressFrom()}) and what
 * it reaches beyond the VPC ({@link #getEgressPorts()}). The NACLs of every tier are derived from these
 * declarations: a tier that accepts a port from another tier gets the inbound entry, the other tier gets
 * the matching outbound entry, and both get the ephemeral-port return entries (NACLs are stateless).
 */
public final class SubnetTier {
    private final String name;
    private final TierKind kind;
    private final int cidrMask;
    private final List<PortRange> ingressPorts;
    private final List<String> ingressFrom;
    private final List<PortRange> healthCheckPorts;
    private final List<PortRange> egressPorts;
    private final boolean reserved;
    private final List<String> gatewayEndpointCidrs;
    private final boolean gatewayEndpointReturnFromAnywhere;

    private SubnetTier(final Builder b) {
        RequiredProps.of("SubnetTier").require("name", b.name).require("kind", b.kind)
                .elements("ingressPorts", b.ingressPorts)
                .elements("ingressFrom", b.ingressFrom)
                .elements("healthCheckPorts", b.healthCheckPorts)
                .elements("egressPorts", b.egressPorts)
                .elements("gatewayEndpointCidrs", b.gatewayEndpointCidrs)
                .check();
        this.name = b.name;
        this.kind = b.kind;
        this.cidrMask = b.cidrMask != null ? b.cidrMask : 24;
        this.ingressPorts = b.ingressPorts != null ? List.copyOf(b.ingressPorts)
                : kind == TierKind.PUBLIC ? List.of(PortRange.tcp(443)) : List.of();
        this.ingressFrom = b.ingressFrom != null ? List.copyOf(b.ingressFrom) : List.of();
        this.healthCheckPorts = b.healthCheckPorts != null ? List.copyOf(b.healthCheckPorts) : List.of();
        this.egressPorts = b.egressPorts != null ? List.copyOf(b.egressPorts)
                : kind == TierKind.PRIVATE_WITH_EGRESS ? List.of(PortRange.tcp(443)) : List.of();
        this.reserved = Boolean.TRUE.equals(b.reserved);
        this.gatewayEndpointCidrs = b.gatewayEndpointCidrs != null ? List.copyOf(b.gatewayEndpointCidrs) : List.of();
        this.gatewayEndpointReturnFromAnywhere = Boolean.TRUE.equals(b.gatewayEndpointReturnFromAnywhere);
    }

    public static Builder builder(final String name, final TierKind kind) {
        return new Builder().name(name).kind(kind);
    }

    /** @return the tier's name: the CDK subnet group name, used in construct ids and outputs. */
    public @NotNull String getName() {
        return name;
    }

    public @NotNull TierKind getKind() {
        return kind;
    }

    /** @return the prefix length of each of the tier's subnets. */
    public int getCidrMask() {
        return cidrMask;
    }

    /** @return the ports this tier serves to {@link #getIngressFrom()} (for a public tier: to the internet). */
    public @NotNull List<PortRange> getIngressPorts() {
        return ingressPorts;
    }

    /**
     * @return the names of the tiers allowed to reach {@link #getIngressPorts()}; empty means the whole VPC.
     *     Ignored for public tiers, whose ingress comes from the internet.
     */
    public @NotNull List<String> getIngressFrom() {
        return ingressFrom;
    }

    /** @return extra ports opened to the same sources for load-balancer health checks (BP-NET-9). */
    public @NotNull List<PortRange> getHealthCheckPorts() {
        return healthCheckPorts;
    }

    /**
     * @return the ports this tier may connect to beyond the VPC: through NAT or a Transit Gateway for a
     *     private-with-egress tier, through gateway endpoints (S3, DynamoDB) for an isolated tier, whose
     *     route table has no other path out (then to {@link #getGatewayEndpointCidrs()} only).
     */
    public @NotNull List<PortRange> getEgressPorts() {
        return egressPorts;
    }

    /**
     * @return the IPv4 ranges an isolated tier's {@link #getEgressPorts()} reach through gateway endpoints: the
     *     regional ranges of S3 and DynamoDB (the entries of their AWS-managed prefix lists). The NACL sends the
     *     egress ports to them and takes the return traffic from them, never from 0.0.0.0/0 (BP-NET-4, BP-EP-2).
     * @default - none: an isolated tier with egress ports must name them, or set
     *     {@link #isGatewayEndpointReturnFromAnywhere()}
     */
    public @NotNull List<String> getGatewayEndpointCidrs() {
        return gatewayEndpointCidrs;
    }

    /**
     * @return whether an isolated tier with egress ports and no {@link #getGatewayEndpointCidrs()} sends them to
     *     0.0.0.0/0 and takes the return traffic from 0.0.0.0/0 on the ephemeral ports (minus SSH, RDP and the
     *     tier's own ports). A weakening: it warns, and tags the NACL for BlueprintChecks'
     *     NetworkAclNoWorldInboundWithoutInternetRoute.
     * @default - false: an isolated tier's egress ports need {@link #getGatewayEndpointCidrs()}
     */
    public boolean isGatewayEndpointReturnFromAnywhere() {
        return gatewayEndpointReturnFromAnywhere;
    }

    /** @return whether the tier's address space is reserved for later, with no subnet created yet. */
    public boolean isReserved() {
        return reserved;
    }

    /**
     * @return the tier as the CDK {@code Vpc} lays it out: {@code mapPublicIpOnLaunch} false in a public tier, and
     *     in a dual-stack VPC no IPv6 address assigned on creation
     */
    SubnetConfiguration subnetConfiguration(final boolean ipv6) {
        SubnetConfiguration.Builder b = SubnetConfiguration.builder()
                .name(name)
                .subnetType(kind.subnetType())
                .cidrMask(getCidrMask())
                .mapPublicIpOnLaunch(kind == TierKind.PUBLIC ? false : null)
                .reserved(isReserved());
        if (ipv6) {
            // IPv6 addresses are globally unique: like public IPv4 addresses, they are never auto-assigned.
            // Workloads that need one ask for it explicitly (launch template, ENI).
            b.ipv6AssignAddressOnCreation(false);
        }
        return b.build();
    }

    /** Builder of {@link SubnetTier}. */
    public static final class Builder {
        private String name;
        private TierKind kind;
        private Integer cidrMask;
        private List<PortRange> ingressPorts;
        private List<String> ingressFrom;
        private List<PortRange> healthCheckPorts;
        private List<PortRange> egressPorts;
        private Boolean reserved;
        private List<String> gatewayEndpointCidrs;
        private Boolean gatewayEndpointReturnFromAnywhere;

        /** @param name the tier's name: letters, digits and dashes, starting with a letter. */
        public Builder name(final String name) {
            this.name = name;
            return this;
        }

        public Builder kind(final TierKind kind) {
            this.kind = kind;
            return this;
        }

        /**
         * @param cidrMask prefix length of each subnet, 16-28.
         *     {@code @default} 24
         */
        public Builder cidrMask(final @Nullable Integer cidrMask) {
            this.cidrMask = cidrMask;
            return this;
        }

        /**
         * @param ports the ports the tier serves.
         *     {@code @default} tcp 443 for a public tier, none for other tiers
         */
        public Builder ingressPorts(final @Nullable List<PortRange> ports) {
            this.ingressPorts = ports;
            return this;
        }

        /**
         * @param tierNames tiers allowed to reach the ingress ports.
         *     {@code @default} the whole VPC
         */
        public Builder ingressFrom(final @Nullable List<String> tierNames) {
            this.ingressFrom = tierNames;
            return this;
        }

        /**
         * @param ports health-check ports opened to the ingress sources (BP-NET-9).
         *     {@code @default} none beyond the ingress ports
         */
        public Builder healthCheckPorts(final @Nullable List<PortRange> ports) {
            this.healthCheckPorts = ports;
            return this;
        }

        /**
         * @param ports the ports the tier may reach beyond the VPC.
         *     {@code @default} tcp 443 for a private-with-egress tier, none for isolated and public tiers
         */
        public Builder egressPorts(final @Nullable List<PortRange> ports) {
            this.egressPorts = ports;
            return this;
        }

        /**
         * @param reserved reserve the tier's address space without creating subnets.
         *     {@code @default} false
         */
        public Builder reserved(final @Nullable Boolean reserved) {
            this.reserved = reserved;
            return this;
        }

        /**
         * @param cidrs the IPv4 ranges an isolated tier's egress ports reach through gateway endpoints (the entries
         *     of the S3/DynamoDB prefix lists of the region).
         *     {@code @default} none
         */
        public Builder gatewayEndpointCidrs(final @Nullable List<String> cidrs) {
            this.gatewayEndpointCidrs = cidrs;
            return this;
        }

        /**
         * @param fromAnywhere weakening: an isolated tier's egress ports go to 0.0.0.0/0 and their return traffic comes
         *     from 0.0.0.0/0 when the gateway endpoints' ranges are not named. Warns at synth.
         *     {@code @default} false
         */
        public Builder gatewayEndpointReturnFromAnywhere(final @Nullable Boolean fromAnywhere) {
            this.gatewayEndpointReturnFromAnywhere = fromAnywhere;
            return this;
        }

        public SubnetTier build() {
            return new SubnetTier(this);
        }
    }
}
