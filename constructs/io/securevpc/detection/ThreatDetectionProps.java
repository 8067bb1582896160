package io.securevpc.detection;

import io.securevpc.internal.RequiredProps;
import java.util.List;
import java.util.Set;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.s3.IBucket;

/** Props of {@link ThreatDetection}. */
public final class ThreatDetectionProps {
    /** How often GuardDuty publishes updates of existing findings (new findings are sent at once). */
    public enum PublishingFrequency { FIFTEEN_MINUTES, ONE_HOUR, SIX_HOURS }

    private final String existingDetectorId;
    private final Set<ThreatDetection.Feature> disabledFeatures;
    private final PublishingFrequency findingPublishingFrequency;
    private final IBucket findingsBucket;
    private final IKey findingsKey;

    private ThreatDetectionProps(final Builder b) {
        RequiredProps.of("ThreatDetectionProps")
                .elements("disabledFeatures", b.disabledFeatures)
                .check();
        this.existingDetectorId = b.existingDetectorId;
        this.disabledFeatures = b.disabledFeatures == null ? null : Set.copyOf(b.disabledFeatures);
        this.findingPublishingFrequency = b.frequency;
        this.findingsBucket = b.findingsBucket;
        this.findingsKey = b.findingsKey;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Adopt the account's existing detector (there is one per account and region) instead of creating one.
     *
     * @default - a detector is created for the account and region
     */
    public @Nullable String getExistingDetectorId() {
        return existingDetectorId;
    }

    /**
     * Protection features to turn off; each warns at synth.
     *
     * @default - every protection feature is on
     */
    public @Nullable Set<ThreatDetection.Feature> getDisabledFeatures() {
        return disabledFeatures;
    }

    /**
     * How often GuardDuty publishes updates of existing findings.
     *
     * @default - FIFTEEN_MINUTES, the fastest
     */
    public @Nullable PublishingFrequency getFindingPublishingFrequency() {
        return findingPublishingFrequency;
    }

    /**
     * Export every finding to this bucket (e.g. the audit log archive), beyond GuardDuty's 90 days. Needs
     * {@link #getFindingsKey()}; GuardDuty is granted write access to the bucket and use of the key.
     *
     * @default - no export
     */
    public @Nullable IBucket getFindingsBucket() {
        return findingsBucket;
    }

    /**
     * The customer-managed key GuardDuty encrypts exported findings with.
     *
     * @default - no key: nothing is exported without one (see {@link #getFindingsBucket()})
     */
    public @Nullable IKey getFindingsKey() {
        return findingsKey;
    }

    /** Builder of {@link ThreatDetectionProps}. */
    public static final class Builder {
        private String existingDetectorId;
        private List<ThreatDetection.Feature> disabledFeatures;
        private PublishingFrequency frequency;
        private IBucket findingsBucket;
        private IKey findingsKey;

        public Builder findingsBucket(final @Nullable IBucket v) {
            this.findingsBucket = v;
            return this;
        }

        public Builder findingsKey(final @Nullable IKey v) {
            this.findingsKey = v;
            return this;
        }

        public Builder existingDetectorId(final @Nullable String v) {
            this.existingDetectorId = v;
            return this;
        }

        public Builder disabledFeatures(final @Nullable List<ThreatDetection.Feature> v) {
            this.disabledFeatures = v;
            return this;
        }

        public Builder findingPublishingFrequency(final @Nullable PublishingFrequency v) {
            this.frequency = v;
            return this;
        }

        public ThreatDetectionProps build() {
            return new ThreatDetectionProps(this);
        }
    }
}
