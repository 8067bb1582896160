package io.securevpc.audit;

import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.kms.IKey;

/** Props of {@link LogArchive}. Immutable; build with {@link #builder()}. */
public final class LogArchiveProps {
    private final IKey encryptionKey;
    private final Duration objectLockRetention;
    private final String organizationId;

    private LogArchiveProps(final Builder b) {
        this.encryptionKey = b.encryptionKey;
        this.objectLockRetention = b.objectLockRetention;
        this.organizationId = b.organizationId;
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
     * @default - no Object Lock: versioning, {@code RETAIN} and the bucket policy protect the objects
     */
    public @Nullable Duration getObjectLockRetention() {
        return objectLockRetention;
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

    /** Builder of {@link LogArchiveProps}. */
    public static final class Builder {
        private IKey encryptionKey;
        private Duration objectLockRetention;
        private String organizationId;

        private Builder() {
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

        public LogArchiveProps build() {
            return new LogArchiveProps(this);
        }
    }
}
