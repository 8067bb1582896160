package io.securevpc.network;

import java.util.List;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.services.ec2.CfnVPCBlockPublicAccessExclusion;
import software.amazon.awscdk.services.ec2.CfnVPCBlockPublicAccessOptions;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.constructs.Construct;

/**
 * VPC Block Public Access of one account and region (BP-NET-10): the account-level guard that keeps every VPC of the
 * region, present or future, from being reached from the internet through an internet gateway (and, in
 * {@link BlockPublicAccessMode#BLOCK_BIDIRECTIONAL}, from reaching it), whatever its route tables and security groups
 * say. Put one in a stack per account and region (CloudFormation allows one {@code AWS::EC2::VPCBlockPublicAccessOptions}
 * per account and region); exempt the public tiers that need the internet with {@link #excludePublicTiers}.
 */
public class VpcBlockPublicAccess extends Construct {
    private final CfnVPCBlockPublicAccessOptions options;

    public VpcBlockPublicAccess(final @NotNull Construct scope, final @NotNull String id,
                                final @Nullable VpcBlockPublicAccessProps props) {
        super(scope, id);
        BlockPublicAccessMode mode = props == null || props.getMode() == null
                ? BlockPublicAccessMode.BLOCK_BIDIRECTIONAL : props.getMode();
        this.options = CfnVPCBlockPublicAccessOptions.Builder.create(this, "Options")
                .internetGatewayBlockMode(mode.value())
                .build();
        if (mode == BlockPublicAccessMode.BLOCK_INGRESS) {
            Annotations.of(this).addWarningV2("@securevpc/network:blockPublicAccessIngressOnly",
                    "VPC Block Public Access is block-ingress: outbound connections through NAT and egress-only "
                            + "internet gateways stay open in every subnet (BP-NET-10).");
        }
    }

    /** @return the account-level options resource */
    public @NotNull CfnVPCBlockPublicAccessOptions getOptions() {
        return options;
    }

    /**
     * Exempts every subnet of the VPC's PUBLIC tiers from Block Public Access (allow-bidirectional: their load
     * balancers are reached from the internet, their NAT gateways reach it); the private and isolated tiers stay
     * blocked. One {@code AWS::EC2::VPCBlockPublicAccessExclusion} per subnet, created in {@code scope} under
     * {@code id}; none when the VPC has no public tier. Exclusions work whether or not the options exist yet.
     *
     * @return the exclusions created, one per public subnet
     */
    public static @NotNull List<CfnVPCBlockPublicAccessExclusion> excludePublicTiers(
            final @NotNull Construct scope, final @NotNull String id, final @NotNull ISecureVpc vpc) {
        List<ISubnet> subnets = vpc.getTiers().stream().filter(t -> t.getKind() == TierKind.PUBLIC && !t.isReserved())
                .flatMap(t -> vpc.getVpc().selectSubnets(vpc.tierSubnets(t.getName())).getSubnets().stream())
                .toList();
        if (subnets.isEmpty()) {
            return List.of();
        }
        Construct group = new Construct(scope, id);
        return subnets.stream().map(s -> CfnVPCBlockPublicAccessExclusion.Builder
                .create(group, s.getNode().getId())
                .internetGatewayExclusionMode("allow-bidirectional")
                .subnetId(s.getSubnetId())
                .build()).toList();
    }
}
