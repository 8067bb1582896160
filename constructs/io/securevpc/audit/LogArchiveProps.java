package io.securevpc.audit;

import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.s3.ObjectLockMode;

/** Props of {@link LogArchive}. Immutable; build with {@link #builder()}. */
public final class LogArchiveProps {
    private final IKey encryptionKey;
    private final Duration objectLockRetention;
    private final String organizationId;
    private final String trailAccount;
    private final String bucketName;
    private final ObjectLockMode objectLockMode;
    private final String breakGlassPrincipalArn;

    private LogArchiveProps(final Builder b) {
        this.objectLockMode = b.objectLockMode;
        this.breakGlassPrincipalArn = b.breakGlassPrincipalArn;
        this.encryptionKey = b.encryptionKey;
        this.objectLockRetention = b.objectLockRetention;
        this.organizationId = b.organizationId;
        this.trailAccount = b.trailAccount;
        this.bucketName = b.bucketName;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The customer-managed key that encrypts the archive. A key given here keeps its own key policy: it must
     * let CloudTrail, AWS Config and CloudWatch Logs of this account use it (see {@link LogArchive}).
     *
     * @default - a new key with rotation on, {@code RETAIN}, and a key policy scoped to those services
     */
    public @Nullable IKey getEncryptionKey() {
        return encryptionKey;
    }

    /**
     * Turns on S3 Object Lock in GOVERNANCE mode with this default retention (1 day to 100 years): no object
     * version can be deleted or overwritten before it ages out, except by a principal allowed
     * {@code s3:BypassGovernanceRetention}. Object Lock can only be chosen when the bucket is created. AWS Config
     * then delivers to a separate bucket without default retention (see {@link LogArchive#getConfigBucket()}).
     *
     * @default - no Object Lock (a synth warning): versioning, {@code RETAIN} and the bucket policy's denies
     *     protect the objects
     */
    public @Nullable Duration getObjectLockRetention() {
        return objectLockRetention;
    }

    /**
     * The Object Lock mode of {@link #getObjectLockRetention()}: {@code GOVERNANCE} lets a principal allowed
     * {@code s3:BypassGovernanceRetention} (the bucket policy denies it to all but
     * {@link #getBreakGlassPrincipalArn()}) shorten a retention; {@code COMPLIANCE} lets nobody, the account's root
     * user included, delete a version before it ages out (BP-AUD-1). Only with objectLockRetention.
     *
     * @default - {@code GOVERNANCE}
     */
    public @Nullable ObjectLockMode getObjectLockMode() {
        return objectLockMode;
    }

    /**
     * The one principal (an IAM role or user ARN, matched with {@code StringNotLike} on {@code aws:PrincipalArn},
     * so {@code *} is a wildcard) still allowed to erase or reconfigure the archive: delete object versions, bypass
     * GOVERNANCE retention, change the bucket policy, lifecycle, versioning or Object Lock configuration, and
     * disable the archive key, schedule its deletion or change its key policy (BP-AUD-1/2).
     *
     * @default - the buckets deny those actions to every principal (the account's root user can still replace a
     *     bucket policy: S3 always lets the bucket owner's root user do that, and the change is recorded and
     *     alarmed); the key denies them to every principal but the account's root user, since a key policy nobody
     *     may change can never be changed again
     */
    public @Nullable String getBreakGlassPrincipalArn() {
        return breakGlassPrincipalArn;
    }

    /**
     * The AWS Organizations id ({@code o-...}) whose organization trail, created in this account, writes to
     * the archive under {@code AWSLogs/<organizationId>/}.
     *
     * @default - only trails of this account write, under {@code AWSLogs/<account>/}
     */
    public @Nullable String getOrganizationId() {
        return organizationId;
    }

    /**
     * The account whose trails write to the archive, when that is not the archive's own account: an organization
     * trail's management or delegated administrator account, writing to a log archive account's bucket (with
     * {@link #getOrganizationId()}). The archive's bucket and key policies then let CloudTrail write and encrypt for
     * trails of that account only ({@code aws:SourceAccount}, {@code aws:SourceArn}, the {@code aws:cloudtrail:arn}
     * encryption context), under {@code AWSLogs/<trailAccount>/} and {@code AWSLogs/<organizationId>/}.
     *
     * @default - trails of the archive's own account
     */
    public @Nullable String getTrailAccount() {
        return trailAccount;
    }

    /**
     * The name of the archive bucket (CloudTrail's), so that a trail of another account can name it before it
     * exists (see {@link #getTrailAccount()}). S3 bucket names are global: the name must be free.
     *
     * @default - a name CloudFormation generates
     */
    public @Nullable String getBucketName() {
        return bucketName;
    }

    /** Builder of {@link LogArchiveProps}. */
    public static final class Builder {
        private IKey encryptionKey;
        private Duration objectLockRetention;
        private String organizationId;
        private String trailAccount;
        private String bucketName;
        private ObjectLockMode objectLockMode;
        private String breakGlassPrincipalArn;

        private Builder() {
        }

        /** @see LogArchiveProps#getObjectLockMode() */
        public Builder objectLockMode(final @Nullable ObjectLockMode value) {
            this.objectLockMode = value;
            return this;
        }

        /** @see LogArchiveProps#getBreakGlassPrincipalArn() */
        public Builder breakGlassPrincipalArn(final @Nullable String value) {
            this.breakGlassPrincipalArn = value;
            return this;
        }

        /** @see LogArchiveProps#getEncryptionKey() */
        public Builder encryptionKey(final @Nullable IKey value) {
            this.encryptionKey = value;
            return this;
        }

        /** @see LogArchiveProps#getObjectLockRetention() */
        public Builder objectLockRetention(final @Nullable Duration value) {
            this.objectLockRetention = value;
            return this;
        }

        /** @see LogArchiveProps#getOrganizationId() */
        public Builder organizationId(final @Nullable String value) {
            this.organizationId = value;
            return this;
        }

        /** @see LogArchiveProps#getTrailAccount() */
        public Builder trailAccount(final @Nullable String value) {
            this.trailAccount = value;
            return this;
        }

        /** @see LogArchiveProps#getBucketName() */
        public Builder bucketName(final @Nullable String value) {
            this.bucketName = value;
            return this;
        }

        public LogArchiveProps build() {
            return new LogArchiveProps(this);
        }
    }
}
