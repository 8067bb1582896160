package io.securevpc.detection;

import io.securevpc.internal.RequiredProps;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.services.ec2.IVpc;

/** Props of {@link InstanceIsolation}. */
public final class InstanceIsolationProps {
    private final IVpc vpc;
    private final SecurityAlerts alerts;
    private final Double severityThreshold;
    private final Boolean alertOnly;
    private final Boolean snapshotVolumes;

    private InstanceIsolationProps(final Builder b) {
        RequiredProps.of("InstanceIsolationProps").require("vpc", b.vpc).require("alerts", b.alerts).check();
        this.vpc = b.vpc;
        this.alerts = b.alerts;
        this.severityThreshold = b.severityThreshold;
        this.alertOnly = b.alertOnly;
        this.snapshotVolumes = b.snapshotVolumes;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** @return the VPC the quarantine security group lives in. */
    public @NotNull IVpc getVpc() {
        return vpc;
    }

    /** @return where the alert about each finding and the automation's outcome go. */
    public @NotNull SecurityAlerts getAlerts() {
        return alerts;
    }

    /**
     * Lowest GuardDuty severity acted on.
     *
     * @default - 7 (high): findings of severity 7 and above
     */
    public @Nullable Double getSeverityThreshold() {
        return severityThreshold;
    }

    /**
     * Report only, change nothing (dry run); warns at synth.
     *
     * @default - false: the instance is isolated
     */
    public @Nullable Boolean getAlertOnly() {
        return alertOnly;
    }

    /**
     * Snapshot the instance's volumes as evidence.
     *
     * @default - true: snapshots are taken
     */
    public @Nullable Boolean getSnapshotVolumes() {
        return snapshotVolumes;
    }

    /** Builder of {@link InstanceIsolationProps}. */
    public static final class Builder {
        private IVpc vpc;
        private SecurityAlerts alerts;
        private Double severityThreshold;
        private Boolean alertOnly;
        private Boolean snapshotVolumes;

        public Builder vpc(final @NotNull IVpc v) {
            this.vpc = v;
            return this;
        }

        public Builder alerts(final @NotNull SecurityAlerts v) {
            this.alerts = v;
            return this;
        }

        public Builder severityThreshold(final @Nullable Double v) {
            this.severityThreshold = v;
            return this;
        }

        public Builder alertOnly(final @Nullable Boolean v) {
            this.alertOnly = v;
            return this;
        }

        public Builder snapshotVolumes(final @Nullable Boolean v) {
            this.snapshotVolumes = v;
            return this;
        }

        public InstanceIsolationProps build() {
            return new InstanceIsolationProps(this);
        }
    }
}
