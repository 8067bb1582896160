package io.securevpc.network;

import io.securevpc.internal.RequiredProps;
import java.util.List;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.events.IRule;

/** Props of {@link NetworkDashboard}. Immutable; build with {@link #builder()}. */
public final class NetworkDashboardProps {
    private final ISecureVpc secureVpc;
    private final FlowLogAlarms flowLogAlarms;
    private final List<IAlarm> alarms;
    private final List<IRule> remediationRules;
    private final String dashboardName;

    private NetworkDashboardProps(final Builder b) {
        RequiredProps.of("NetworkDashboardProps").require("secureVpc", b.secureVpc)
                .require("flowLogAlarms", b.flowLogAlarms).elements("alarms", b.alarms)
                .elements("remediationRules", b.remediationRules).check();
        this.secureVpc = b.secureVpc;
        this.flowLogAlarms = b.flowLogAlarms;
        this.alarms = b.alarms == null ? null : List.copyOf(b.alarms);
        this.remediationRules = b.remediationRules == null ? null : List.copyOf(b.remediationRules);
        this.dashboardName = b.dashboardName;
    }

    public static @NotNull Builder builder() {
        return new Builder();
    }

    /** @return the VPC shown: its NAT gateways and its interface endpoints' traffic */
    public @NotNull ISecureVpc getSecureVpc() {
        return secureVpc;
    }

    /** @return the flow-log alarms of the same VPC: their per-tier metrics are graphed and their state shown */
    public @NotNull FlowLogAlarms getFlowLogAlarms() {
        return flowLogAlarms;
    }

    /**
     * More alarms of the environment whose state the dashboard shows beside the flow-log alarms.
     *
     * @default - the flow-log alarms only
     */
    public @Nullable List<IAlarm> getAlarms() {
        return alarms;
    }

    /**
     * The EventBridge rules that start the environment's remediation: their invocations and failed invocations
     * ({@code AWS/Events}) are graphed, one line per rule.
     *
     * @default - no remediation widget
     */
    public @Nullable List<IRule> getRemediationRules() {
        return remediationRules;
    }

    /**
     * The dashboard's name, unique in the account and region.
     *
     * @default - a name CloudFormation generates
     */
    public @Nullable String getDashboardName() {
        return dashboardName;
    }

    /** Builder of {@link NetworkDashboardProps}. */
    public static final class Builder {
        private ISecureVpc secureVpc;
        private FlowLogAlarms flowLogAlarms;
        private List<IAlarm> alarms;
        private List<IRule> remediationRules;
        private String dashboardName;

        private Builder() {
        }

        /** @see NetworkDashboardProps#getSecureVpc() */
        public @NotNull Builder secureVpc(final @NotNull ISecureVpc v) {
            this.secureVpc = v;
            return this;
        }

        /** @see NetworkDashboardProps#getFlowLogAlarms() */
        public @NotNull Builder flowLogAlarms(final @NotNull FlowLogAlarms v) {
            this.flowLogAlarms = v;
            return this;
        }

        /** @see NetworkDashboardProps#getAlarms() */
        public @NotNull Builder alarms(final @Nullable List<IAlarm> v) {
            this.alarms = v;
            return this;
        }

        /** @see NetworkDashboardProps#getRemediationRules() */
        public @NotNull Builder remediationRules(final @Nullable List<IRule> v) {
            this.remediationRules = v;
            return this;
        }

        /** @see NetworkDashboardProps#getDashboardName() */
        public @NotNull Builder dashboardName(final @Nullable String v) {
            this.dashboardName = v;
            return this;
        }

        public @NotNull NetworkDashboardProps build() {
            return new NetworkDashboardProps(this);
        }
    }
}
