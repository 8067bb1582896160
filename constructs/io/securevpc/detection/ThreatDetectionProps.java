package io.securevpc.detection;

import java.util.List;
import java.util.Set;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/** Props of {@link ThreatDetection}. */
public final class ThreatDetectionProps {
    /** How often GuardDuty publishes updates of existing findings (new findings are sent at once). */
    public enum PublishingFrequency { FIFTEEN_MINUTES, ONE_HOUR, SIX_HOURS }

    private final String existingDetectorId;
    private final Set<ThreatDetection.Feature> disabledFeatures;
    private final PublishingFrequency findingPublishingFrequency;

    private ThreatDetectionProps(final Builder b) {
        this.existingDetectorId = b.existingDetectorId;
        this.disabledFeatures = b.disabledFeatures == null ? Set.of() : Set.copyOf(b.disabledFeatures);
        this.findingPublishingFrequency = b.frequency == null ? PublishingFrequency.FIFTEEN_MINUTES : b.frequency;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Adopt the account's existing detector (there is one per account and region) instead of creating one.
     * {@code @default} a detector is created
     */
    public @Nullable String getExistingDetectorId() {
        return existingDetectorId;
    }

    /**
     * Protection features to turn off; each warns at synth.
     * {@code @default} none: every feature on
     */
    public @NotNull Set<ThreatDetection.Feature> getDisabledFeatures() {
        return disabledFeatures;
    }

    /** {@code @default} FIFTEEN_MINUTES, the fastest */
    public @NotNull PublishingFrequency getFindingPublishingFrequency() {
        return findingPublishingFrequency;
    }

    /** Builder of {@link ThreatDetectionProps}. */
    public static final class Builder {
        private String existingDetectorId;
        private List<ThreatDetection.Feature> disabledFeatures;
        private PublishingFrequency frequency;

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
