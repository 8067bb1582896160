package io.securevpc.network;

import io.securevpc.ErrorCode;
import io.securevpc.internal.FirstOccurrenceAlarm;
import io.securevpc.internal.Ipv4Cidr;
import io.securevpc.internal.Maps;
import io.securevpc.internal.Problems;
import io.securevpc.internal.RequiredProps;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.logs.FilterPattern;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.logs.MetricFilter;
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.Construct;

/**
 * Flow logs used, not only kept (BP-MON-1, BP-MON-3): CloudWatch Logs metric filters on a {@link SecureVpc}'s
 * flow-log group (the {@link FlowLogFormat} records) and alarms that notify the given topics.
 * <ul>
 *   <li>Per tier, every record of its subnets, counted by action ({@code Flows-<tier>}, dimension {@code Action}
 *       ACCEPT or REJECT): an alarm when the rejected records reach {@code rejectedThreshold} in a period.</li>
 *   <li>SSH (22) or RDP (3389) arriving from outside the VPC's IPv4 blocks ({@code RemoteAccessAttempts}, dimension
 *       {@code Action}): an alarm at the first accepted one (a path is open that the NACLs should close), and one when
 *       the rejected ones reach {@code remoteAccessThreshold}.</li>
 *   <li>Traffic from or to a block-list range ({@code BlockListTraffic}; BP-NET-5): the NACLs deny it, so these are
 *       the attempts.</li>
 *   <li>Records leaving an isolated tier for an IPv4 address outside the VPC and the connected networks, S3 and
 *       DynamoDB excepted where the tier reaches them through gateway endpoints ({@code IsolatedTierEgress};
 *       BP-NET-1, BP-EP-1). When the connected networks are too many for one 1,024-character pattern, the
 *       addresses outside them are split exactly over several filters of the same metric, of which exactly one counts
 *       each record (no range widened).</li>
 * </ul>
 * Every metric is in {@value #NAMESPACE} with the dimension {@code VpcId} (read from the records), so several VPCs of
 * one account and region do not mix. Metric filters with dimensions publish no default value: a period without a
 * matching record has no data, which the alarms treat as not breaching. Records are counted, not packets.
 *
 * <p>Flow logs delivered to S3 only cannot be watched this way (metric filters read log groups): the construct then
 * refuses to build ({@code SVPC-004}); query the bucket with Athena, or deliver to both.
 */
public final class FlowLogAlarms extends Construct {
    /** The CloudWatch namespace of the metrics. */
    public static final String NAMESPACE = "SecureVpc/FlowLogs";
    /** The most metric filters one log group may have (a CloudWatch Logs quota). */
    static final int MAX_FILTERS_PER_LOG_GROUP = 100;
    static final double DEFAULT_REJECTED_THRESHOLD = 100;
    /** Rejected SSH/RDP records per period that raise the alarm in a VPC with a public tier (internet scanners). */
    static final double DEFAULT_PUBLIC_REMOTE_ACCESS_THRESHOLD = 100;

    private final ISecureVpc secureVpc;
    private final ILogGroup logGroup;
    private final List<ITopic> topics;
    private final Duration period;
    private final String vpcId;
    private final Map<String, Alarm> rejectedAlarms = new LinkedHashMap<>();
    private final List<String> isolatedTiers = new ArrayList<>();
    private final List<Alarm> alarms = new ArrayList<>();
    private Alarm remoteAccessAlarm;
    private Alarm remoteAccessAcceptedAlarm;
    private Alarm blockListAlarm;
    private Alarm isolatedEgressAlarm;
    private int filters;

    public FlowLogAlarms(final @NotNull Construct scope, final @NotNull String id,
                         final @NotNull FlowLogAlarmsProps props) {
        super(scope, id);
        RequiredProps.of("FlowLogAlarms").require("props", props).check();
        validate(props);
        this.secureVpc = props.getSecureVpc();
        this.logGroup = secureVpc.getFlowLogGroup();
        this.topics = props.getTopics();
        this.period = props.getPeriod() != null ? props.getPeriod() : Duration.minutes(5);
        this.vpcId = secureVpc.getVpc().getVpcId();
        List<String> vpcTerms = vpcTerms();
        watchTiers(props);
        watchRemoteAccess(props, vpcTerms);
        watchBlockList(props);
        watchIsolatedEgress(props, vpcTerms);
    }

    /** Builder of {@link FlowLogAlarms}, as aws-cdk-lib's constructs have in Java. */
    public static final class Builder {
        private final Construct scope;
        private final String id;
        private final FlowLogAlarmsProps.Builder props = FlowLogAlarmsProps.builder();

        private Builder(final Construct scope, final String id) {
            this.scope = scope;
            this.id = id;
        }

