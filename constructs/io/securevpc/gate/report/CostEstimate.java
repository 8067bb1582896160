package io.securevpc.gate.report;

import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.StackTemplate;
import io.securevpc.nag.model.TemplateResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bill of materials of the synthesized app with an estimated monthly cost per environment (account and region)
 * from {@link PriceTable}: NAT gateways and public IPv4 addresses, interface endpoints per AZ, Transit Gateway attachments, VPN connections,
 * Network Load Balancers, KMS keys, flow-log and DNS query log delivery, CloudTrail trails (data events, delivery to
 * CloudWatch Logs), GuardDuty detectors and AWS Config (items recorded, rule evaluations). Traffic and event volumes
 * are not in a template: each line that prices them names the volume it assumes.
 */
final class CostEstimate {
    /** Assumed GB processed per NAT gateway per month. */
    static final int NAT_GB = 100;
    /** Assumed GB processed per interface endpoint per month. */
    static final int ENDPOINT_GB = 10;
    /** Assumed GB sent through each Transit Gateway attachment per month. */
    static final int TGW_GB = 50;
    /** Assumed GB of flow-log records per flow log per month. */
    static final int FLOW_LOG_GB = 20;
    /** Assumed Network Load Balancer capacity units per load balancer. */
    static final int NLCUS = 1;
    /** Assumed GB of DNS query logs per query logging config, and of trail events per trail sent to CloudWatch Logs. */
    static final int LOG_GB = 5;
    /** Assumed CloudTrail management events a GuardDuty detector analyses per month, in millions. */
    static final int GUARDDUTY_EVENTS_MILLIONS = 1;
    /** Assumed configuration items AWS Config records per month, and evaluations per Config rule per month. */
    static final int CONFIG_ITEMS = 1000;
    /** Assumed data events a trail that selects data events delivers per month. */
    static final int TRAIL_DATA_EVENTS = 1_000_000;

    /** One line of the bill: environment, item, quantity, estimated USD per month and what it assumes. */
    record Line(String environment, String item, int quantity, double monthly, String assumption) {
    }

    /** The estimate of one environment: its lines, total, and the cheapest change that keeps the gate green. */
    record Environment(String name, String pricedRegion, List<Line> lines, double total, String cheapestChange) {
    }

    final List<Environment> environments = new ArrayList<>();

    double total() {
        return environments.stream().mapToDouble(Environment::total).sum();
    }

    static CostEstimate of(final AppTemplates app) {
        Map<String, List<StackTemplate>> byEnvironment = new LinkedHashMap<>();
        app.stacks().values().forEach(s -> byEnvironment.computeIfAbsent(s.environment(), k -> new ArrayList<>()).add(s));
        CostEstimate estimate = new CostEstimate();
        byEnvironment.forEach((env, stacks) -> estimate.environments.add(environment(env, stacks)));
        return estimate;
    }

