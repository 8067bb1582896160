package io.securevpc.network;

import java.util.List;
import java.util.SortedSet;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.services.ec2.INetworkAcl;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.IConstruct;

/**
 * What other constructs need of a secure VPC: the {@link IVpc}, its tiers with their subnets, address blocks
 * and NACLs, and the methods that open a tier's NACL to more traffic. Implemented by {@link SecureVpc}; props
 * that need tiers take an {@code ISecureVpc} (builder method {@code secureVpc}), props that need only a VPC
 * take an {@link IVpc} (builder method {@code vpc}).
 */
public interface ISecureVpc extends IConstruct {

    /** @return the underlying VPC, for everything that takes an {@link IVpc}. */
    @NotNull IVpc getVpc();

    /** @return the tiers this VPC was built with, reserved ones included. */
    @NotNull List<SubnetTier> getTiers();

    /** @return the selection of one tier's subnets, e.g. to place a workload. */
    @NotNull SubnetSelection tierSubnets(@NotNull String tierName);

    /** @return the NACL of one tier. */
    @NotNull INetworkAcl networkAcl(@NotNull String tierName);

    /**
     * @return the rule numbers given to entries of one tier's NACL so far (inbound and outbound together), e.g.
     *     for automation that adds entries after deployment and must not take a number a later deployment needs
     *     (BP-NET-5, see {@link NaclRuleNumbers}). Entries added to the NACL by other code are not listed.
     */
    @NotNull SortedSet<Integer> naclRuleNumbers(@NotNull String tierName);

    /**
     * @return the VPC's IPv4 CIDR as a literal, or {@code null} when it is only known at deploy time (IPAM).
     *     Security-group rules should name literals: stock cdk-nag rules fail on token CIDRs.
     */
    @Nullable String getVpcCidrLiteral();

    /**
     * @return one tier's IPv4 address blocks, summarised: literals when the VPC CIDR is known at synth, each
     *     subnet's CIDR token with IPAM. E.g. to let a tier reach interface endpoints by address (BP-EP-5).
     */
    @NotNull List<String> tierCidrs(@NotNull String tierName);

    /**
     * Opens one tier's NACL to blocks outside the VPC (peered VPCs, Transit Gateway destinations, on-premises
     * ranges; BP-NET-4, BP-MV-2/4): {@code outboundPorts} to each block with ephemeral-port return traffic
     * from it, and {@code inboundPorts} from each block with ephemeral-port return traffic to it. Entries are
     * numbered after the tier's planned allows, in the allow range of {@link NaclRuleNumbers}, so every
     * block-list deny still comes first. All blocks are checked before any entry is added. For the
     * connectivity constructs; IPv4 only.
     *
     * @throws io.securevpc.BlueprintValidationException for an unknown tier, a block that is not a specific
     *     IPv4 range outside the VPC, an invalid port, or entries beyond the tier's entry quota
     */
    void allowExternalTraffic(@NotNull String tierName, @NotNull List<String> cidrs,
                              @NotNull List<PortRange> outboundPorts, @NotNull List<PortRange> inboundPorts);

    /**
     * Opens the NACL of the tier that holds a Transit Gateway attachment's network interfaces to the traffic
     * of the tiers that route through it (BP-MV-4, BP-NET-4). Seen from the attachment subnets, that traffic
     * carries this VPC's own addresses both ways (AWS, "Network ACLs for transit gateways"): packets from the
     * route tiers' instances to the Transit Gateway are evaluated by the inbound entries, with the instance as
     * source; packets from the Transit Gateway to the instances by the outbound entries, with the instance as
     * destination. So, for each route tier's blocks: {@code outboundPorts} (what the route tiers open beyond
     * the VPC) are allowed in, and ephemeral ports out for the replies; {@code inboundPorts} (what the route
     * tiers serve to the destinations) are allowed out, and ephemeral ports in for the replies. When the
     * attachment tier is itself a route tier, its own blocks are named too: the inbound entries then apply to
     * its own instances' packets.
     *
     * @throws io.securevpc.BlueprintValidationException for an unknown tier, an invalid port, or entries
     *     beyond the attachment tier's entry quota
     */
    void allowTransitTraffic(@NotNull String attachmentTier, @NotNull List<String> routeTiers,
                             @NotNull List<PortRange> outboundPorts, @NotNull List<PortRange> inboundPorts);

    /**
     * Lets {@code fromTiers} reach {@code ports} of one tier, beyond what the tiers declared (BP-NET-4, BP-NET-9):
     * inbound entries on this tier from their blocks, outbound entries on theirs to this tier's blocks. Replies
     * pass the ephemeral-port entries every tier has to and from the VPC. E.g. a load balancer placed in the tier
     * of its own targets: load-balancer traffic crosses the NACL even inside one subnet (BP-NET-9).
     *
     * @throws io.securevpc.BlueprintValidationException for an unknown tier, an invalid port, or entries
     *     beyond a tier's entry quota
     */
    void allowTierTraffic(@NotNull String tierName, @NotNull List<String> fromTiers, @NotNull List<PortRange> ports);

    /** @return the flow-log group, or {@code null} when flow logs are off or go to S3 only. */
    @Nullable ILogGroup getFlowLogGroup();

    /** @return the flow-log bucket, or {@code null} when flow logs are off or go to CloudWatch Logs only. */
    @Nullable IBucket getFlowLogBucket();

    /**
     * @return the bucket that receives the flow-log bucket's server access logs, or {@code null} unless the
     *     flow-log bucket was created with the VPC
     */
    @Nullable IBucket getFlowLogAccessLogBucket();

    /** @return the key that encrypts the flow logs, or {@code null} when no customer-managed key is used. */
    @Nullable IKey getFlowLogKey();
}
