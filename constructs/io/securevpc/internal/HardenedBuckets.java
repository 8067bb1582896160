package io.securevpc.internal;

import io.securevpc.ErrorCode;
import io.securevpc.compliance.Acknowledgements;
import java.util.List;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.FeatureFlags;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CfnBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.NoncurrentVersionTransition;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.StorageClass;
import software.amazon.awscdk.services.s3.Transition;
import software.constructs.Construct;

/**
 * The hardened S3 buckets shared by every construct that keeps logs (flow logs, the audit archive): one
 * definition of the access-log bucket and of the archive lifecycle, so they cannot drift apart. Not API.
 */
public final class HardenedBuckets {
    /** The feature flag that makes CDK grant S3 server access log delivery with a bucket policy, not an ACL. */
    public static final String ACCESS_LOGS_USE_BUCKET_POLICY = "@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy";

    private HardenedBuckets() {
    }

    /**
     * Starts a log bucket: block public access, bucket-owner-enforced ownership, SSL-only with TLS 1.2,
     * versioning, the archive lifecycle and {@code RETAIN}. The caller adds encryption and access logging.
     */
    public static Bucket.Builder logBucket(final Construct scope, final String id) {
        return Bucket.Builder.create(scope, id)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .enforceSsl(true)
                .minimumTlsVersion(1.2)
                .versioned(true)
                .lifecycleRules(archiveLifecycle())
                .removalPolicy(RemovalPolicy.RETAIN);
    }

    /**
     * The destination of a log bucket's S3 server access logs: a hardened log bucket under SSE-S3 (the only
     * encryption server access logging delivers to), with its two unfixable findings acknowledged on it.
     */
    public static Bucket accessLogBucket(final Construct scope, final String id) {
        if (!FeatureFlags.of(scope).isEnabled(ACCESS_LOGS_USE_BUCKET_POLICY)) {
            new Problems().add(ErrorCode.CONFLICTING_PROPS, "context " + ACCESS_LOGS_USE_BUCKET_POLICY, false,
                            "true (in cdk.json context, or App context): without it CDK grants S3 log delivery "
                                    + "through an ACL, which a bucket-owner-enforced access-log bucket refuses")
                    .throwIfAny(() -> "access-log bucket " + scope.getNode().getPath() + "/" + id);
        }
        Bucket accessLogs = logBucket(scope, id)
                // Server access logging can only deliver to an SSE-S3 bucket.
                .encryption(BucketEncryption.S3_MANAGED)
                .build();
        sendEventsToEventBridge(accessLogs);
        CfnResource resource = (CfnResource) accessLogs.getNode().getDefaultChild();
        Acknowledgements.acknowledge(resource,
                "S3 server access logging delivers only to buckets encrypted with SSE-S3 (AES256); SSE-KMS is "
                        + "not supported on a server-access-log destination, so this bucket cannot use a CMK.",
                "HIPAA.Security-S3DefaultEncryptionKMS", "NIST.800.53.R5-S3DefaultEncryptionKMS",
                "PCI.DSS.321-S3DefaultEncryptionKMS");
        Acknowledgements.acknowledge(resource,
                "S3 server access logging refuses a destination bucket with an Object Lock default retention; "
                        + "versioning and RETAIN protect these access logs instead.",
                "NIST.800.53.R4-S3BucketDefaultLockEnabled");
        return accessLogs;
    }

    /**
     * Sends every event of the bucket (object created, deleted, restored, lifecycle) to the account's default
     * EventBridge bus (BP-MON-4), where a rule can watch a log bucket for deletions. Set on the {@code CfnBucket}
     * ({@code NotificationConfiguration.EventBridgeConfiguration}) rather than through the L2's
     * {@code eventBridgeEnabled}, which deploys a Lambda-backed custom resource to do the same.
     *
     * @return the bucket
     */
    public static Bucket sendEventsToEventBridge(final Bucket bucket) {
        ((CfnBucket) bucket.getNode().getDefaultChild()).setNotificationConfiguration(
                CfnBucket.NotificationConfigurationProperty.builder()
                        .eventBridgeConfiguration(CfnBucket.EventBridgeConfigurationProperty.builder()
                                .eventBridgeEnabled(true).build())
                        .build());
        return bucket;
    }

    /**
     * Colder storage as logs age; no version is ever expired, current or not: a log object deleted or overwritten
     * stays recoverable as a noncurrent version for as long as the bucket exists (audit data outlives the profile's
     * retention; only a deliberate break-glass removes it).
     */
    public static List<LifecycleRule> archiveLifecycle() {
        return List.of(LifecycleRule.builder()
                .id("ArchiveAgeingLogs")
                .abortIncompleteMultipartUploadAfter(Duration.days(7))
                .transitions(List.of(
                        Transition.builder().storageClass(StorageClass.INFREQUENT_ACCESS)
                                .transitionAfter(Duration.days(30)).build(),
                        Transition.builder().storageClass(StorageClass.GLACIER)
                                .transitionAfter(Duration.days(90)).build()))
                .noncurrentVersionTransitions(List.of(NoncurrentVersionTransition.builder()
                        .storageClass(StorageClass.GLACIER).transitionAfter(Duration.days(30)).build()))
                .build());
    }
}
