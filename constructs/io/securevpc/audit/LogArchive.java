package io.securevpc.audit;

import io.securevpc.internal.KeyPolicies;
import io.securevpc.ErrorCode;
import io.securevpc.internal.AwsIds;
import io.securevpc.internal.HardenedBuckets;
import io.securevpc.internal.Maps;
import io.securevpc.internal.Problems;
import java.util.List;
import java.util.Map;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.ObjectLockRetention;
import software.constructs.Construct;

/**
 * The one hardened archive of audit data (BP-AUD-1, BP-AUD-2): an S3 bucket under a customer-managed key,
 * written only by CloudTrail and AWS Config of this account, and a separate bucket for its S3 server access
 * logs. Nothing that holds audit data is deleted by {@code cdk destroy}: both buckets and the key are
 * {@code RETAIN}.
 *
 * <ul>
 *   <li>Key: rotation on; besides the account's administrators, only {@code cloudtrail.amazonaws.com}
 *       (for trails of this account: {@code aws:SourceAccount} and the {@code aws:cloudtrail:arn} encryption
 *       context), {@code config.amazonaws.com} ({@code aws:SourceAccount}) and this region's CloudWatch Logs
 *       (for log groups of this account) may use it (BP-IAM-1/3).</li>
 *   <li>Bucket: SSE-KMS with a bucket key, versioning, block public access, bucket-owner-enforced ownership,
 *       SSL-only (TLS 1.2+), uploads asking for other encryption than SSE-KMS denied (except CloudTrail's
 *       SSE-S3 digest files), server access logs to the access-log
 *       bucket, lifecycle to colder storage, optional Object Lock (GOVERNANCE) retention. With Object Lock,
 *       AWS Config delivers to a second bucket with the same hardening and no default retention
 *       ({@link #getConfigBucket()}): AWS Config does not send the checksum header S3 then requires.</li>
 *   <li>Bucket policy: CloudTrail may write under {@code AWSLogs/<account>/} (and {@code AWSLogs/<orgId>/}
 *       for an organization trail), AWS Config under {@code AWSLogs/<account>/Config/}, each with
 *       {@code aws:SourceAccount} and {@code aws:SourceArn} conditions and {@code bucket-owner-full-control}.</li>
 * </ul>
 */
public final class LogArchive extends Construct {
    /** Where AWS Config delivers, under the archive's bucket: {@code AWSLogs/<account>/Config/}. */
    static final String CONFIG_PREFIX = "Config";
    private static final long MAX_LOCK_DAYS = 36_500;

    private final IKey key;
    private final Bucket bucket;
    private final Bucket accessLogBucket;
    private final Bucket configBucket;

    public LogArchive(final @NotNull Construct scope, final @NotNull String id, final @Nullable LogArchiveProps props) {
        super(scope, id);
        LogArchiveProps p = props != null ? props : LogArchiveProps.builder().build();
        validate(p);
        this.key = p.getEncryptionKey() != null ? p.getEncryptionKey() : createKey();
        this.accessLogBucket = HardenedBuckets.accessLogBucket(this, "AccessLogBucket");
        this.bucket = createBucket(p);
        this.configBucket = p.getObjectLockRetention() != null ? createConfigBucket() : bucket;
        denyUploadsNotEncryptedWithKms(bucket);
        if (configBucket != bucket) {
            denyUploadsNotEncryptedWithKms(configBucket);
        }
        allowCloudTrail(p.getOrganizationId());
        allowConfig();
    }

    /** @return the archive bucket (CloudTrail and AWS Config deliver here). */
    public IBucket getBucket() {
        return bucket;
    }

    /**
     * @return the bucket AWS Config delivers to: the archive bucket, or, with Object Lock, a second bucket with
     *     the same hardening but no default retention, because AWS Config delivery does not send the integrity
     *     checksum S3 requires for writes to a bucket with a default retention
     */
    public IBucket getConfigBucket() {
        return configBucket;
    }

    /** @return the key that encrypts the archive (and may encrypt the trail's log group). */
    public IKey getKey() {
        return key;
    }

    /** @return the bucket that receives the archive bucket's S3 server access logs. */
    public IBucket getAccessLogBucket() {
        return accessLogBucket;
    }

    private void validate(final LogArchiveProps p) {
        Problems problems = new Problems();
        Duration lock = p.getObjectLockRetention();
        if (lock != null && !Token.isUnresolved(lock.toString())) {
            double days = lock.toSeconds().doubleValue() / 86_400;
            if (days < 1 || days > MAX_LOCK_DAYS || days != Math.floor(days)) {
                problems.add(ErrorCode.LOG_ARCHIVE, "objectLockRetention", lock.toHumanString(),
                        "a whole number of days from 1 to " + MAX_LOCK_DAYS + " (100 years)");
            }
        }
        AwsIds.check(problems, ErrorCode.LOG_ARCHIVE, "organizationId", p.getOrganizationId(),
                AwsIds.Format.ORGANIZATION_ID);
        problems.throwIfAny(() -> "LogArchive " + getNode().getPath());
    }

