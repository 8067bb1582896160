package io.securevpc.compliance;

/**
 * The tag that marks a NACL whose tier takes the return traffic of gateway endpoints (S3, DynamoDB) from any
 * address: {@value #TAG_KEY} = {@value #TAG_VALUE}. {@code SecureVpc} sets it on the NACL of a tier declared with
 * {@code SubnetTier.gatewayEndpointReturnFromAnywhere(true)} (a weakening that warns at synth), and BlueprintChecks'
 * {@code NetworkAclNoWorldInboundWithoutInternetRoute} accepts such a NACL's inbound entries on ephemeral ports
 * (BP-NET-4, BP-EP-2).
 */
public final class GatewayEndpointReturnMarker {
    /** The tag key. */
    public static final String TAG_KEY = "securevpc:gateway-endpoint-return";
    /** The tag value that marks the NACL. */
    public static final String TAG_VALUE = "true";

    private GatewayEndpointReturnMarker() {
    }
}
