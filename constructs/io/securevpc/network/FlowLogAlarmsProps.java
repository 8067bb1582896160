package io.securevpc.network;

import io.securevpc.internal.RequiredProps;
import java.util.List;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.sns.ITopic;

/** Props of {@link FlowLogAlarms}. Immutable; build with {@link #builder()}. */
public final class FlowLogAlarmsProps {
    private final ISecureVpc secureVpc;
    private final List<ITopic> topics;
    private final List<String> connectedCidrs;
    private final List<BlockListEntry> blockList;
    private final Double rejectedThreshold;
    private final Double remoteAccessThreshold;
    private final Double blockListThreshold;
    private final Double isolatedEgressThreshold;
    private final Duration period;

    private FlowLogAlarmsProps(final Builder b) {
        RequiredProps.of("FlowLogAlarmsProps").require("secureVpc", b.secureVpc).list("topics", b.topics)
                .elements("connectedCidrs", b.connectedCidrs).elements("blockList", b.blockList).check();
        this.secureVpc = b.secureVpc;
        this.topics = List.copyOf(b.topics);
        this.connectedCidrs = b.connectedCidrs == null ? null : List.copyOf(b.connectedCidrs);
        this.blockList = b.blockList == null ? null : List.copyOf(b.blockList);
        this.rejectedThreshold = b.rejectedThreshold;
        this.remoteAccessThreshold = b.remoteAccessThreshold;
        this.blockListThreshold = b.blockListThreshold;
        this.isolatedEgressThreshold = b.isolatedEgressThreshold;
        this.period = b.period;
    }

    public static @NotNull Builder builder() {
        return new Builder();
    }

    /**
     * @return the VPC whose flow logs are watched; its flow logs must go to CloudWatch Logs
     *     ({@link FlowLogDestinations#CLOUDWATCH_LOGS} or {@link FlowLogDestinations#BOTH})
     */
    public @NotNull ISecureVpc getSecureVpc() {
        return secureVpc;
    }

    /**
     * @return the topics every alarm notifies (at least one); each must let CloudWatch alarms of this account publish,
     *     and its key (if any) let CloudWatch use it, as {@code SecurityAlerts}' and {@code SecurityAlarms}' topics do
     */
    public @NotNull List<ITopic> getTopics() {
        return topics;
    }

    /**
     * IPv4 CIDRs outside the VPC that its isolated tiers may legitimately reach: peer VPCs, Transit Gateway
     * destinations, on-premises ranges over VPN. Traffic from an isolated tier to them is not "egress".
     *
     * @default - every IPv4 destination outside the VPC counts as egress from an isolated tier
     */
    public @Nullable List<String> getConnectedCidrs() {
        return connectedCidrs;
    }

    /**
     * The ranges whose traffic raises the block-list alarm: pass the VPC's {@code blockList}, whose NACL deny entries
     * then show as rejected records. IPv4 entries only: an IPv6 entry is not watched and warns at synth (flow logs
     * write IPv6 addresses compressed, which a wildcard cannot match reliably).
     *
     * @default - no block-list alarm
     */
    public @Nullable List<BlockListEntry> getBlockList() {
        return blockList;
    }

    /**
     * Rejected flow-log records of one tier, summed over {@link #getPeriod()}, that raise the tier's alarm.
     *
     * @default - 100
     */
    public @Nullable Double getRejectedThreshold() {
        return rejectedThreshold;
    }

    /**
     * Rejected records of SSH (22) or RDP (3389) arriving from outside the VPC, summed over {@link #getPeriod()}, that
     * raise the attempts alarm. Nothing in the blueprint serves SSH or RDP (Session Manager is the path in); an
     * accepted one always raises the other alarm, at the first record.
     *
     * @default - 1 (the first attempt) in a VPC without a public tier; 100 in one with a public tier, whose load
     *     balancers' interfaces the internet's scanners probe all day
     */
    public @Nullable Double getRemoteAccessThreshold() {
        return remoteAccessThreshold;
    }

    /**
     * Records to or from a block-list range (IPv4 entries), summed over {@link #getPeriod()}, that raise the alarm.
     *
     * @default - 1: the first record
     */
    public @Nullable Double getBlockListThreshold() {
        return blockListThreshold;
    }

    /**
     * Records leaving an isolated tier for an address outside the VPC and the connected networks, summed over
     * {@link #getPeriod()}, that raise the alarm.
     *
     * @default - 1: the first record
     */
    public @Nullable Double getIsolatedEgressThreshold() {
        return isolatedEgressThreshold;
    }

    /**
     * The period the alarms sum over: whole minutes, from 1 minute to 1 day.
     *
     * @default - 5 minutes
     */
    public @Nullable Duration getPeriod() {
        return period;
    }

    /** Builder of {@link FlowLogAlarmsProps}. */
    public static final class Builder {
        private ISecureVpc secureVpc;
        private List<ITopic> topics;
        private List<String> connectedCidrs;
        private List<BlockListEntry> blockList;
        private Double rejectedThreshold;
        private Double remoteAccessThreshold;
        private Double blockListThreshold;
        private Double isolatedEgressThreshold;
        private Duration period;

        private Builder() {
        }

        /** @see FlowLogAlarmsProps#getSecureVpc() */
        public @NotNull Builder secureVpc(final @NotNull ISecureVpc v) {
            this.secureVpc = v;
            return this;
        }

        /** @see FlowLogAlarmsProps#getTopics() */
        public @NotNull Builder topics(final @NotNull List<ITopic> v) {
            this.topics = v;
            return this;
        }

        /** @see FlowLogAlarmsProps#getConnectedCidrs() */
        public @NotNull Builder connectedCidrs(final @Nullable List<String> v) {
            this.connectedCidrs = v;
            return this;
        }

        /** @see FlowLogAlarmsProps#getBlockList() */
        public @NotNull Builder blockList(final @Nullable List<BlockListEntry> v) {
            this.blockList = v;
            return this;
        }

        /** @see FlowLogAlarmsProps#getRejectedThreshold() */
        public @NotNull Builder rejectedThreshold(final @Nullable Double v) {
            this.rejectedThreshold = v;
            return this;
        }

        /** @see FlowLogAlarmsProps#getRemoteAccessThreshold() */
        public @NotNull Builder remoteAccessThreshold(final @Nullable Double v) {
            this.remoteAccessThreshold = v;
            return this;
        }

        /** @see FlowLogAlarmsProps#getBlockListThreshold() */
        public @NotNull Builder blockListThreshold(final @Nullable Double v) {
            this.blockListThreshold = v;
            return this;
        }

        /** @see FlowLogAlarmsProps#getIsolatedEgressThreshold() */
        public @NotNull Builder isolatedEgressThreshold(final @Nullable Double v) {
            this.isolatedEgressThreshold = v;
            return this;
        }

        /** @see FlowLogAlarmsProps#getPeriod() */
        public @NotNull Builder period(final @Nullable Duration v) {
            this.period = v;
            return this;
        }

        public @NotNull FlowLogAlarmsProps build() {
            return new FlowLogAlarmsProps(this);
        }
    }
}
