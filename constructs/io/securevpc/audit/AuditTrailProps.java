package io.securevpc.audit;

import io.securevpc.internal.RequiredProps;
import java.util.List;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.IBucket;

/** Props of {@link AuditTrail}. Immutable; build with {@link #builder()}. */
public final class AuditTrailProps {
    private final IBucket bucket;
    private final IKey encryptionKey;
    private final IKey logGroupKey;
    private final RetentionDays logRetention;
    private final Boolean s3DataEvents;
    private final Boolean lambdaDataEvents;
    private final Boolean insights;
    private final Boolean organizationTrail;
    private final ILogGroup existingTrailLogGroup;
    private final List<IBucket> watchedBuckets;

    private AuditTrailProps(final Builder b) {
        RequiredProps.of("AuditTrailProps").elements("watchedBuckets", b.watchedBuckets).check();
        this.watchedBuckets = b.watchedBuckets == null ? null : List.copyOf(b.watchedBuckets);
        this.bucket = b.bucket;
        this.encryptionKey = b.encryptionKey;
        this.logGroupKey = b.logGroupKey;
        this.logRetention = b.logRetention;
        this.s3DataEvents = b.s3DataEvents;
        this.lambdaDataEvents = b.lambdaDataEvents;
        this.insights = b.insights;
        this.organizationTrail = b.organizationTrail;
        this.existingTrailLogGroup = b.existingTrailLogGroup;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Props that deliver to a {@link LogArchive}: its bucket, its key for the log files and the log group, and its
     * archive buckets watched for object-level writes.
     */
    public static Builder builder(final LogArchive archive) {
        RequiredProps.of("AuditTrailProps").require("archive", archive).check();
        return new Builder().bucket(archive.getBucket()).encryptionKey(archive.getKey())
                .watchedBuckets(archive.getConfigBucket() == archive.getBucket() ? List.of(archive.getBucket())
                        : List.of(archive.getBucket(), archive.getConfigBucket()));
    }

    /**
     * The bucket the trail delivers its log files to; its policy must let CloudTrail write (a {@link LogArchive}
     * does). Required unless {@link #getExistingTrailLogGroup()} is given.
     *
     * @default - no bucket: AuditTrail fails (SVPC-009) unless existingTrailLogGroup is given
     */
    public @Nullable IBucket getBucket() {
        return bucket;
    }

    /**
     * The customer-managed key that encrypts the log files (SSE-KMS). Required unless
     * {@link #getExistingTrailLogGroup()} is given.
     *
     * @default - no key: AuditTrail fails (SVPC-009) unless existingTrailLogGroup is given
     */
    public @Nullable IKey getEncryptionKey() {
        return encryptionKey;
    }

    /**
     * The key that encrypts the trail's CloudWatch Logs group; its policy must allow this region's CloudWatch
     * Logs service.
     *
     * @default - {@link #getEncryptionKey()}
     */
    public @Nullable IKey getLogGroupKey() {
        return logGroupKey;
    }

    /**
     * How long the trail's CloudWatch Logs group keeps events: at least {@code ONE_YEAR}.
     *
     * @default - {@code RetentionDays.ONE_YEAR}
     */
    public @Nullable RetentionDays getLogRetention() {
        return logRetention;
    }

    /**
     * Also record S3 object-level (data) events of every bucket. Charged per event.
     *
     * @default - false: management events only
     */
    public @Nullable Boolean getS3DataEvents() {
        return s3DataEvents;
    }

    /**
     * Buckets whose object-level write events the trail records (S3 data events, write-only): deletions of objects
     * and versions, retention and legal-hold changes, copies (BP-AUD-1). {@code PutObject} is left out: CloudTrail's
     * own delivery of a log file is a {@code PutObject} in the archive, and recording it would log every delivery
     * again (AWS calls these recursive events). Charged per event.
     *
     * @default - none with {@link #builder()}; the archive's buckets with {@link #builder(LogArchive)}
     */
    public @Nullable List<IBucket> getWatchedBuckets() {
        return watchedBuckets;
    }

    /**
     * Also record Lambda invocations (data events) of every function. Charged per event.
     *
     * @default - false: management events only
     */
    public @Nullable Boolean getLambdaDataEvents() {
        return lambdaDataEvents;
    }

    /**
     * Turn on CloudTrail Insights (unusual API call rates and error rates). Charged per event analysed.
     *
     * @default - false
     */
    public @Nullable Boolean getInsights() {
        return insights;
    }

    /**
     * Make the trail an organization trail (created in the management or delegated administrator account;
     * one per organization). The archive must accept {@code AWSLogs/<orgId>/} (see
     * {@link LogArchiveProps#getOrganizationId()}).
     *
     * @default - false: a trail of this account
     */
    public @Nullable Boolean getOrganizationTrail() {
        return organizationTrail;
    }

    /**
     * Adopt an existing trail (e.g. the organization trail, of which there can be only one) instead of
     * creating one: give the CloudWatch Logs group it delivers to, and {@link SecurityAlarms} watch that.
     * The existing trail's own settings are not changed.
     *
     * @default - a new trail is created
     */
    public @Nullable ILogGroup getExistingTrailLogGroup() {
        return existingTrailLogGroup;
    }

    /** Builder of {@link AuditTrailProps}. */
    public static final class Builder {
        private IBucket bucket;
        private IKey encryptionKey;
        private IKey logGroupKey;
        private RetentionDays logRetention;
        private Boolean s3DataEvents;
        private Boolean lambdaDataEvents;
        private Boolean insights;
        private Boolean organizationTrail;
        private ILogGroup existingTrailLogGroup;
        private List<IBucket> watchedBuckets;

        private Builder() {
        }

        /** @see AuditTrailProps#getWatchedBuckets() */
        public Builder watchedBuckets(final @Nullable List<IBucket> value) {
            this.watchedBuckets = value;
            return this;
        }

        /** @see AuditTrailProps#getBucket() */
        public Builder bucket(final @Nullable IBucket value) {
            this.bucket = value;
            return this;
        }

        /** @see AuditTrailProps#getEncryptionKey() */
        public Builder encryptionKey(final @Nullable IKey value) {
            this.encryptionKey = value;
            return this;
        }

        /** @see AuditTrailProps#getLogGroupKey() */
        public Builder logGroupKey(final @Nullable IKey value) {
            this.logGroupKey = value;
            return this;
        }

        /** @see AuditTrailProps#getLogRetention() */
        public Builder logRetention(final @Nullable RetentionDays value) {
            this.logRetention = value;
            return this;
        }

        /** @see AuditTrailProps#getS3DataEvents() */
        public Builder s3DataEvents(final @Nullable Boolean value) {
            this.s3DataEvents = value;
            return this;
        }

        /** @see AuditTrailProps#getLambdaDataEvents() */
        public Builder lambdaDataEvents(final @Nullable Boolean value) {
            this.lambdaDataEvents = value;
            return this;
        }

        /** @see AuditTrailProps#getInsights() */
        public Builder insights(final @Nullable Boolean value) {
            this.insights = value;
            return this;
        }

        /** @see AuditTrailProps#getOrganizationTrail() */
        public Builder organizationTrail(final @Nullable Boolean value) {
            this.organizationTrail = value;
            return this;
        }

        /** @see AuditTrailProps#getExistingTrailLogGroup() */
        public Builder existingTrailLogGroup(final @Nullable ILogGroup value) {
            this.existingTrailLogGroup = value;
            return this;
        }

        public AuditTrailProps build() {
            return new AuditTrailProps(this);
        }
    }
}