    private static Environment environment(final String env, final List<StackTemplate> stacks) {
        String region = stacks.get(0).region();
        String priced = PriceTable.pricedRegion(region);
        PriceTable p = PriceTable.BY_REGION.get(priced);
        double h = PriceTable.HOURS_PER_MONTH;
        String hours = (int) h + " h/month";
        List<TemplateResource> nats = of(stacks, "AWS::EC2::NatGateway");
        List<TemplateResource> endpoints = of(stacks, "AWS::EC2::VPCEndpoint").stream()
                .filter(e -> !"Gateway".equals(e.prop("VpcEndpointType").asText("Gateway"))).toList();
        int endpointAzs = endpoints.stream().mapToInt(e -> Math.max(1, e.prop("SubnetIds").size())).sum();
        int attachments = of(stacks, "AWS::EC2::TransitGatewayAttachment").size()
                + of(stacks, "AWS::EC2::TransitGatewayVpcAttachment").size();
        int vpns = of(stacks, "AWS::EC2::VPNConnection").size();
        int nlbs = (int) of(stacks, "AWS::ElasticLoadBalancingV2::LoadBalancer").stream()
                .filter(l -> "network".equals(l.prop("Type").asText())).count();
        int keys = of(stacks, "AWS::KMS::Key").size();
        int publicIps = of(stacks, "AWS::EC2::EIP").size();
        List<TemplateResource> flowLogs = of(stacks, "AWS::EC2::FlowLog");
        int toS3 = (int) flowLogs.stream().filter(f -> "s3".equals(f.prop("LogDestinationType").asText())).count();
        int toLogs = flowLogs.size() - toS3;
        List<TemplateResource> dnsLogs = of(stacks, "AWS::Route53Resolver::ResolverQueryLoggingConfig");
        int dnsToS3 = (int) dnsLogs.stream().filter(d -> destinationIsS3(d)).count();
        int dnsToLogs = dnsLogs.size() - dnsToS3;
        List<TemplateResource> trails = of(stacks, "AWS::CloudTrail::Trail");
        int trailsToLogs = (int) trails.stream().filter(t -> !t.prop("CloudWatchLogsLogGroupArn").isMissingNode()).count();
        int dataTrails = (int) trails.stream().filter(CostEstimate::selectsDataEvents).count();
        int detectors = of(stacks, "AWS::GuardDuty::Detector").size();
        int vpcs = of(stacks, "AWS::EC2::VPC").size();
        int recorders = of(stacks, "AWS::Config::ConfigurationRecorder").size();
        int rules = of(stacks, "AWS::Config::ConfigRule").size();
        String usEast1 = "us-east-1".equals(priced) ? "" : "; us-east-1 list price (the table has no other region's)";

        List<Line> lines = new ArrayList<>();
        add(lines, env, "NAT gateway", nats.size(), nats.size() * (h * p.natHour() + NAT_GB * p.natGb()),
                hours + " at $" + p.natHour() + "/h + " + NAT_GB + " GB processed each at $" + p.natGb() + "/GB (assumed)");
        add(lines, env, "Public IPv4 address (Elastic IP)", publicIps, publicIps * h * p.publicIpv4Hour(), hours
                + " at $" + p.publicIpv4Hour() + "/h each (a NAT gateway's included)");
        add(lines, env, "Interface endpoint (per AZ)", endpointAzs, endpointAzs * h * p.endpointHour()
                        + endpoints.size() * ENDPOINT_GB * p.endpointGb(), endpoints.size() + " endpoints, one "
                        + "network interface per AZ: " + endpointAzs + " x " + hours + " at $" + p.endpointHour() + "/h + "
                        + ENDPOINT_GB + " GB per endpoint at $" + p.endpointGb() + "/GB (assumed)");
        add(lines, env, "Transit Gateway attachment", attachments, attachments * (h * p.tgwAttachmentHour()
                + TGW_GB * p.tgwGb()), hours + " at $" + p.tgwAttachmentHour() + "/h + " + TGW_GB + " GB each at $"
                + p.tgwGb() + "/GB (assumed)");
        add(lines, env, "Site-to-Site VPN connection", vpns, vpns * h * p.vpnHour(), hours + " at $" + p.vpnHour() + "/h");
        add(lines, env, "Network Load Balancer", nlbs, nlbs * h * (p.nlbHour() + NLCUS * p.nlcuHour()), hours + " at $"
                + p.nlbHour() + "/h + " + NLCUS + " NLCU at $" + p.nlcuHour() + "/h (assumed)");
        add(lines, env, "KMS key", keys, keys * p.kmsKeyMonth(), usd(p.kmsKeyMonth()) + "/month per key, requests not counted");
        add(lines, env, "Flow logs to CloudWatch Logs", toLogs, toLogs * FLOW_LOG_GB * p.logsGb(), FLOW_LOG_GB
                + " GB/month each at $" + p.logsGb() + "/GB ingested (assumed), storage not counted");
        add(lines, env, "Flow logs to S3", toS3, toS3 * FLOW_LOG_GB * p.s3VendedGb(), FLOW_LOG_GB
                + " GB/month each at $" + p.s3VendedGb() + "/GB delivered (assumed), storage not counted");
        add(lines, env, "DNS query logs to CloudWatch Logs", dnsToLogs, dnsToLogs * LOG_GB * p.logsGb(), LOG_GB
                + " GB/month each at $" + p.logsGb() + "/GB ingested (assumed), storage not counted");
        add(lines, env, "DNS query logs to S3", dnsToS3, dnsToS3 * LOG_GB * p.s3VendedGb(), LOG_GB
                + " GB/month each at $" + p.s3VendedGb() + "/GB delivered (assumed), storage not counted");
        add(lines, env, "CloudTrail trail", trails.size(), dataTrails * TRAIL_DATA_EVENTS / 100_000.0
                * PriceTable.TRAIL_DATA_EVENTS_100K, "the first copy of management events is free; " + dataTrails
                + " selecting data events, " + String.format(java.util.Locale.ROOT, "%,d", TRAIL_DATA_EVENTS)
                + " data events/month each at " + usd(PriceTable.TRAIL_DATA_EVENTS_100K) + " per 100,000 (assumed)" + usEast1
                + "; S3 storage not counted");
        add(lines, env, "CloudTrail to CloudWatch Logs", trailsToLogs, trailsToLogs * LOG_GB * p.logsGb(), LOG_GB
                + " GB/month each at $" + p.logsGb() + "/GB ingested (assumed), storage not counted");
        add(lines, env, "GuardDuty detector", detectors, detectors * (GUARDDUTY_EVENTS_MILLIONS
                * PriceTable.GUARDDUTY_EVENTS_MILLION + vpcs * FLOW_LOG_GB * PriceTable.GUARDDUTY_LOGS_GB),
                GUARDDUTY_EVENTS_MILLIONS + " million CloudTrail management events at "
                + usd(PriceTable.GUARDDUTY_EVENTS_MILLION) + " per million + " + FLOW_LOG_GB + " GB of VPC flow and DNS logs "
                + "per VPC (" + vpcs + ") at " + usd(PriceTable.GUARDDUTY_LOGS_GB) + "/GB (assumed)" + usEast1
                + "; protection plans (S3, EKS, malware, RDS, runtime, Lambda) not counted");
        add(lines, env, "AWS Config recorder", recorders, recorders * CONFIG_ITEMS * PriceTable.CONFIG_ITEM,
                String.format(java.util.Locale.ROOT, "%,d", CONFIG_ITEMS) + " configuration items/month at $"
                + PriceTable.CONFIG_ITEM + " each (assumed)" + usEast1);
        add(lines, env, "AWS Config rule", rules, rules * CONFIG_ITEMS * PriceTable.CONFIG_RULE_EVALUATION,
                String.format(java.util.Locale.ROOT, "%,d", CONFIG_ITEMS) + " evaluations/month each at $"
                + PriceTable.CONFIG_RULE_EVALUATION + " (assumed)" + usEast1);
        double total = lines.stream().mapToDouble(Line::monthly).sum();
        // candidate changes that keep the gate green, by saving; the largest is named first
        java.util.TreeMap<Double, String> changes = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
        if (nats.size() > 1) {
            // each NAT gateway the blueprint makes has its own Elastic IP
            double saving = (nats.size() - 1) * h * (p.natHour() + p.publicIpv4Hour());
            changes.put(saving, String.format(java.util.Locale.ROOT, "One NAT gateway instead of %d (natStrategy SINGLE) "
                    + "saves about $%.2f a month; no rule of the gate counts NAT gateways, so it stays green, but every "
                    + "AZ's internet egress then depends on one AZ", nats.size(), saving));
        }
        for (TemplateResource e : redundantInterfaceEndpoints(stacks, endpoints)) {
            int azs = Math.max(1, e.prop("SubnetIds").size());
            double saving = azs * h * p.endpointHour() + ENDPOINT_GB * p.endpointGb();
            String service = NetworkView.service(e.prop("ServiceName"));
            changes.merge(saving, String.format(java.util.Locale.ROOT, "Dropping the %s interface endpoint %s (%d AZ) "
                    + "saves about $%.2f a month: the VPC's %s gateway endpoint serves its subnets at no charge; no rule "
                    + "of the gate requires an interface endpoint, so it stays green, but networks that reach %s through "
                    + "the VPC (on-premises, peered) then need their own path", service, e.describe(), azs, saving, service,
                    service), (a, b) -> a + "; or: " + b);
        }
        String cheapest = changes.isEmpty() ? "" : String.join(". Also: ", changes.values());
        String name = env + (priced.equals(region) ? "" : " (priced as " + priced + ": region not known at synth)");
        return new Environment(name, priced, lines, total, cheapest);
    }

