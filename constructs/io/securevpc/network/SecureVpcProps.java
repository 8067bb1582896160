package io.securevpc.network;

import io.securevpc.ErrorCode;
import io.securevpc.internal.AwsIds;
import io.securevpc.internal.Problems;
import io.securevpc.internal.RequiredProps;
import java.util.List;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.services.ec2.FlowLogMaxAggregationInterval;
import software.amazon.awscdk.services.ec2.IIpAddresses;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.IBucket;

/**
 * Props of {@link SecureVpc}. Every default is the secure choice; each weakening is a named prop and shows a
 * synth warning. Immutable; build with {@link #builder()}.
 */
public final class SecureVpcProps {
    /** The default tiers: an isolated workload tier and an isolated tier for interface endpoints. */
    public static final List<SubnetTier> DEFAULT_TIERS = List.of(
            SubnetTier.builder("workload", TierKind.ISOLATED).cidrMask(22).build(),
            SubnetTier.builder("endpoints", TierKind.ISOLATED).cidrMask(26)
                    .ingressPorts(List.of(PortRange.tcp(443))).egressPorts(List.of()).build());

    private final String cidr;
    private final IIpAddresses ipAddresses;
    private final List<String> availabilityZones;
    private final Integer maxAzs;
    private final Integer reservedAzs;
    private final List<SubnetTier> tiers;
    private final NatStrategy natStrategy;
    private final PrivateEgress privateEgress;
    private final Boolean ipv6;
    private final List<BlockListEntry> blockList;
    private final Integer naclEntryQuota;
    private final PortRange ephemeralPorts;
    private final Boolean flowLogs;
    private final FlowLogDestinations flowLogDestinations;
    private final RetentionDays flowLogRetention;
    private final FlowLogMaxAggregationInterval flowLogAggregation;
    private final IKey flowLogKey;
    private final IBucket flowLogBucket;
    private final FlowLogBucketEncryption flowLogBucketEncryption;
    private final Boolean resolverQueryLogging;

    SecureVpcProps(final Setters<?> b) {
        RequiredProps.of("SecureVpcProps")
                .elements("availabilityZones", b.availabilityZones)
                .elements("tiers", b.tiers)
                .elements("blockList", b.blockList)
                .check();
        checkZoneNames(b.availabilityZones);
        this.cidr = b.cidr;
        this.ipAddresses = b.ipAddresses;
        this.availabilityZones = b.availabilityZones == null ? null : List.copyOf(b.availabilityZones);
        this.maxAzs = b.maxAzs;
        this.reservedAzs = b.reservedAzs;
        this.tiers = b.tiers == null ? null : List.copyOf(b.tiers);
        this.natStrategy = b.natStrategy;
        this.privateEgress = b.privateEgress;
        this.ipv6 = b.ipv6;
        this.blockList = b.blockList == null ? null : List.copyOf(b.blockList);
        this.naclEntryQuota = b.naclEntryQuota;
        this.ephemeralPorts = b.ephemeralPorts;
        this.flowLogs = b.flowLogs;
        this.flowLogDestinations = b.flowLogDestinations;
        this.flowLogRetention = b.flowLogRetention;
        this.flowLogAggregation = b.flowLogAggregation;
        this.flowLogKey = b.flowLogKey;
        this.flowLogBucket = b.flowLogBucket;
        this.flowLogBucketEncryption = b.flowLogBucketEncryption;
        this.resolverQueryLogging = b.resolverQueryLogging;
    }