    private Key createKey() {
        Stack stack = Stack.of(this);
        Key created = Key.Builder.create(this, "Key")
                .description("Encrypts the audit log archive " + getNode().getPath())
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        created.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowCloudTrailOfThisAccountToEncrypt")
                .principals(List.of(new ServicePrincipal("cloudtrail.amazonaws.com")))
                .actions(List.of("kms:GenerateDataKey*"))
                .resources(List.of("*"))
                .conditions(Maps.of(
                        "StringEquals", Maps.of("aws:SourceAccount", stack.getAccount()),
                        "StringLike", Maps.of("kms:EncryptionContext:aws:cloudtrail:arn",
                                "arn:" + stack.getPartition() + ":cloudtrail:*:" + stack.getAccount() + ":trail/*")))
                .build());
        created.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowCloudTrailOfThisAccountToDescribe")
                .principals(List.of(new ServicePrincipal("cloudtrail.amazonaws.com")))
                .actions(List.of("kms:DescribeKey"))
                .resources(List.of("*"))
                .conditions(Maps.of("StringEquals", Maps.of("aws:SourceAccount", stack.getAccount())))
                .build());
        created.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowConfigOfThisAccount")
                .principals(List.of(new ServicePrincipal("config.amazonaws.com")))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey"))
                .resources(List.of("*"))
                .conditions(Maps.of("StringEquals", Maps.of("aws:SourceAccount", stack.getAccount())))
                .build());
        created.addToResourcePolicy(KeyPolicies.allowCloudWatchLogs(stack));
        return created;
    }

    private Bucket createBucket(final LogArchiveProps p) {
        Bucket.Builder archive = HardenedBuckets.logBucket(this, "Bucket")
                .encryption(BucketEncryption.KMS)
                .encryptionKey(key)
                .bucketKeyEnabled(true)
                .serverAccessLogsBucket(accessLogBucket)
                .serverAccessLogsPrefix("audit-archive/");
        if (p.getObjectLockRetention() != null) {
            archive.objectLockEnabled(true)
                    .objectLockDefaultRetention(ObjectLockRetention.governance(p.getObjectLockRetention()));
        }
        return archive.build();
    }

    private Bucket createConfigBucket() {
        return HardenedBuckets.logBucket(this, "ConfigBucket")
                .encryption(BucketEncryption.KMS)
                .encryptionKey(key)
                .bucketKeyEnabled(true)
                .serverAccessLogsBucket(accessLogBucket)
                .serverAccessLogsPrefix("config-archive/")
                .build();
    }

    /**
     * Denies uploads that ask for any encryption but the archive's SSE-KMS; uploads that ask for none get the
     * bucket's default SSE-KMS, so no object is stored unencrypted or under an S3-managed key. The one
     * exception is CloudTrail's digest files ({@code AWSLogs/.../CloudTrail-Digest/}), which CloudTrail always
     * writes with SSE-S3: denying them would break log file integrity validation.
     */
    private static void denyUploadsNotEncryptedWithKms(final Bucket bucket) {
        bucket.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("DenyUploadsNotEncryptedWithKms")
                .effect(Effect.DENY)
                .principals(List.of(new AnyPrincipal()))
                .actions(List.of("s3:PutObject"))
                .notResources(List.of(bucket.arnForObjects("AWSLogs/*/CloudTrail-Digest/*")))
                .conditions(Maps.of(
                        "Null", Maps.of("s3:x-amz-server-side-encryption", "false"),
                        "StringNotEquals", Maps.of("s3:x-amz-server-side-encryption", "aws:kms")))
                .build());
    }

    private void allowCloudTrail(final @Nullable String organizationId) {
        Stack stack = Stack.of(this);
        Map<String, Object> fromTrailsOfThisAccount = Maps.of(
                "StringEquals", Maps.of("aws:SourceAccount", stack.getAccount()),
                "ArnLike", Maps.of("aws:SourceArn", trailArns()));
        ServicePrincipal cloudTrail = new ServicePrincipal("cloudtrail.amazonaws.com");
        bucket.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowCloudTrailAclCheck")
                .principals(List.of(cloudTrail))
                .actions(List.of("s3:GetBucketAcl"))
                .resources(List.of(bucket.getBucketArn()))
                .conditions(fromTrailsOfThisAccount)
                .build());
        List<String> prefixes = organizationId == null ? List.of(stack.getAccount())
                : List.of(stack.getAccount(), organizationId);
        bucket.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowCloudTrailWrite")
                .principals(List.of(cloudTrail))
                .actions(List.of("s3:PutObject"))
                .resources(prefixes.stream().map(prefix -> bucket.arnForObjects("AWSLogs/" + prefix + "/*")).toList())
                .conditions(Maps.of(
                        "StringEquals", Maps.of("aws:SourceAccount", stack.getAccount(),
                                "s3:x-amz-acl", "bucket-owner-full-control"),
                        "ArnLike", Maps.of("aws:SourceArn", trailArns())))
                .build());
    }

    private void allowConfig() {
        Stack stack = Stack.of(this);
        ServicePrincipal config = new ServicePrincipal("config.amazonaws.com");
        configBucket.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowConfigAclCheck")
                .principals(List.of(config))
                .actions(List.of("s3:GetBucketAcl", "s3:ListBucket"))
                .resources(List.of(configBucket.getBucketArn()))
                .conditions(Maps.of("StringEquals", Maps.of("aws:SourceAccount", stack.getAccount())))
                .build());
        configBucket.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowConfigWrite")
                .principals(List.of(config))
                .actions(List.of("s3:PutObject"))
                .resources(List.of(configBucket.arnForObjects("AWSLogs/" + stack.getAccount() + "/" + CONFIG_PREFIX + "/*")))
                .conditions(Maps.of("StringEquals", Maps.of("aws:SourceAccount", stack.getAccount(),
                        "s3:x-amz-acl", "bucket-owner-full-control")))
                .build());
    }

    private String trailArns() {
        Stack stack = Stack.of(this);
        return "arn:" + stack.getPartition() + ":cloudtrail:*:" + stack.getAccount() + ":trail/*";
    }
}
