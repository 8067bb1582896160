package io.securevpc.network;

import io.securevpc.internal.Ipv4Cidr;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.services.ec2.FlowLogMaxAggregationInterval;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * {@link SecureVpcProps} with every default applied, in this one place. Plain Java data: the two inputs that
 * need CDK (the stack's AZ count, the CIDR an {@code ipAddresses} allocates) are computed by {@link SecureVpc}
 * and passed in, so validation and planning run without a stack.
 *
 * @param given the props as given (for validation messages about what was set)
 * @param cidr the VPC's IPv4 CIDR as text: {@code cidr}, the one {@code ipAddresses} allocates, or the default;
 *     {@code null} when it is only known at deploy time (IPAM)
 * @param azCount the number of AZs the VPC spans
 */
record ResolvedVpcProps(SecureVpcProps given, List<SubnetTier> tiers, @Nullable String cidr, int azCount,
                        int reservedAzs, NatStrategy natStrategy, PrivateEgress privateEgress, boolean ipv6,
                        List<BlockListEntry> blockList, int naclEntryQuota, PortRange ephemeralPorts,
                        boolean flowLogs, FlowLogDestinations flowLogDestinations, RetentionDays flowLogRetention,
                        FlowLogMaxAggregationInterval flowLogAggregation,
                        FlowLogBucketEncryption flowLogBucketEncryption) {
    static final String DEFAULT_CIDR = "10.0.0.0/16";
    static final int DEFAULT_MAX_AZS = 3;

    /**
     * @param stackAzCount how many AZs the stack offers (used only when {@code availabilityZones} is not given)
     * @param allocatedCidr the CIDR {@code ipAddresses} allocates, {@code null} when it is a token or when
     *     {@code ipAddresses} is not given
     */
    static ResolvedVpcProps resolve(final @Nullable SecureVpcProps props, final int stackAzCount,
                                    final @Nullable String allocatedCidr) {
        SecureVpcProps p = props != null ? props : SecureVpcProps.builder().build();
        return new ResolvedVpcProps(p,
                p.getTiers() != null ? p.getTiers() : SecureVpcProps.DEFAULT_TIERS,
                p.getIpAddresses() != null ? allocatedCidr : p.getCidr() != null ? p.getCidr() : DEFAULT_CIDR,
                p.getAvailabilityZones() != null ? p.getAvailabilityZones().size()
                        : Math.min(maxAzs(p), stackAzCount),
                p.getReservedAzs() != null ? p.getReservedAzs() : 0,
                p.getNatStrategy() != null ? p.getNatStrategy() : NatStrategy.NONE,
                p.getPrivateEgress() != null ? p.getPrivateEgress() : PrivateEgress.NAT,
                Boolean.TRUE.equals(p.getIpv6()),
                p.getBlockList() != null ? p.getBlockList() : List.of(),
                p.getNaclEntryQuota() != null ? p.getNaclEntryQuota() : NaclRuleNumbers.DEFAULT_ENTRY_QUOTA,
                p.getEphemeralPorts() != null ? p.getEphemeralPorts() : PortRange.EPHEMERAL,
                !Boolean.FALSE.equals(p.getFlowLogs()),
                p.getFlowLogDestinations() != null ? p.getFlowLogDestinations() : FlowLogDestinations.CLOUDWATCH_LOGS,
                p.getFlowLogRetention() != null ? p.getFlowLogRetention() : RetentionDays.ONE_YEAR,
                p.getFlowLogAggregation() != null ? p.getFlowLogAggregation()
                        : FlowLogMaxAggregationInterval.TEN_MINUTES,
                p.getFlowLogBucketEncryption() != null ? p.getFlowLogBucketEncryption() : FlowLogBucketEncryption.KMS);
    }

    /** @return {@code maxAzs}, or its default: the AZ count asked of the stack when no AZs are given. */
    static int maxAzs(final SecureVpcProps props) {
        return props.getMaxAzs() != null ? props.getMaxAzs() : DEFAULT_MAX_AZS;
    }

    /** @return the VPC CIDR parsed, empty when it is only known at deploy time or is no CIDR. */
    Optional<Ipv4Cidr> vpcCidr() {
        return cidr == null ? Optional.empty() : Ipv4Cidr.parse(cidr);
    }

    /** @return the tiers that are not reserved. */
    List<SubnetTier> activeTiers() {
        return tiers.stream().filter(t -> !t.isReserved()).toList();
    }

    boolean hasActiveTier(final TierKind kind) {
        return activeTiers().stream().anyMatch(t -> t.getKind() == kind);
    }

    boolean isActiveTier(final String name) {
        return activeTiers().stream().anyMatch(t -> t.getName().equals(name));
    }

    /** @return the names of the tiers that are not reserved, comma-separated, for messages. */
    String tierNames() {
        return activeTiers().stream().map(SubnetTier::getName).collect(Collectors.joining(", "));
    }

    /** @return the first public tier, which holds the NAT gateways; {@code null} without one. */
    @Nullable String natHostTier() {
        return activeTiers().stream().filter(t -> t.getKind() == TierKind.PUBLIC).map(SubnetTier::getName)
                .findFirst().orElse(null);
    }

    /** @return how many NAT gateways the strategy creates. */
    int natGateways() {
        return natStrategy == NatStrategy.NONE ? 0 : natStrategy == NatStrategy.SINGLE ? 1 : azCount;
    }

    /** Resolver query logs go where the flow logs go: none without flow logs, else on unless turned off. */
    boolean resolverQueryLogging() {
        return flowLogs && !Boolean.FALSE.equals(given.getResolverQueryLogging());
    }

    /** @return the S3-managed flow-log bucket weakening: a bucket SecureVpc creates, without a KMS key. */
    boolean flowLogBucketS3Managed() {
        return flowLogs && flowLogDestinations.includesS3() && given.getFlowLogBucket() == null
                && given.getFlowLogBucketEncryption() == FlowLogBucketEncryption.S3_MANAGED;
    }

    /** What the NACL planner needs to know about this VPC, with the blocks of the tiers as given. */
    NaclPlan.Network naclNetwork(final Map<String, List<String>> tierCidrs, final String vpcCidr,
                                 final @Nullable String vpcIpv6, final Map<String, List<String>> tierIpv6Cidrs) {
        String ipv6Cidr = vpcIpv6 != null ? vpcIpv6 : ipv6 ? "vpc-ipv6" : null;
        String natHost = natStrategy == NatStrategy.NONE ? null : natHostTier();
        return new NaclPlan.Network(vpcCidr, ipv6Cidr, tierCidrs, natHost, ephemeralPorts, naclEntryQuota, tierIpv6Cidrs);
    }
}