    /**
     * @return the interface endpoints of S3 or DynamoDB in a VPC that also has the gateway endpoint of the same
     *     service (which serves the VPC's subnets at no charge)
     */
    private static List<TemplateResource> redundantInterfaceEndpoints(final List<StackTemplate> stacks,
                                                                      final List<TemplateResource> interfaces) {
        java.util.Set<String> gateways = new java.util.HashSet<>();
        for (TemplateResource g : of(stacks, "AWS::EC2::VPCEndpoint")) {
            if ("Gateway".equals(g.prop("VpcEndpointType").asText("Gateway"))) {
                gateways.add(g.prop("VpcId").toString() + " " + NetworkView.service(g.prop("ServiceName")));
            }
        }
        return interfaces.stream().filter(e -> List.of("s3", "dynamodb").contains(NetworkView.service(e.prop("ServiceName")))
                && gateways.contains(e.prop("VpcId").toString() + " " + NetworkView.service(e.prop("ServiceName")))).toList();
    }

    /** @return whether a query logging config's destination is a bucket (else a log group or a delivery stream). */
    private static boolean destinationIsS3(final TemplateResource config) {
        com.fasterxml.jackson.databind.JsonNode arn = config.prop("DestinationArn");
        com.fasterxml.jackson.databind.JsonNode getAtt = arn.path("Fn::GetAtt");
        if (getAtt.isArray() && getAtt.size() == 2) {
            TemplateResource target = config.stack().resource(getAtt.get(0).asText());
            return target != null && "AWS::S3::Bucket".equals(target.type());
        }
        return arn.toString().contains("arn:aws:s3:");
    }