        public static @NotNull Builder create(final @NotNull Construct scope, final @NotNull String id) {
            return new Builder(scope, id);
        }

        /** @see FlowLogAlarmsProps#getSecureVpc() */
        public @NotNull Builder secureVpc(final @NotNull ISecureVpc v) {
            props.secureVpc(v);
            return this;
        }

        /** @see FlowLogAlarmsProps#getTopics() */
        public @NotNull Builder topics(final @NotNull List<ITopic> v) {
            props.topics(v);
            return this;
        }

        /** @see FlowLogAlarmsProps#getConnectedCidrs() */
        public @NotNull Builder connectedCidrs(final @Nullable List<String> v) {
            props.connectedCidrs(v);
            return this;
        }

        /** @see FlowLogAlarmsProps#getBlockList() */
        public @NotNull Builder blockList(final @Nullable List<BlockListEntry> v) {
            props.blockList(v);
            return this;
        }

        /** @see FlowLogAlarmsProps#getRejectedThreshold() */
        public @NotNull Builder rejectedThreshold(final @Nullable Double v) {
            props.rejectedThreshold(v);
            return this;
        }

        /** @see FlowLogAlarmsProps#getRemoteAccessThreshold() */
        public @NotNull Builder remoteAccessThreshold(final @Nullable Double v) {
            props.remoteAccessThreshold(v);
            return this;
        }

        /** @see FlowLogAlarmsProps#getBlockListThreshold() */
        public @NotNull Builder blockListThreshold(final @Nullable Double v) {
            props.blockListThreshold(v);
            return this;
        }

        /** @see FlowLogAlarmsProps#getIsolatedEgressThreshold() */
        public @NotNull Builder isolatedEgressThreshold(final @Nullable Double v) {
            props.isolatedEgressThreshold(v);
            return this;
        }

        /** @see FlowLogAlarmsProps#getPeriod() */
        public @NotNull Builder period(final @Nullable Duration v) {
            props.period(v);
            return this;
        }

        public @NotNull FlowLogAlarms build() {
            return new FlowLogAlarms(scope, id, props.build());
        }
    }

    /** @return the records of one tier with one action ({@code ACCEPT} or {@code REJECT}), summed per period. */
    public @NotNull Metric tierFlows(final @NotNull String tierName, final @NotNull String action) {
        return metric("Flows-" + tierName, Maps.of("VpcId", vpcId, "Action", action));
    }

    /** @return the rejected-records alarm of each tier that is not reserved, in tier order. */
    public @NotNull Map<String, Alarm> getRejectedAlarms() {
        return Collections.unmodifiableMap(rejectedAlarms);
    }

    /** @return the alarm on rejected SSH and RDP from outside the VPC. */
    public @NotNull Alarm getRemoteAccessAlarm() {
        return remoteAccessAlarm;
    }

    /** @return the alarm on accepted SSH and RDP from outside the VPC. */
    public @NotNull Alarm getRemoteAccessAcceptedAlarm() {
        return remoteAccessAcceptedAlarm;
    }

    /** @return the alarm on block-list traffic, or {@code null} without IPv4 block-list entries. */
    public @Nullable Alarm getBlockListAlarm() {
        return blockListAlarm;
    }

    /** @return the alarm on egress from isolated tiers, or {@code null} when the VPC has no isolated tier. */
    public @Nullable Alarm getIsolatedEgressAlarm() {
        return isolatedEgressAlarm;
    }

    /** @return every alarm created here. */
    public @NotNull List<Alarm> getAlarms() {
        return List.copyOf(alarms);
    }

    private void validate(final FlowLogAlarmsProps p) {
        Problems problems = new Problems();
        if (p.getSecureVpc().getFlowLogGroup() == null) {
            problems.add(ErrorCode.FLOW_LOGS, "secureVpc", "flow logs to S3 only, or off",
                    "a VPC whose flow logs go to CloudWatch Logs (flowLogDestinations CLOUDWATCH_LOGS or BOTH): metric "
                            + "filters read a log group; flow logs in S3 only are queried with Athena instead");
        }
        if (p.getTopics().isEmpty()) {
            problems.add(ErrorCode.CONFLICTING_PROPS, "topics", "[]", "at least one topic for the alarms to notify");
        }
        threshold("rejectedThreshold", p.getRejectedThreshold(), problems);
        threshold("remoteAccessThreshold", p.getRemoteAccessThreshold(), problems);
        threshold("blockListThreshold", p.getBlockListThreshold(), problems);
        threshold("isolatedEgressThreshold", p.getIsolatedEgressThreshold(), problems);
        if (p.getPeriod() != null) {
            double seconds = p.getPeriod().toSeconds().doubleValue();
            if (seconds < 60 || seconds > 86_400 || seconds % 60 != 0) {
                problems.add(ErrorCode.CONFLICTING_PROPS, "period", p.getPeriod().toHumanString(),
                        "whole minutes from 1 minute to 1 day");
            }
        }
        List<String> connected = p.getConnectedCidrs() != null ? p.getConnectedCidrs() : List.of();
        for (int i = 0; i < connected.size(); i++) {
            if (Ipv4Cidr.parse(connected.get(i)).isEmpty()) {
                problems.add(ErrorCode.INVALID_CIDR, "connectedCidrs[" + i + "]", connected.get(i),
                        "an IPv4 CIDR without host bits, e.g. 192.168.0.0/16");
            }
        }
        problems.throwIfAny(() -> "FlowLogAlarms " + getNode().getPath());
    }

