package io.securevpc.network;

import software.amazon.awscdk.services.ec2.SubnetType;

/**
 * What a subnet tier may reach and be reached by (BP-NET-1, BP-NET-10).
 */
public enum TierKind {
    /**
     * Internet-facing load balancers only: a route to the internet gateway and internet ingress on the
     * tier's ingress ports. Instances never belong here; {@code mapPublicIpOnLaunch} stays false.
     */
    PUBLIC(SubnetType.PUBLIC),
    /** Workloads that need outbound access beyond the VPC, through NAT gateways or a Transit Gateway. */
    PRIVATE_WITH_EGRESS(SubnetType.PRIVATE_WITH_EGRESS),
    /** No route beyond the VPC: AWS services are reached through VPC endpoints (BP-EP-1). The default. */
    ISOLATED(SubnetType.PRIVATE_ISOLATED);

    private final SubnetType subnetType;

    TierKind(final SubnetType subnetType) {
        this.subnetType = subnetType;
    }

    /** @return the CDK subnet type of this kind. */
    public SubnetType subnetType() {
        return subnetType;
    }
}
