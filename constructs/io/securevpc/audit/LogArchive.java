package io.securevpc.audit;

import io.securevpc.ErrorCode;
import io.securevpc.internal.AwsIds;
import io.securevpc.internal.HardenedBuckets;
import io.securevpc.internal.KeyPolicies;
import io.securevpc.internal.Maps;
import io.securevpc.internal.Problems;
import java.util.List;
import java.util.Map;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.CfnKey;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.ObjectLockMode;
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
 *       (for trails of this account: {@code aws:SourceAccount}, {@code aws:SourceArn} and the
 *       {@code aws:cloudtrail:arn} encryption context), {@code config.amazonaws.com} ({@code aws:SourceAccount}, the
 *       only condition AWS Config documents for delivery) and this region's CloudWatch Logs (for log groups of this
 *       account) may use it (BP-IAM-1/3). Nobody but the break-glass principal may disable it, schedule its
 *       deletion or change its key policy, and grants may be created only for AWS resources
 *       ({@code kms:GrantIsForAWSResource}).</li>
 *   <li>Bucket: SSE-KMS with a bucket key, versioning, block public access, bucket-owner-enforced ownership,
 *       SSL-only (TLS 1.2+), uploads asking for other encryption than SSE-KMS denied (except CloudTrail's
 *       SSE-S3 digest files), server access logs to the access-log
 *       bucket, lifecycle to colder storage, every bucket event to EventBridge, optional Object Lock retention
 *       (GOVERNANCE, or COMPLIANCE). With Object Lock, AWS Config delivers to a second bucket with the same
 *       hardening and no Object Lock ({@link #getConfigBucket()}): AWS Config does not support delivery to a
 *       bucket with Object Lock enabled.</li>
 *   <li>Bucket policy: CloudTrail may write under {@code AWSLogs/<account>/} (and {@code AWSLogs/<orgId>/}
 *       for an organization trail), AWS Config under {@code AWSLogs/<account>/Config/}, each with
 *       {@code aws:SourceAccount} and {@code aws:SourceArn} conditions and {@code bucket-owner-full-control}.
 *       On both archive buckets, every principal but the break-glass one is denied deleting objects or versions,
 *       bypassing governance retention, and changing the bucket policy, lifecycle, versioning or Object Lock
 *       configuration; an upload naming another KMS key than the archive's is denied (BP-AUD-1/2).</li>
 * </ul>
 */
public final class LogArchive extends Construct {
    /** Where AWS Config delivers, under the archive's bucket: {@code AWSLogs/<account>/Config/}. */
    static final String CONFIG_PREFIX = "Config";
    private static final long MAX_LOCK_DAYS = 36_500;
    /** What the archive buckets deny to all but the break-glass principal (IAM action names). */
    static final List<String> ERASING_ACTIONS = List.of("s3:BypassGovernanceRetention", "s3:DeleteBucket",
            "s3:DeleteBucketPolicy", "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:PutBucketObjectLockConfiguration",
            "s3:PutBucketPolicy", "s3:PutBucketVersioning", "s3:PutLifecycleConfiguration");

    private final String trailAccount;
    private final IKey key;
    private final Bucket bucket;
    private final Bucket accessLogBucket;
    private final Bucket configBucket;

    public LogArchive(final @NotNull Construct scope, final @NotNull String id, final @Nullable LogArchiveProps props) {
        super(scope, id);
        LogArchiveProps p = props != null ? props : LogArchiveProps.builder().build();
        validate(p);
        this.trailAccount = p.getTrailAccount() != null ? p.getTrailAccount() : Stack.of(this).getAccount();
        this.key = p.getEncryptionKey() != null ? p.getEncryptionKey() : createKey(p.getBreakGlassPrincipalArn());
        this.accessLogBucket = HardenedBuckets.accessLogBucket(this, "AccessLogBucket");
        this.bucket = createBucket(p);
        this.configBucket = p.getObjectLockRetention() != null ? createConfigBucket() : bucket;
        for (Bucket archive : configBucket == bucket ? List.of(bucket) : List.of(bucket, configBucket)) {
            HardenedBuckets.sendEventsToEventBridge(archive);
            denyUploadsNotEncryptedWithKms(archive);
            denyUploadsUnderAnotherKey(archive);
            denyErasing(archive, p.getBreakGlassPrincipalArn());
        }
        allowCloudTrail(p.getOrganizationId());
        allowConfig();
        if (p.getObjectLockRetention() == null) {
            Annotations.of(this).addWarningV2("@securevpc/audit:archiveNotLocked",
                    "objectLockRetention is unset: the archive has no Object Lock, so a principal allowed to change "
                            + "the bucket policy (the break-glass principal, the account's root user) can delete "
                            + "audit records (BP-AUD-1).");
        }
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
        if (p.getObjectLockMode() != null && lock == null) {
            problems.add(ErrorCode.LOG_ARCHIVE, "objectLockMode", p.getObjectLockMode(),
                    "unset unless objectLockRetention is set: the mode applies to that default retention");
        }
        AwsIds.check(problems, ErrorCode.LOG_ARCHIVE, "organizationId", p.getOrganizationId(),
                AwsIds.Format.ORGANIZATION_ID);
        AwsIds.check(problems, ErrorCode.LOG_ARCHIVE, "trailAccount", p.getTrailAccount(),
                AwsIds.Format.ACCOUNT_ID);
        AwsIds.check(problems, ErrorCode.LOG_ARCHIVE, "bucketName", p.getBucketName(), AwsIds.Format.S3_BUCKET_NAME);
        AwsIds.check(problems, ErrorCode.LOG_ARCHIVE, "breakGlassPrincipalArn", p.getBreakGlassPrincipalArn(),
                AwsIds.Format.IAM_PRINCIPAL_ARN);
        problems.throwIfAny(() -> "LogArchive " + getNode().getPath());
    }

    private Key createKey(final @Nullable String breakGlass) {
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
                        "StringEquals", Maps.of("aws:SourceAccount", trailAccount),
                        "StringLike", Maps.of("kms:EncryptionContext:aws:cloudtrail:arn", trailArns()),
                        "ArnLike", Maps.of("aws:SourceArn", trailArns())))
                .build());
        created.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowCloudTrailOfThisAccountToDescribe")
                .principals(List.of(new ServicePrincipal("cloudtrail.amazonaws.com")))
                .actions(List.of("kms:DescribeKey"))
                .resources(List.of("*"))
                .conditions(Maps.of("StringEquals", Maps.of("aws:SourceAccount", trailAccount),
                        "ArnLike", Maps.of("aws:SourceArn", trailArns())))
                .build());
        // CloudTrail's documentation: with an S3 Bucket Key (as here), creating or updating a trail with SSE-KMS
        // needs kms:Decrypt.
        created.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowCloudTrailOfThisAccountToDecryptForTheBucketKey")
                .principals(List.of(new ServicePrincipal("cloudtrail.amazonaws.com")))
                .actions(List.of("kms:Decrypt"))
                .resources(List.of("*"))
                .conditions(Maps.of("StringEquals", Maps.of("aws:SourceAccount", trailAccount),
                        "ArnLike", Maps.of("aws:SourceArn", trailArns())))
                .build());
        created.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowConfigOfThisAccount")
                .principals(List.of(new ServicePrincipal("config.amazonaws.com")))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey"))
                .resources(List.of("*"))
                .conditions(Maps.of("StringEquals", Maps.of("aws:SourceAccount", stack.getAccount())))
                .build());
        created.addToResourcePolicy(KeyPolicies.allowCloudWatchLogs(stack));
        protectKey(created, breakGlass);
        return created;
    }

    /**
     * Nobody but the break-glass principal (by default the account's root user: a key policy nobody may change
     * could never be changed again, KMS has no override) may disable the key, schedule its deletion or change its
     * key policy; grants only for AWS resources. The denied PutKeyPolicy fails KMS's lockout safety check for the
     * deploying principal, so the check is bypassed: later changes to this key policy need the break-glass
     * principal (BP-AUD-1, BP-IAM-1).
     */
    private void protectKey(final Key created, final @Nullable String breakGlass) {
        Stack stack = Stack.of(this);
        String exempt = breakGlass != null ? breakGlass
                : "arn:" + stack.getPartition() + ":iam::" + stack.getAccount() + ":root";
        created.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("DenyKeyDestructionExceptBreakGlass")
                .effect(Effect.DENY)
                .principals(List.of(new AnyPrincipal()))
                .actions(List.of("kms:DisableKey", "kms:PutKeyPolicy", "kms:ScheduleKeyDeletion"))
                .resources(List.of("*"))
                .conditions(Maps.of("StringNotLike", Maps.of("aws:PrincipalArn", exempt)))
                .build());
        created.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("DenyGrantsNotForAwsResources")
                .effect(Effect.DENY)
                .principals(List.of(new AnyPrincipal()))
                .actions(List.of("kms:CreateGrant"))
                .resources(List.of("*"))
                .conditions(Maps.of("BoolIfExists", Maps.of("kms:GrantIsForAWSResource", "false")))
                .build());
        ((CfnKey) created.getNode().getDefaultChild()).setBypassPolicyLockoutSafetyCheck(true);
    }

    private Bucket createBucket(final LogArchiveProps p) {
        Bucket.Builder archive = HardenedBuckets.logBucket(this, "Bucket")
                .bucketName(p.getBucketName())
                .encryption(BucketEncryption.KMS)
                .encryptionKey(key)
                .bucketKeyEnabled(true)
                .serverAccessLogsBucket(accessLogBucket)
                .serverAccessLogsPrefix("audit-archive/");
        if (p.getObjectLockRetention() != null) {
            archive.objectLockEnabled(true).objectLockDefaultRetention(p.getObjectLockMode() == ObjectLockMode.COMPLIANCE
                    ? ObjectLockRetention.compliance(p.getObjectLockRetention())
                    : ObjectLockRetention.governance(p.getObjectLockRetention()));
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

    /**
     * Denies an upload that names another KMS key than the archive's. An upload naming no key gets the bucket's
     * default (the archive key); CloudTrail and AWS Config name the key of the trail and the delivery channel,
     * which is this key's ARN. The condition compares the key ARN: S3 evaluates this key in ARN form.
     */
    private void denyUploadsUnderAnotherKey(final Bucket archive) {
        archive.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("DenyUploadsUnderAnotherKey")
                .effect(Effect.DENY)
                .principals(List.of(new AnyPrincipal()))
                .actions(List.of("s3:PutObject"))
                .resources(List.of(archive.arnForObjects("*")))
                .conditions(Maps.of("StringNotEqualsIfExists",
                        Maps.of("s3:x-amz-server-side-encryption-aws-kms-key-id", key.getKeyArn())))
                .build());
    }

    /**
     * Denies erasing the archive to every principal but the break-glass one (to every principal when none is
     * given): deleting objects or versions, bypassing governance retention, and changing the bucket policy,
     * lifecycle, versioning or Object Lock configuration (BP-AUD-1/2). S3 still lets the bucket owner's root user
     * replace or delete the bucket policy; CloudFormation cannot update the policy, lifecycle or versioning once
     * this is deployed, except when deployed as the break-glass principal.
     */
    private static void denyErasing(final Bucket archive, final @Nullable String breakGlass) {
        PolicyStatement.Builder deny = PolicyStatement.Builder.create()
                .sid("DenyErasingTheArchive")
                .effect(Effect.DENY)
                .principals(List.of(new AnyPrincipal()))
                .actions(ERASING_ACTIONS)
                .resources(List.of(archive.getBucketArn(), archive.arnForObjects("*")));
        if (breakGlass != null) {
            deny.conditions(Maps.of("StringNotLike", Maps.of("aws:PrincipalArn", breakGlass)));
        }
        archive.addToResourcePolicy(deny.build());
    }

    private void allowCloudTrail(final @Nullable String organizationId) {
        Map<String, Object> fromTrailsOfThisAccount = Maps.of(
                "StringEquals", Maps.of("aws:SourceAccount", trailAccount),
                "ArnLike", Maps.of("aws:SourceArn", trailArns()));
        ServicePrincipal cloudTrail = new ServicePrincipal("cloudtrail.amazonaws.com");
        bucket.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowCloudTrailAclCheck")
                .principals(List.of(cloudTrail))
                .actions(List.of("s3:GetBucketAcl"))
                .resources(List.of(bucket.getBucketArn()))
                .conditions(fromTrailsOfThisAccount)
                .build());
        List<String> prefixes = organizationId == null ? List.of(trailAccount)
                : List.of(trailAccount, organizationId);
        bucket.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowCloudTrailWrite")
                .principals(List.of(cloudTrail))
                .actions(List.of("s3:PutObject"))
                .resources(prefixes.stream().map(prefix -> bucket.arnForObjects("AWSLogs/" + prefix + "/*")).toList())
                .conditions(Maps.of(
                        "StringEquals", Maps.of("aws:SourceAccount", trailAccount,
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
        return "arn:" + Stack.of(this).getPartition() + ":cloudtrail:*:" + trailAccount + ":trail/*";
    }
}
