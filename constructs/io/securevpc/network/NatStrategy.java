package io.securevpc.network;

/** How many NAT gateways carry the private-with-egress tiers' outbound traffic (BP-NET-10). */
public enum NatStrategy {
    /** No NAT gateway. The default: outbound internet access is opt-in. */
    NONE,
    /** One NAT gateway, in the first AZ: cheaper, but every AZ's egress depends on that one AZ. */
    SINGLE,
    /** One NAT gateway per AZ: each AZ keeps its egress when another AZ fails. */
    PER_AZ
}
