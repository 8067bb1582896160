package io.securevpc.gate.report;

import java.util.List;
import io.securevpc.internal.Maps;
import java.util.Map;

/**
 * On-demand list prices in USD of the priced parts of the blueprint, per region, as published on AWS's public
 * pricing pages ({@link #SOURCES}) on {@value #AS_OF}. The NAT gateway rates were cross-checked in 2026 against
 * third-party summaries of those pages (us-east-1 $0.045/h and /GB, Europe $0.048 to $0.052): unchanged. Checked
 * again against transcriptions of the pages: the us-east-1 NLB rates ($0.0225/h, $0.006/NLCU), vended-log delivery
 * ($0.50/GB to CloudWatch Logs, $0.25/GB to S3) and GuardDuty's ($4.00 per million events, $1.00/GB) agree. Not
 * confirmed from a source: S3 delivery of vended logs in eu-west-1 and eu-central-1 ($0.25 here; where a source was
 * found, us-east-1 and ap-northeast-1, it is half the region's CloudWatch Logs rate, which would make it $0.285 and
 * $0.315) and the eu-central-1 NLCU ($0.006). They change: the report prints the date and the sources beside every estimate,
 * and states that the figures are estimates from these list prices, not a bill (no discount, free tier, savings
 * plan or tax).
 *
 * @param natHour NAT gateway, per hour
 * @param natGb NAT gateway, per GB processed
 * @param endpointHour interface endpoint, per hour per Availability Zone
 * @param endpointGb interface endpoint, per GB processed (first PB)
 * @param tgwAttachmentHour Transit Gateway attachment, per hour
 * @param tgwGb Transit Gateway, per GB processed
 * @param vpnHour Site-to-Site VPN connection, per hour
 * @param nlbHour Network Load Balancer, per hour
 * @param nlcuHour Network Load Balancer capacity unit, per hour
 * @param kmsKeyMonth customer managed KMS key, per month
 * @param logsGb CloudWatch Logs ingestion of vended logs (flow logs), per GB (first 10 TB)
 * @param s3VendedGb flow logs delivered to S3, per GB (first 10 TB)
 * @param publicIpv4Hour public IPv4 address (an Elastic IP, e.g. a NAT gateway's), per hour
 */
record PriceTable(double natHour, double natGb, double endpointHour, double endpointGb, double tgwAttachmentHour,
                  double tgwGb, double vpnHour, double nlbHour, double nlcuHour, double kmsKeyMonth, double logsGb,
                  double s3VendedGb, double publicIpv4Hour) {
    /** The date the prices were read from the pages below. */
    static final String AS_OF = "2024-06-01";

    /** The pages the prices were read from. */
    static final List<String> SOURCES = List.of(
            "https://aws.amazon.com/vpc/pricing/",
            "https://aws.amazon.com/vpc/pricing/ (public IPv4 addresses)",
            "https://aws.amazon.com/privatelink/pricing/",
            "https://aws.amazon.com/transit-gateway/pricing/",
            "https://aws.amazon.com/vpn/site-to-site-vpn-pricing/",
            "https://aws.amazon.com/elasticloadbalancing/pricing/",
            "https://aws.amazon.com/kms/pricing/",
            "https://aws.amazon.com/cloudwatch/pricing/",
            "https://aws.amazon.com/guardduty/pricing/",
            "https://aws.amazon.com/config/pricing/",
            "https://aws.amazon.com/cloudtrail/pricing/");

    /*
     * The account-level services below are recorded at their us-east-1 list price only: the report prices them so in
     * every region and says so beside the figure.
     */
    /** GuardDuty foundational: CloudTrail management events analysed, per million (first 500 million). */
    static final double GUARDDUTY_EVENTS_MILLION = 4.00;
    /** GuardDuty foundational: VPC flow logs and DNS query logs analysed, per GB (first 500 GB). */
    static final double GUARDDUTY_LOGS_GB = 1.00;
    /** AWS Config: configuration item recorded (continuous recording). */
    static final double CONFIG_ITEM = 0.003;
    /** AWS Config: rule evaluation (first 100,000 a month). */
    static final double CONFIG_RULE_EVALUATION = 0.001;
    /** CloudTrail: data events delivered by a trail, per 100,000 (management events: the first copy is free). */
    static final double TRAIL_DATA_EVENTS_100K = 0.10;

    /** Hours in a month, as AWS's pricing calculator counts them. */
    static final double HOURS_PER_MONTH = 730;

    /** The region whose prices an environment-agnostic stack (region unknown at synth) is estimated with. */
    static final String DEFAULT_REGION = "us-east-1";

    static final Map<String, PriceTable> BY_REGION = Maps.of(
            "us-east-1", new PriceTable(0.045, 0.045, 0.01, 0.01, 0.05, 0.02, 0.05, 0.0225, 0.006, 1.0, 0.50, 0.25, 0.005),
            "eu-west-1", new PriceTable(0.048, 0.048, 0.011, 0.01, 0.05, 0.02, 0.05, 0.0252, 0.006, 1.0, 0.57, 0.25, 0.005),
            "eu-central-1", new PriceTable(0.052, 0.052, 0.012, 0.01, 0.06, 0.02, 0.05, 0.027, 0.006, 1.0, 0.63, 0.25, 0.005));

    /** @return the region priced for {@code region}: itself when the table has it, else {@link #DEFAULT_REGION}. */
    static String pricedRegion(final String region) {
        return BY_REGION.containsKey(region) ? region : DEFAULT_REGION;
    }
}
