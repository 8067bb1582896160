package io.securevpc.detection;

import java.util.Objects;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.services.ec2.IVpc;

/** Props of {@link InstanceIsolation}. */
public final class InstanceIsolationProps {
    private final IVpc vpc;
    private final SecurityAlerts alerts;
    private final double severityThreshold;
    private final boolean alertOnly;
    private final boolean snapshotVolumes;

    private InstanceIsolationProps(final Builder b) {
        this.vpc = Objects.requireNonNull(b.vpc, "vpc is required");
        this.alerts = Objects.requireNonNull(b.alerts, "alerts is required");
        this.severityThreshold = b.severityThreshold == null ? 7.0 : b.severityThreshold;
        this.alertOnly = Boolean.TRUE.equals(b.alertOnly);
        this.snapshotVolumes = !Boolean.FALSE.equals(b.snapshotVolumes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** @return the VPC the quarantine security group lives in. */
    public @NotNull IVpc getVpc() {
        return vpc;
    }

    public @NotNull SecurityAlerts getAlerts() {
        return alerts;
    }

    /** Lowest GuardDuty severity acted on. {@code @default} 7 (high) */
    public double getSeverityThreshold() {
        return severityThreshold;
    }

    /** Report only, change nothing (dry run); warns at synth. {@code @default} false */
    public boolean isAlertOnly() {
        return alertOnly;
    }

    /** Snapshot the instance's volumes as evidence. {@code @default} true */
    public boolean isSnapshotVolumes() {
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