    private static void threshold(final String prop, final Double value, final Problems problems) {
        if (value != null && !(value >= 1)) {
            problems.add(ErrorCode.CONFLICTING_PROPS, prop, value, "a number of records, 1 or more");
        }
    }

    /** The VPC's IPv4 block as wildcard terms; empty (with a warning) when known only at deploy time. */
    private List<String> vpcTerms() {
        String cidr = secureVpc.getVpcCidrLiteral();
        if (cidr == null) {
            Annotations.of(this).addWarningV2("@securevpc/network:flowLogAlarmsVpcCidrUnknown",
                    "The VPC's CIDR is known only at deploy time (IPAM): SSH/RDP from inside the VPC counts as remote "
                            + "access, and the isolated-tier egress alarm is not created (BP-MON-3).");
            return List.of();
        }
        return FlowLogPatterns.wildcards(cidr);
    }

    private void watchTiers(final FlowLogAlarmsProps p) {
        double threshold = p.getRejectedThreshold() != null ? p.getRejectedThreshold() : DEFAULT_REJECTED_THRESHOLD;
        for (SubnetTier tier : secureVpc.getTiers()) {
            if (tier.isReserved()) {
                continue;
            }
            String name = tier.getName();
            filter("Tier-" + name + "-Flows", FlowLogPatterns.tierFlows(subnetIds(name)), "Flows-" + name,
                    Maps.of("VpcId", "$vpc_id", "Action", "$action"));
            rejectedAlarms.put(name, alarm("Tier-" + name + "-RejectedAlarm", "Rejected flows of tier " + name
                    + " reached " + (long) threshold + " records in " + period.toHumanString() + " (BP-MON-3)",
                    tierFlows(name, "REJECT"), threshold));
            if (tier.getKind() == TierKind.ISOLATED) {
                isolatedTiers.add(name);
            }
        }
    }

    private void watchRemoteAccess(final FlowLogAlarmsProps p, final List<String> vpcTerms) {
        String metric = "RemoteAccessAttempts";
        filter("RemoteAccessFilter", FlowLogPatterns.remoteAccess(vpcTerms), metric,
                Maps.of("VpcId", "$vpc_id", "Action", "$action"));
        this.remoteAccessAcceptedAlarm = alarm("RemoteAccessAcceptedAlarm", "SSH (22) or RDP (3389) from outside the "
                        + "VPC was accepted by an interface of the VPC: a path is open that the NACLs should close "
                        + "(BP-MON-3, BP-NET-2)",
                metric(metric, Maps.of("VpcId", vpcId, "Action", "ACCEPT")), 1);
        boolean publicTier = secureVpc.getTiers().stream().anyMatch(t -> t.getKind() == TierKind.PUBLIC);
        double threshold = p.getRemoteAccessThreshold() != null ? p.getRemoteAccessThreshold()
                : publicTier ? DEFAULT_PUBLIC_REMOTE_ACCESS_THRESHOLD : 1;
        this.remoteAccessAlarm = alarm("RemoteAccessAlarm", "Rejected SSH (22) or RDP (3389) from outside the VPC "
                        + "reached " + (long) threshold + " records in " + period.toHumanString() + " (BP-MON-3)",
                metric(metric, Maps.of("VpcId", vpcId, "Action", "REJECT")), threshold);
    }

