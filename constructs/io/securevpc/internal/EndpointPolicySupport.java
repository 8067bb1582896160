package io.securevpc.internal;

import java.util.Set;

/** Which AWS services' VPC endpoints take an endpoint policy. Not API. */
public final class EndpointPolicySupport {
    /**
     * Services that report {@code VpcEndpointPolicySupported: false} (DescribeVpcEndpointServices): a policy
     * cannot be attached; access is governed by IAM and the security group only.
     */
    public static final Set<String> NO_POLICY_SUPPORT = Set.of("ssmmessages", "ec2messages");

    private EndpointPolicySupport() {
    }
}
