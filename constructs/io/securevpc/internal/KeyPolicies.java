package io.securevpc.internal;

import java.util.List;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;

/** Key-policy statements shared by the constructs that encrypt logs. Not API. */
public final class KeyPolicies {
    private KeyPolicies() {
    }

    /**
     * Lets the log-delivery service ({@code delivery.logs.amazonaws.com}: VPC Flow Logs to S3, load-balancer
     * access logs) encrypt objects with the key, for log sources of the stack's account and region only.
     */
    public static PolicyStatement allowLogDelivery(final Stack stack) {
        return PolicyStatement.Builder.create()
                .sid("AllowLogDeliveryOfThisAccount")
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("delivery.logs.amazonaws.com")))
                .actions(List.of("kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo",
                        "kms:GenerateDataKey", "kms:DescribeKey"))
                .resources(List.of("*"))
                .conditions(Maps.of(
                        "StringEquals", Maps.of("aws:SourceAccount", stack.getAccount()),
                        "ArnLike", Maps.of("aws:SourceArn", "arn:" + stack.getPartition() + ":logs:"
                                + stack.getRegion() + ":" + stack.getAccount() + ":*")))
                .build();
    }

    /**
     * Lets CloudWatch Logs of the stack's region use the key for log groups of the stack's account only (the
     * encryption context names the log group).
     */
    public static PolicyStatement allowCloudWatchLogs(final Stack stack) {
        return PolicyStatement.Builder.create()
                .sid("AllowCloudWatchLogsOfThisAccountAndRegion")
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("logs." + stack.getRegion() + ".amazonaws.com")))
                .actions(List.of("kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo",
                        "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:DescribeKey"))
                .resources(List.of("*"))
                .conditions(Maps.of("ArnLike", Maps.of("kms:EncryptionContext:aws:logs:arn",
                        "arn:" + stack.getPartition() + ":logs:" + stack.getRegion() + ":" + stack.getAccount()
                                + ":log-group:*")))
                .build();
    }
}