    private void watchBlockList(final FlowLogAlarmsProps p) {
        List<BlockListEntry> entries = p.getBlockList() != null ? p.getBlockList() : List.of();
        String metric = "BlockListTraffic";
        List<String> ipv6 = new ArrayList<>();
        for (BlockListEntry entry : entries) {
            if (entry.isIpv6()) {
                ipv6.add(entry.getCidr());
                continue;
            }
            List<String> terms = FlowLogPatterns.wildcards(entry.getCidr());
            String idBase = "BlockList-" + entry.getCidr().replace('/', '-')
                    + (entry.getPorts() == null ? "" : "-" + entry.getPorts().getFrom() + "-" + entry.getPorts().getTo());
            for (String field : List.of("srcaddr", "dstaddr")) {
                List<List<String>> chunks = FlowLogPatterns.chunks(terms,
                        t -> FlowLogPatterns.blockList(field, t, entry.getPorts()));
                for (int i = 0; i < chunks.size(); i++) {
                    filter(idBase + "-" + field + (i == 0 ? "" : "-" + i),
                            FlowLogPatterns.blockList(field, chunks.get(i), entry.getPorts()), metric, vpcDimension());
                }
            }
        }
        if (!ipv6.isEmpty()) {
            Annotations.of(this).addWarningV2("@securevpc/network:flowLogAlarmsIpv6BlockList",
                    "blockList entries " + ipv6 + " are IPv6: flow logs write IPv6 addresses compressed, which a "
                            + "metric-filter wildcard cannot match reliably; their traffic raises no alarm (BP-MON-3).");
        }
        if (entries.size() > ipv6.size()) {
            this.blockListAlarm = alarm("BlockListAlarm", "Traffic from or to a block-list range reached the VPC's "
                            + "interfaces; the NACLs deny it (BP-MON-3, BP-NET-5)",
                    metric(metric, Maps.of("VpcId", vpcId)), orOne(p.getBlockListThreshold()));
        }
    }

    private void watchIsolatedEgress(final FlowLogAlarmsProps p, final List<String> vpcTerms) {
        if (isolatedTiers.isEmpty() || vpcTerms.isEmpty()) {
            return;
        }
        List<String> excluded = new ArrayList<>(vpcTerms);
        excluded.addAll(FlowLogPatterns.wildcards(p.getConnectedCidrs() != null ? p.getConnectedCidrs() : List.of()));
        String metric = "IsolatedTierEgress";
        for (String name : isolatedTiers) {
            boolean gatewayEndpoints = secureVpc.getTiers().stream()
                    .anyMatch(t -> t.getName().equals(name) && !t.getEgressPorts().isEmpty());
            List<String> patterns = FlowLogPatterns.isolatedEgressPatterns(subnetIds(name), excluded,
                    gatewayEndpoints);
            for (int i = 0; i < patterns.size(); i++) {
                filter("Tier-" + name + "-EgressFilter" + (i == 0 ? "" : "-" + i), patterns.get(i), metric,
                        vpcDimension());
            }
        }
        this.isolatedEgressAlarm = alarm("IsolatedTierEgressAlarm", "An isolated tier sent traffic to an address "
                        + "outside the VPC and its connected networks (BP-MON-3, BP-NET-1)",
                metric(metric, Maps.of("VpcId", vpcId)), orOne(p.getIsolatedEgressThreshold()));
    }

    private List<String> subnetIds(final String tierName) {
        return secureVpc.getVpc().selectSubnets(secureVpc.tierSubnets(tierName)).getSubnetIds();
    }

    private static Map<String, String> vpcDimension() {
        return Maps.of("VpcId", "$vpc_id");
    }

    private static double orOne(final Double threshold) {
        return threshold != null ? threshold : 1;
    }

    private void filter(final String id, final String pattern, final String metricName,
                        final Map<String, String> dimensions) {
        if (++filters > MAX_FILTERS_PER_LOG_GROUP) {
            new Problems().add(ErrorCode.BLOCK_LIST, "blockList", filters + " metric filters",
                    "at most " + MAX_FILTERS_PER_LOG_GROUP + " metric filters on the flow-log group (a CloudWatch Logs "
                            + "quota): fewer or octet-aligned block-list ranges"
                            + (metricName.equals("IsolatedTierEgress") ? ", or fewer connectedCidrs scattered over "
                            + "more than a few /8 blocks" : ""))
                    .throwIfAny(() -> "FlowLogAlarms " + getNode().getPath());
        }
        MetricFilter.Builder.create(this, id)
                .logGroup(logGroup)
                .filterPattern(FilterPattern.literal(pattern))
                .metricNamespace(NAMESPACE)
                .metricName(metricName)
                .metricValue("1")
                .dimensions(dimensions)
                .build();
    }

    private Metric metric(final String name, final Map<String, String> dimensions) {
        return Metric.Builder.create().namespace(NAMESPACE).metricName(name).dimensionsMap(dimensions)
                .statistic("Sum").period(period).build();
    }

    private Alarm alarm(final String id, final String description, final IMetric metric, final double threshold) {
        Alarm alarm = FirstOccurrenceAlarm.atLeast(this, id, description, metric, threshold, topics);
        alarms.add(alarm);
        return alarm;
    }
}
