package io.securevpc.compliance;

/**
 * The tag that marks a security group as the internet-facing one (load balancers): {@value #TAG_KEY} =
 * {@value #TAG_VALUE}. {@code TierSecurityGroup} sets it when given {@code publicIngressPorts}, an L1 group can
 * carry it too, and BlueprintChecks' {@code SecurityGroupNoWorldIngress} lets only a group so marked take TCP
 * 80/443 from anywhere (BP-NET-2, BP-NET-10).
 */
public final class PublicIngressMarker {
    /** The tag key. */
    public static final String TAG_KEY = "securevpc:public-ingress";
    /** The tag value that marks a group public. */
    public static final String TAG_VALUE = "true";

    private PublicIngressMarker() {
    }
}
