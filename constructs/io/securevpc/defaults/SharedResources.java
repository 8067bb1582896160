package io.securevpc.defaults;

import io.securevpc.internal.HardenedBuckets;
import io.securevpc.internal.KeyPolicies;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.s3.Bucket;
import software.constructs.Construct;

/**
 * What the defaults of one stack share, created once on first use under {@code <stack>/SecureDefaults}: the
 * customer managed key of the log groups and the destination of the buckets' server access logs. Its children
 * are not injected (see {@link InjectedProps}); they set what they need.
 */
final class SharedResources extends Construct {
    static final String ID = "SecureDefaults";

    private final Stack stack;
    private Key logsKey;
    private Bucket accessLogBucket;

    SharedResources(final Stack stack) {
        super(stack, ID);
        this.stack = stack;
        // Server access logs are granted by a bucket policy (a bucket-owner-enforced bucket refuses the ACL).
        getNode().setContext(HardenedBuckets.ACCESS_LOGS_USE_BUCKET_POLICY, true);
    }

    /** The key of the log groups of the stack: rotated, retained, usable by CloudWatch Logs of this account. */
    Key logsKey() {
        if (logsKey == null) {
            logsKey = Key.Builder.create(this, "LogsKey")
                    .description("Encrypts the CloudWatch Logs groups of " + stack.getStackName()
                            + " (io.securevpc.defaults)")
                    .enableKeyRotation(true)
                    .removalPolicy(RemovalPolicy.RETAIN)
                    .build();
            logsKey.addToResourcePolicy(KeyPolicies.allowCloudWatchLogs(stack));
        }
        return logsKey;
    }

    /** The hardened SSE-S3 bucket that receives the server access logs of the stack's buckets. */
    Bucket accessLogBucket() {
        if (accessLogBucket == null) {
            accessLogBucket = HardenedBuckets.accessLogBucket(this, "AccessLogBucket");
        }
        return accessLogBucket;
    }
}