    /** @return whether a trail selects data events (advanced or basic event selectors). */
    private static boolean selectsDataEvents(final TemplateResource trail) {
        for (com.fasterxml.jackson.databind.JsonNode selector : trail.prop("AdvancedEventSelectors")) {
            for (com.fasterxml.jackson.databind.JsonNode field : selector.path("FieldSelectors")) {
                if ("eventCategory".equals(field.path("Field").asText()) && field.path("Equals").toString().contains("\"Data\"")) {
                    return true;
                }
            }
        }
        for (com.fasterxml.jackson.databind.JsonNode selector : trail.prop("EventSelectors")) {
            if (selector.path("DataResources").size() > 0) {
                return true;
            }
        }
        return false;
    }

    private static void add(final List<Line> lines, final String env, final String item, final int quantity,
                            final double monthly, final String assumption) {
        if (quantity > 0) {
            lines.add(new Line(env, item, quantity, Math.round(monthly * 100) / 100.0, assumption));
        }
    }

    private static List<TemplateResource> of(final List<StackTemplate> stacks, final String type) {
        List<TemplateResource> out = new ArrayList<>();
        stacks.forEach(s -> out.addAll(s.ofType(type)));
        return out;
    }

    /** @return a USD amount as the report prints it, e.g. {@code $1,234.56}. */
    static String usd(final double amount) {
        return String.format(java.util.Locale.ROOT, "$%,.2f", amount);
    }
}
