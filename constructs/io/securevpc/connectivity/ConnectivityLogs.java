package io.securevpc.connectivity;

import io.securevpc.internal.KeyPolicies;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The log groups of the connectivity constructs (BP-MON-1), built as a VPC's flow-log group is: encrypted with a
 * customer-managed key (the one given, else one created with rotation whose policy lets CloudWatch Logs of this
 * account and region use it), the given retention, retained when the stack is deleted. Package-private.
 */
final class ConnectivityLogs {
    /** The retention when none is given: SecureVpc's default for its flow logs. */
    static final RetentionDays DEFAULT_RETENTION = RetentionDays.ONE_YEAR;

    private ConnectivityLogs() {
    }

    /** Creates {@code <id>} (the log group) and, without a key given, {@code <id>Key} in {@code scope}. */
    static LogGroup logGroup(final Construct scope, final String id, final IKey key, final RetentionDays retention,
                             final String purpose) {
        IKey encryption = key != null ? key : createKey(scope, id + "Key", purpose);
        return LogGroup.Builder.create(scope, id)
                .encryptionKey(encryption)
                .retention(retention != null ? retention : DEFAULT_RETENTION)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
    }

    private static IKey createKey(final Construct scope, final String id, final String purpose) {
        Key created = Key.Builder.create(scope, id)
                .description("Encrypts " + purpose)
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        created.addToResourcePolicy(KeyPolicies.allowCloudWatchLogs(Stack.of(scope)));
        return created;
    }
}
