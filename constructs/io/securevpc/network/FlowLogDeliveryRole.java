package io.securevpc.network;

import io.securevpc.internal.Maps;
import java.util.List;
import org.jetbrains.annotations.NotNull;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.constructs.Construct;

/**
 * The role VPC Flow Logs delivers to one CloudWatch Logs group with (BP-MON-1, BP-IAM-1): trusted only by the flow-log
 * service of this account for this account's flow logs (confused-deputy safe), and a customer-managed policy (not an
 * inline one, which the NIST, HIPAA and PCI packs reject) that writes to that group only.
 */
public final class FlowLogDeliveryRole {
    private FlowLogDeliveryRole() {
    }

    /**
     * Creates {@code <idPrefix>DeliveryRole} and {@code <idPrefix>DeliveryPolicy} in {@code scope}.
     *
     * @return the role, without policy updates (nothing else may widen it)
     */
    public static @NotNull IRole create(final @NotNull Construct scope, final @NotNull String idPrefix,
                                        final @NotNull String description, final @NotNull ILogGroup group) {
        Stack stack = Stack.of(scope);
        Role role = Role.Builder.create(scope, idPrefix + "DeliveryRole")
                .description(description)
                .assumedBy(new ServicePrincipal("vpc-flow-logs.amazonaws.com", null).withConditions(Maps.of(
                        "StringEquals", Maps.of("aws:SourceAccount", stack.getAccount()),
                        "ArnLike", Maps.of("aws:SourceArn", "arn:" + stack.getPartition() + ":ec2:"
                                + stack.getRegion() + ":" + stack.getAccount() + ":vpc-flow-log/*"))))
                .build();
        ManagedPolicy.Builder.create(scope, idPrefix + "DeliveryPolicy")
                .description("Write access to exactly one flow-log group")
                .statements(List.of(PolicyStatement.Builder.create()
                        .effect(Effect.ALLOW)
                        .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"))
                        .resources(List.of(group.getLogGroupArn()))
                        .build()))
                .roles(List.of(role))
                .build();
        return role.withoutPolicyUpdates();
    }
}
