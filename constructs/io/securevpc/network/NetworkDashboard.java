package io.securevpc.network;

import io.securevpc.internal.Maps;
import io.securevpc.internal.RequiredProps;
import java.util.ArrayList;
import java.util.List;
import org.jetbrains.annotations.NotNull;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.ec2.CfnNatGateway;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.events.IRule;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * One CloudWatch dashboard per VPC (BP-MON-1, BP-MON-3, BP-MON-5): what the flow logs, the NAT gateways, the
 * interface endpoints and the remediation did, and the state of the environment's alarms.
 * <ul>
 *   <li>Accepted and rejected flow-log records per tier, from {@link FlowLogAlarms#tierFlows}.</li>
 *   <li>NAT gateway bytes ({@code AWS/NATGateway} {@code BytesOutToDestination}, {@code BytesInFromDestination}), when
 *       the VPC has NAT gateways.</li>
 *   <li>Interface endpoint bytes ({@code AWS/PrivateLinkEndpoints} {@code BytesProcessed}), found by a search on the
 *       VPC's id: the metric's four dimensions include the service name, which the endpoints do not expose.</li>
 *   <li>The state of the flow-log alarms and of any alarm given.</li>
 *   <li>Invocations and failed invocations ({@code AWS/Events}) of the remediation rules given.</li>
 * </ul>
 */
public final class NetworkDashboard extends Construct {
    private static final Duration PERIOD = Duration.minutes(5);
    private static final int FULL_WIDTH = 24;
    private static final int HALF_WIDTH = 12;

    private final Dashboard dashboard;

    public NetworkDashboard(final @NotNull Construct scope, final @NotNull String id,
                            final @NotNull NetworkDashboardProps props) {
        super(scope, id);
        RequiredProps.of("NetworkDashboard").require("props", props).check();
        this.dashboard = Dashboard.Builder.create(this, "Dashboard")
                .dashboardName(props.getDashboardName())
                .build();
        ISecureVpc vpc = props.getSecureVpc();
        FlowLogAlarms flows = props.getFlowLogAlarms();
        List<IAlarm> alarms = new ArrayList<>(flows.getAlarms());
        if (props.getAlarms() != null) {
            alarms.addAll(props.getAlarms());
        }
        dashboard.addWidgets(AlarmStatusWidget.Builder.create().title("Alarms").alarms(alarms).width(FULL_WIDTH)
                .build());
        dashboard.addWidgets(tierFlows(vpc, flows, "ACCEPT", "Accepted flow-log records per tier"),
                tierFlows(vpc, flows, "REJECT", "Rejected flow-log records per tier"));
        List<IWidget> traffic = new ArrayList<>();
        List<IMetric> nat = natGatewayBytes(vpc);
        if (!nat.isEmpty()) {
            traffic.add(GraphWidget.Builder.create().title("NAT gateway bytes").left(nat).width(HALF_WIDTH).build());
        }
        traffic.add(GraphWidget.Builder.create().title("Interface endpoint bytes processed")
                .left(List.of(endpointBytes(vpc))).width(HALF_WIDTH).build());
        dashboard.addWidgets(traffic.toArray(IWidget[]::new));
        if (props.getRemediationRules() != null && !props.getRemediationRules().isEmpty()) {
            dashboard.addWidgets(remediationRuns(props.getRemediationRules()));
        }
    }

    /** @return the dashboard */
    public @NotNull Dashboard getDashboard() {
        return dashboard;
    }

    private static GraphWidget tierFlows(final ISecureVpc vpc, final FlowLogAlarms flows, final String action,
                                         final String title) {
        List<IMetric> metrics = new ArrayList<>();
        for (SubnetTier tier : vpc.getTiers()) {
            if (!tier.isReserved()) {
                metrics.add(flows.tierFlows(tier.getName(), action)
                        .with(MetricOptions.builder().label(tier.getName()).build()));
            }
        }
        return GraphWidget.Builder.create().title(title).left(metrics).width(HALF_WIDTH).build();
    }

    /** Bytes out to and in from the destinations of each NAT gateway of the VPC's public subnets. */
    private static List<IMetric> natGatewayBytes(final ISecureVpc vpc) {
        List<IMetric> metrics = new ArrayList<>();
        for (ISubnet subnet : vpc.getVpc().getPublicSubnets()) {
            IConstruct child = subnet.getNode().tryFindChild("NATGateway");
            if (child instanceof CfnNatGateway nat) {
                String az = subnet.getAvailabilityZone();
                for (String name : List.of("BytesOutToDestination", "BytesInFromDestination")) {
                    metrics.add(Metric.Builder.create().namespace("AWS/NATGateway").metricName(name)
                            .dimensionsMap(Maps.of("NatGatewayId", nat.getRef())).statistic("Sum").period(PERIOD)
                            .label(name + " " + az).build());
                }
            }
        }
        return metrics;
    }

    private static IMetric endpointBytes(final ISecureVpc vpc) {
        return MathExpression.Builder.create()
                .expression("SEARCH('{AWS/PrivateLinkEndpoints,\"Endpoint Type\",\"Service Name\",\"VPC Endpoint Id\","
                        + "\"VPC Id\"} MetricName=\"BytesProcessed\" \"VPC Id\"=\"" + vpc.getVpc().getVpcId()
                        + "\"', 'Sum', 300)")
                .usingMetrics(Maps.of())
                .label("")
                .period(PERIOD)
                .build();
    }

    private static GraphWidget remediationRuns(final List<IRule> rules) {
        List<IMetric> invocations = new ArrayList<>();
        List<IMetric> failures = new ArrayList<>();
        for (IRule rule : rules) {
            String name = rule.getRuleName();
            invocations.add(eventsMetric("Invocations", name));
            failures.add(eventsMetric("FailedInvocations", name));
        }
        return GraphWidget.Builder.create().title("Remediation rule invocations (right: failed)").left(invocations)
                .right(failures).width(FULL_WIDTH).build();
    }

    private static IMetric eventsMetric(final String metricName, final String ruleName) {
        return Metric.Builder.create().namespace("AWS/Events").metricName(metricName)
                .dimensionsMap(Maps.of("RuleName", ruleName)).statistic("Sum").period(PERIOD).build();
    }
}
