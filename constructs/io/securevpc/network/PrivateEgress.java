package io.securevpc.network;

/** Where the private-with-egress tiers send traffic bound beyond the VPC (BP-NET-10, BP-MV-4). */
public enum PrivateEgress {
    /** Through NAT gateways in the public tier; needs a public tier and a {@link NatStrategy} other than NONE. */
    NAT,
    /**
     * Through a Transit Gateway (centralised egress). SecureVpc creates no NAT gateway and no default route;
     * the Transit Gateway attachment adds the routes.
     */
    TRANSIT_GATEWAY
}
