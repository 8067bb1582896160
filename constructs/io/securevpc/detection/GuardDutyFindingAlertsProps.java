package io.securevpc.detection;

import io.securevpc.internal.RequiredProps;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/** Props of {@link GuardDutyFindingAlerts}. */
public final class GuardDutyFindingAlertsProps {
    private final SecurityAlerts alerts;
    private final Boolean alertOnLowSeverity;
    private final Boolean excludeInstanceFindings;

    private GuardDutyFindingAlertsProps(final Builder b) {
        RequiredProps.of("GuardDutyFindingAlertsProps").require("alerts", b.alerts).check();
        this.alerts = b.alerts;
        this.alertOnLowSeverity = b.alertOnLowSeverity;
        this.excludeInstanceFindings = b.excludeInstanceFindings;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** @return where the alerts go. */
    public @NotNull SecurityAlerts getAlerts() {
        return alerts;
    }

    /**
     * Also alert on low-severity findings (below 4): GuardDuty's "suspicious activity that was blocked", often
     * noise (port probes of a closed port, sample findings).
     *
     * @default - false: low-severity findings stay in GuardDuty (and in the findings export) without an alert
     */
    public @Nullable Boolean getAlertOnLowSeverity() {
        return alertOnLowSeverity;
    }

    /**
     * Leave findings on an EC2 instance ({@code resourceType: Instance}) to {@link InstanceFindingAlerts}, which
     * names the instance, so that one finding is not reported twice.
     *
     * @default - false: findings on instances are reported here too
     */
    public @Nullable Boolean getExcludeInstanceFindings() {
        return excludeInstanceFindings;
    }

    /** Builder of {@link GuardDutyFindingAlertsProps}. */
    public static final class Builder {
        private SecurityAlerts alerts;
        private Boolean alertOnLowSeverity;
        private Boolean excludeInstanceFindings;

        public Builder alerts(final @NotNull SecurityAlerts v) {
            this.alerts = v;
            return this;
        }

        public Builder alertOnLowSeverity(final @Nullable Boolean v) {
            this.alertOnLowSeverity = v;
            return this;
        }

        public Builder excludeInstanceFindings(final @Nullable Boolean v) {
            this.excludeInstanceFindings = v;
            return this;
        }

        public GuardDutyFindingAlertsProps build() {
            return new GuardDutyFindingAlertsProps(this);
        }
    }
}
