package io.securevpc.endpoints;

import io.securevpc.ErrorCode;
import io.securevpc.internal.Maps;
import io.securevpc.internal.Problems;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jetbrains.annotations.NotNull;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.IVpcEndpoint;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.PolicyStatementProps;
import software.amazon.awscdk.services.s3.IBucket;

/**
 * The resource side of a gateway endpoint (BP-EP-2): bucket-policy statements that make a bucket refuse
 * requests that did not come through given endpoints ({@code aws:SourceVpce}) or VPCs
 * ({@code aws:SourceVpc}). An endpoint policy limits what leaves the VPC; these limit what reaches the bucket.
 *
 * <pre>
 * BucketPolicies.restrictToEndpoints(bucket, List.of(gateway.getEndpoint(GatewayEndpointService.S3)),
 *         List.of(adminRoleArn));
 * </pre>
 *
 * Requests made by AWS services on a caller's behalf ({@code aws:ViaAWSService}) are not denied, and
 * principals listed as exempt (e.g. a break-glass administrator role) keep access from elsewhere; without
 * an exemption, nobody can manage the bucket from outside the VPC.
 */
public final class BucketPolicies {
    private BucketPolicies() {
    }

    /**
     * @return a Deny of every S3 action on {@code bucket} and its objects unless the request came through one
     *     of {@code endpoints}
     */
    public static @NotNull PolicyStatement denyUnlessThroughEndpoints(final @NotNull IBucket bucket,
                                                                      final @NotNull List<IVpcEndpoint> endpoints,
                                                                      final @NotNull List<String> exemptPrincipalArns) {
        require("endpoints", endpoints);
        return deny(bucket, "DenyUnlessThroughVpcEndpoint", "aws:SourceVpce",
                endpoints.stream().map(IVpcEndpoint::getVpcEndpointId).toList(), exemptPrincipalArns);
    }

    /**
     * @return a Deny of every S3 action on {@code bucket} and its objects unless the request came from one of
     *     {@code vpcs} (through any of their endpoints)
     */
    public static @NotNull PolicyStatement denyUnlessFromVpcs(final @NotNull IBucket bucket,
                                                              final @NotNull List<IVpc> vpcs,
                                                              final @NotNull List<String> exemptPrincipalArns) {
        require("vpcs", vpcs);
        return deny(bucket, "DenyUnlessFromVpc", "aws:SourceVpc", vpcs.stream().map(IVpc::getVpcId).toList(),
                exemptPrincipalArns);
    }

    /** Adds {@link #denyUnlessThroughEndpoints} to the bucket's policy. */
    public static void restrictToEndpoints(final @NotNull IBucket bucket, final @NotNull List<IVpcEndpoint> endpoints,
                                           final @NotNull List<String> exemptPrincipalArns) {
        bucket.addToResourcePolicy(denyUnlessThroughEndpoints(bucket, endpoints, exemptPrincipalArns));
    }

    private static PolicyStatement deny(final IBucket bucket, final String sid, final String key,
                                        final List<String> values, final List<String> exempt) {
        Map<String, Object> conditions = new LinkedHashMap<>();
        conditions.put("StringNotEquals", Maps.of(key, values));
        conditions.put("Bool", Maps.of("aws:ViaAWSService", "false"));
        if (!exempt.isEmpty()) {
            conditions.put("ArnNotLike", Maps.of("aws:PrincipalArn", exempt));
        }
        return new PolicyStatement(PolicyStatementProps.builder()
                .sid(sid)
                .effect(Effect.DENY)
                .principals(List.of(new AnyPrincipal()))
                .actions(List.of("s3:*"))
                .resources(List.of(bucket.getBucketArn(), bucket.arnForObjects("*")))
                .conditions(conditions)
                .build());
    }

    private static void require(final String prop, final List<?> values) {
        if (values.isEmpty()) {
            new Problems().add(ErrorCode.ENDPOINT, prop, "[]", "at least one")
                    .throwIfAny("BucketPolicies");
        }
    }
}
