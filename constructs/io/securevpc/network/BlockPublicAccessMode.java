package io.securevpc.network;

import org.jetbrains.annotations.NotNull;

/** The internet gateway block mode of VPC Block Public Access in an account and region (BP-NET-10). */
public enum BlockPublicAccessMode {
    /**
     * No traffic to or from internet gateways and egress-only internet gateways, except in excluded subnets: the mode
     * of an account and region whose VPCs have no public tier.
     */
    BLOCK_BIDIRECTIONAL("block-bidirectional"),
    /**
     * No internet traffic into the VPCs, except in excluded subnets; connections that NAT gateways and egress-only
     * internet gateways open outwards still work. The mode of an account and region with a public tier whose NAT
     * gateways serve private tiers (a weakening: a synth warning).
     */
    BLOCK_INGRESS("block-ingress");

    private final String value;

    BlockPublicAccessMode(final String value) {
        this.value = value;
    }

    /** @return the {@code InternetGatewayBlockMode} value CloudFormation takes */
    public @NotNull String value() {
        return value;
    }
}