    /** Each zone name is well-formed (a CDK token is not checked); a typo'd zone would fail only at deploy. */
    private static void checkZoneNames(final List<String> zones) {
        Problems problems = new Problems();
        for (int i = 0; zones != null && i < zones.size(); i++) {
            AwsIds.check(problems, ErrorCode.AVAILABILITY_ZONES, "availabilityZones[" + i + "]", zones.get(i),
                    AwsIds.Format.ZONE_NAME);
        }
        problems.throwIfAny("SecureVpcProps");
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The VPC's IPv4 CIDR, /16 to /28. Mutually exclusive with {@link #getIpAddresses()}.
     *
     * @default - 10.0.0.0/16 (unless ipAddresses is given)
     */
    public @Nullable String getCidr() {
        return cidr;
    }

    /**
     * How the VPC gets its addresses, e.g. {@code IpAddresses.awsIpamAllocation(...)} for an IPAM pool.
     * With IPAM the subnet CIDRs are only known at deploy time: NACL entries then name each subnet's CIDR
     * instead of a summarised tier block.
     *
     * @default - {@code IpAddresses.cidr(cidr)}: the VPC takes {@link #getCidr()}
     */
    public @Nullable IIpAddresses getIpAddresses() {
        return ipAddresses;
    }

    /**
     * The Availability Zones, 2 to 6 of them. Giving them keeps synth free of AZ lookups (no credentials).
     *
     * @default - the first {@link #getMaxAzs()} zones of the stack (2 for an environment-agnostic stack)
     */
    public @Nullable List<String> getAvailabilityZones() {
        return availabilityZones;
    }

    /**
     * How many AZs to use when {@link #getAvailabilityZones()} is not given, 2 to 6.
     *
     * @default - 3: up to three zones of the stack
     */
    public @Nullable Integer getMaxAzs() {
        return maxAzs;
    }

    /**
     * AZs whose address space is reserved for later growth, so adding an AZ never renumbers the subnets.
     *
     * @default - 0: no address space is held back
     */
    public @Nullable Integer getReservedAzs() {
        return reservedAzs;
    }

    /**
     * The subnet tiers, in address order. Names are unique.
     *
     * @default - {@link #DEFAULT_TIERS}: isolated tiers only, no internet path
     */
    public @Nullable List<SubnetTier> getTiers() {
        return tiers;
    }

    /**
     * NAT gateways for the private-with-egress tiers; anything but NONE needs a public tier.
     *
     * @default - {@link NatStrategy#NONE}: no NAT gateway
     */
    public @Nullable NatStrategy getNatStrategy() {
        return natStrategy;
    }

    /**
     * Where private-with-egress tiers send traffic bound beyond the VPC. With
     * {@link PrivateEgress#TRANSIT_GATEWAY} no NAT gateway is created (nor an internet gateway, unless a tier
     * is PUBLIC) and the private-with-egress subnets get no default route at all: until the Transit Gateway
     * attachment adds one, their traffic stays in the VPC. Their NACLs already allow the tier's egress ports
     * and the return traffic.
     *
     * @default - {@link PrivateEgress#NAT}: private-with-egress tiers reach out through NAT gateways
     */
    public @Nullable PrivateEgress getPrivateEgress() {
        return privateEgress;
    }

    /**
     * Dual stack: an Amazon-provided IPv6 block, and every NACL entry mirrored for IPv6. Where a tier restricts
     * its sources ({@code ingressFrom}), its IPv6 entries and those of its sources name each source or target
     * subnet's IPv6 block (one entry per subnet: the blocks are known only at deploy time and cannot be
     * summarised), so {@code ingressFrom} narrows IPv6 traffic as it does IPv4 traffic; traffic to tiers open
     * to the whole VPC names the VPC's IPv6 block.
     *
     * @default - false: IPv4 only
     */
    public @Nullable Boolean getIpv6() {
        return ipv6;
    }

    /**
     * Ranges every tier NACL denies in both directions, at rule numbers 100-999 (BP-NET-5).
     *
     * @default - no range is denied: the NACLs hold only the tiers' entries
     */
    public @Nullable List<BlockListEntry> getBlockList() {
        return blockList;
    }

    /**
     * The account's quota of entries per direction of one NACL; synth fails when a tier needs more.
     *
     * @default - 20 (the AWS default)
     */
    public @Nullable Integer getNaclEntryQuota() {
        return naclEntryQuota;
    }

    /**
     * The ephemeral range opened for return traffic (NACLs are stateless, BP-NET-4). Internet-facing
     * entries of this range skip ports 22 and 3389.
     *
     * @default - tcp 1024-65535, the range NAT gateways and load balancers use
     */
    public @Nullable PortRange getEphemeralPorts() {
        return ephemeralPorts;
    }

    /**
     * Whether to create flow logs. Turning them off is a weakening and warns at synth.
     *
     * @default - true: flow logs of all traffic
     */
    public @Nullable Boolean getFlowLogs() {
        return flowLogs;
    }

    /**
     * Where the flow logs go.
     *
     * @default - {@link FlowLogDestinations#CLOUDWATCH_LOGS}
     */
    public @Nullable FlowLogDestinations getFlowLogDestinations() {
        return flowLogDestinations;
    }

    /**
     * Retention of the flow-log group; at least one year. Only with CloudWatch Logs delivery
     * ({@code flowLogDestinations} CLOUDWATCH_LOGS or BOTH).
     *
     * @default - {@link RetentionDays#ONE_YEAR}
     */
    public @Nullable RetentionDays getFlowLogRetention() {
        return flowLogRetention;
    }

    /**
     * Aggregation interval of flow-log records; ONE_MINUTE gives faster detection at more log volume.
     *
     * @default - {@link FlowLogMaxAggregationInterval#TEN_MINUTES}
     */
    public @Nullable FlowLogMaxAggregationInterval getFlowLogAggregation() {
        return flowLogAggregation;
    }

    /**
     * Customer-managed key for the flow-log group (and bucket with KMS encryption). Its key policy must let
     * CloudWatch Logs and log delivery use it.
     *
     * @default - a new key with rotation, RETAIN on delete, policy scoped to this account and region
     */
    public @Nullable IKey getFlowLogKey() {
        return flowLogKey;
    }

    /**
     * Bucket for S3 delivery.
     *
     * @default - a new hardened bucket (versioning, block public access, SSL only, access logging, lifecycle,
     *     RETAIN) with its own access-log bucket
     */
    public @Nullable IBucket getFlowLogBucket() {
        return flowLogBucket;
    }

    /**
     * Encryption of the created flow-log bucket. S3_MANAGED is a weakening and warns at synth. Only with S3
     * delivery ({@code flowLogDestinations} S3 or BOTH) and no {@code flowLogBucket}.
     *
     * @default - {@link FlowLogBucketEncryption#KMS}
     */
    public @Nullable FlowLogBucketEncryption getFlowLogBucketEncryption() {
        return flowLogBucketEncryption;
    }

    /**
     * Whether the Route 53 Resolver logs the VPC's DNS queries (BP-MON-1, BP-NET-6) beside the flow logs (same key
     * and retention); {@code false} warns: flow logs do not record queries to the Amazon DNS server.
     * @default - true when flow logs are on (with {@code flowLogs} false there is no destination, so no query log)
     */
    public @Nullable Boolean getResolverQueryLogging() {
        return resolverQueryLogging;
    }

    /**
     * The setters of every prop, shared by {@link Builder} and {@link SecureVpc.Builder} so the two stay the same.
     *
     * @param <B> the builder each setter returns
     */
    public abstract static class Setters<B extends Setters<B>> {
        private String cidr;
        private IIpAddresses ipAddresses;
        private List<String> availabilityZones;
        private Integer maxAzs;
        private Integer reservedAzs;
        private List<SubnetTier> tiers;
        private NatStrategy natStrategy;
        private PrivateEgress privateEgress;
        private Boolean ipv6;
        private List<BlockListEntry> blockList;
        private Integer naclEntryQuota;
        private PortRange ephemeralPorts;
        private Boolean flowLogs;
        private FlowLogDestinations flowLogDestinations;
        private RetentionDays flowLogRetention;
        private FlowLogMaxAggregationInterval flowLogAggregation;
        private IKey flowLogKey;
        private IBucket flowLogBucket;
        private FlowLogBucketEncryption flowLogBucketEncryption;
        private Boolean resolverQueryLogging;

        /** @see SecureVpcProps#getCidr() */
        public B cidr(final @Nullable String v) {
            this.cidr = v;
            return self();
        }

        /** @see SecureVpcProps#getIpAddresses() */
        public B ipAddresses(final @Nullable IIpAddresses v) {
            this.ipAddresses = v;
            return self();
        }

        /** @see SecureVpcProps#getAvailabilityZones() */
        public B availabilityZones(final @Nullable List<String> v) {
            this.availabilityZones = v;
            return self();
        }

        /** @see SecureVpcProps#getMaxAzs() */
        public B maxAzs(final @Nullable Integer v) {
            this.maxAzs = v;
            return self();
        }

        /** @see SecureVpcProps#getReservedAzs() */
        public B reservedAzs(final @Nullable Integer v) {
            this.reservedAzs = v;
            return self();
        }

        /** @see SecureVpcProps#getTiers() */
        public B tiers(final @Nullable List<SubnetTier> v) {
            this.tiers = v;
            return self();
        }

        /** @see SecureVpcProps#getNatStrategy() */
        public B natStrategy(final @Nullable NatStrategy v) {
            this.natStrategy = v;
            return self();
        }

        /** @see SecureVpcProps#getPrivateEgress() */
        public B privateEgress(final @Nullable PrivateEgress v) {
            this.privateEgress = v;
            return self();
        }

        /** @see SecureVpcProps#getIpv6() */
        public B ipv6(final @Nullable Boolean v) {
            this.ipv6 = v;
            return self();
        }

        /** @see SecureVpcProps#getBlockList() */
        public B blockList(final @Nullable List<BlockListEntry> v) {
            this.blockList = v;
            return self();
        }

        /** @see SecureVpcProps#getNaclEntryQuota() */
        public B naclEntryQuota(final @Nullable Integer v) {
            this.naclEntryQuota = v;
            return self();
        }

        /** @see SecureVpcProps#getEphemeralPorts() */
        public B ephemeralPorts(final @Nullable PortRange v) {
            this.ephemeralPorts = v;
            return self();
        }

        /** @see SecureVpcProps#getFlowLogs() */
        public B flowLogs(final @Nullable Boolean v) {
            this.flowLogs = v;
            return self();
        }

        /** @see SecureVpcProps#getFlowLogDestinations() */
        public B flowLogDestinations(final @Nullable FlowLogDestinations v) {
            this.flowLogDestinations = v;
            return self();
        }

        /** @see SecureVpcProps#getFlowLogRetention() */
        public B flowLogRetention(final @Nullable RetentionDays v) {
            this.flowLogRetention = v;
            return self();
        }

        /** @see SecureVpcProps#getFlowLogAggregation() */
        public B flowLogAggregation(final @Nullable FlowLogMaxAggregationInterval v) {
            this.flowLogAggregation = v;
            return self();
        }

        /** @see SecureVpcProps#getFlowLogKey() */
        public B flowLogKey(final @Nullable IKey v) {
            this.flowLogKey = v;
            return self();
        }

        /** @see SecureVpcProps#getFlowLogBucket() */
        public B flowLogBucket(final @Nullable IBucket v) {
            this.flowLogBucket = v;
            return self();
        }

        /** @see SecureVpcProps#getFlowLogBucketEncryption() */
        public B flowLogBucketEncryption(final @Nullable FlowLogBucketEncryption v) {
            this.flowLogBucketEncryption = v;
            return self();
        }

        /** @see SecureVpcProps#getResolverQueryLogging() */
        public B resolverQueryLogging(final @Nullable Boolean v) {
            this.resolverQueryLogging = v;
            return self();
        }

        Setters() {
        }

        /** @return this builder, as the type its setters return */
        abstract B self();
    }

    /** Builder of {@link SecureVpcProps}. */
    public static final class Builder extends Setters<Builder> {
        @Override
        Builder self() {
            return this;
        }

        public SecureVpcProps build() {
            return new SecureVpcProps(this);
        }
    }
}
