package io.securevpc.app;

import io.securevpc.compliance.Acknowledgements;
import io.securevpc.compliance.DnsFirewallRequirement;
import io.securevpc.connectivity.PrivateLinkEndpoint;
import io.securevpc.connectivity.PrivateLinkEndpointProps;
import io.securevpc.connectivity.PrivateLinkService;
import io.securevpc.connectivity.PrivateLinkServiceProps;
import io.securevpc.connectivity.SiteToSiteVpn;
import io.securevpc.connectivity.SiteToSiteVpnProps;
import io.securevpc.detection.EndpointPolicyRestore;
import io.securevpc.detection.InstanceIsolation;
import io.securevpc.detection.InstanceIsolationProps;
import io.securevpc.detection.MaliciousIpBlocking;
import io.securevpc.detection.MaliciousIpBlockingProps;
import io.securevpc.detection.SecurityAlerts;
import io.securevpc.endpoints.AccessBoundary;
import io.securevpc.endpoints.EndpointPolicy;
import io.securevpc.endpoints.GatewayEndpointService;
import io.securevpc.endpoints.GatewayEndpoints;
import io.securevpc.endpoints.GatewayEndpointsProps;
import io.securevpc.endpoints.InterfaceEndpoints;
import io.securevpc.endpoints.InterfaceEndpointsProps;
import io.securevpc.network.BlockListEntry;
import io.securevpc.network.DnsFirewall;
import io.securevpc.network.DnsFirewallProps;
import io.securevpc.network.FlowLogAlarms;
import io.securevpc.network.FlowLogAlarmsProps;
import io.securevpc.network.FlowLogDestinations;
import io.securevpc.network.NetworkDashboard;
import io.securevpc.network.NetworkDashboardProps;
import io.securevpc.network.PortRange;
import io.securevpc.network.SecureVpc;
import io.securevpc.network.SecureVpcProps;
import io.securevpc.network.SubnetTier;
import io.securevpc.network.TierKind;
import io.securevpc.network.TierSecurityGroup;
import io.securevpc.network.VpcBlockPublicAccess;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.ec2.CfnVPC;
import software.amazon.awscdk.services.ec2.FlowLogMaxAggregationInterval;
import software.amazon.awscdk.services.ec2.IVpcEndpoint;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointService;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCertificate;
import software.amazon.awscdk.services.events.IRule;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.iam.ArnPrincipal;
import software.amazon.awscdk.services.iam.PermissionsBoundary;
import software.constructs.Construct;

/**
 * The network of one environment: a {@link SecureVpc} of the environment's shape, with what its {@link Profile}
 * sets (NAT gateways, interface endpoints, log retention), and the tier security groups of its workloads; and the connections that belong to this environment alone (its
 * Site-to-Site VPN, the PrivateLink services it provides and the endpoints it consumes them through). Connections
 * between environments' route tables (Transit Gateway, peering) live in a {@link ConnectivityStack}.
 */
public final class NetworkStack extends Stack {
    /** Ports of the three-tier shape: the application behind the load balancer, its health check, the database. */
    static final PortRange APP_PORT = PortRange.tcp(8443);
    static final PortRange HEALTH_CHECK_PORT = PortRange.tcp(8080);
    static final PortRange DATABASE_PORT = PortRange.tcp(5432);
    static final PortRange HTTPS = PortRange.tcp(443);
    /**
     * What a private-only VPC resolves (BP-NET-6): AWS service endpoints (through its interface and gateway endpoints;
     * the dual-stack names under api.aws) and the VPC's own EC2 host names; every other name gets NXDOMAIN.
     */
    static final List<String> PRIVATE_ONLY_DOMAINS = List.of("*.amazonaws.com", "*.api.aws", "*.compute.internal",
            "*.ec2.internal");

    /** The tier that holds Transit Gateway attachments: a /28 per AZ, as AWS recommends, nothing else in it. */
    static final String TRANSIT_TIER = ConnectivityConfig.TransitGatewayConfig.TRANSIT_TIER;

    private final List<String> availabilityZones;
    private final EnvironmentConfig config;
    private final boolean transitTier;
    private final SecureVpc network;
    private final Map<String, TierSecurityGroup> workloadGroups = new LinkedHashMap<>();
    /** The alarms on the VPC's flow logs, once {@link #addRemediation} has run. */
    private FlowLogAlarms flowLogAlarms;
    /** The endpoints whose policies are the private-only shape's perimeter (BP-EP-3): restored when changed. */
    private final List<IVpcEndpoint> guardedEndpoints = new ArrayList<>();

    public NetworkStack(final Construct scope, final EnvironmentConfig env) {
        this(scope, env, false);
    }

    /** @param transitTier whether the VPC gets a {@value #TRANSIT_TIER} tier for a Transit Gateway attachment */
    public NetworkStack(final Construct scope, final EnvironmentConfig env, final boolean transitTier) {
        super(scope, env.stackName(), StackProps.builder()
                .stackName(env.stackName())
                .env(env.account() == null && env.region() == null ? null
                        : Environment.builder().account(env.account()).region(env.region()).build())
                .description("Secure VPC blueprint: " + env.shape().configName() + " network of environment "
                        + env.name())
                .terminationProtection(true)
                .build());
        this.availabilityZones = env.availabilityZones();
        this.config = env;
        this.transitTier = transitTier;
        Tags.of(this).add("blueprint:environment", env.name());
        Tags.of(this).add("blueprint:profile", env.profile().configName());
        Tags.of(this).add("blueprint:shape", env.shape().configName());
        // The monitoring guardrails deny changes to resources carrying this tag (io.securevpc.iam.Guardrails).
        Tags.of(this).add("blueprint:component", "network");
        this.network = switch (env.shape()) {
            case PRIVATE_ONLY -> privateOnly(env);
            case THREE_TIER -> threeTier(env);
        };
        // The account's Block Public Access (detection stack) exempts only the public tier's subnets (BP-NET-10).
        VpcBlockPublicAccess.excludePublicTiers(this, "BlockPublicAccessExclusions", network);
        dnsFirewall(env);
    }

    /**
     * The VPC's DNS Firewall (BP-NET-6): the configured AWS-managed threat lists blocked; a private-only VPC resolves
     * only AWS service names and the VPC's own host names (allow-list mode). A three-tier VPC whose configuration names
     * no managed list ids has no firewall (the ids are regional and not looked up): the finding is acknowledged there.
     */
    private void dnsFirewall(final EnvironmentConfig env) {
        boolean required = env.profile().requiresDnsFirewall();
        if (required) {
            // The gate's VpcDnsFirewallRequired (an error, not VpcDnsFirewall's warning) checks this VPC.
            ((CfnVPC) network.getVpc().getNode().getDefaultChild()).getTags().setTag(DnsFirewallRequirement.TAG_KEY,
                    DnsFirewallRequirement.TAG_VALUE);
        }
        List<String> ids = env.dnsFirewallDomainListIds().isEmpty() ? null : env.dnsFirewallDomainListIds();
        if (env.shape() == EnvironmentConfig.Shape.PRIVATE_ONLY) {
            new DnsFirewall(this, "DnsFirewall", DnsFirewallProps.builder().vpc(network.getVpc())
                    .managedDomainListIds(ids).allowedDomains(PRIVATE_ONLY_DOMAINS).build());
        } else if (ids != null) {
            new DnsFirewall(this, "DnsFirewall", DnsFirewallProps.builder().vpc(network.getVpc())
                    .managedDomainListIds(ids).build());
        } else {
            Acknowledgements.acknowledge((CfnResource) network.getVpc().getNode().getDefaultChild(),
                    "The environment's configuration names no dnsFirewallDomainListIds (the AWS-managed domain "
                            + "lists' ids differ per region and synth looks none up): set them to add the DNS Firewall.",
                    required ? "BlueprintChecks-VpcDnsFirewallRequired" : "BlueprintChecks-VpcDnsFirewall");
        }
    }

    /** @return the AZs of the environment, from config (BlueprintApp seeds them so synth never looks them up). */
    public List<String> configuredAvailabilityZones() {
        return availabilityZones;
    }

    public EnvironmentConfig getConfig() {
        return config;
    }

    public SecureVpc getNetwork() {
        return network;
    }

    /** @return the alarms on the VPC's flow logs, or {@code null} before {@link #addRemediation} */
    public FlowLogAlarms getFlowLogAlarms() {
        return flowLogAlarms;
    }

    /**
     * This VPC's automatic remediation (BP-MON-4/5, BP-NET-5): isolation of an instance a GuardDuty finding names,
     * and blocking of a malicious remote IP in the NACL of the tier it reached. Both report to the detection
     * stack's alerts of the same account and region, through a reference (this stack depends on that one). In the
     * private-only shape, a change of an endpoint policy is reported and the deployed policy restored (BP-EP-3).
     * The VPC's flow logs raise alarms on the same topic ({@link FlowLogAlarms}, BP-MON-1/3), and a dashboard shows
     * the flows per tier, NAT and endpoint traffic, the alarms' state and the remediation rules' runs
     * ({@link NetworkDashboard}).
     *
     * @param connectedCidrs the networks this VPC talks to (other environments, on-premises ranges, the customer
     *     gateway): never blocked, and not counted as egress from an isolated tier
     */
    public void addRemediation(final SecurityAlerts detectionAlerts, final List<String> connectedCidrs) {
        SecurityAlerts alerts = detectionAlerts.referenceFrom(this, "Alerts");
        List<IRule> remediationRules = new ArrayList<>();
        this.flowLogAlarms = new FlowLogAlarms(this, "FlowLogAlarms", FlowLogAlarmsProps.builder()
                .secureVpc(network)
                .topics(List.of(alerts.getTopic()))
                .blockList(blockList(config))
                .connectedCidrs(connectedCidrs)
                .build());
        InstanceIsolation isolation = new InstanceIsolation(this, "Isolation", InstanceIsolationProps.builder()
                .vpc(network.getVpc())
                .alerts(alerts)
                .build());
        MaliciousIpBlocking blocking = new MaliciousIpBlocking(this, "IpBlocking", MaliciousIpBlockingProps.builder()
                .secureVpc(network)
                .alerts(alerts)
                .allowList(connectedCidrs)
                .build());
        // The stack's permission boundary (NetworkAccess) is the ceiling of the network's operators and service
        // roles; it does not hold the remediation actions (tagging and re-grouping instances, snapshots, SSM,
        // SNS), and under it the remediation roles could do nothing. Those roles are bounded by their own
        // least-privilege policies, as the audit and detection stacks' remediation roles are.
        PermissionsBoundary.of(isolation).clear();
        PermissionsBoundary.of(blocking).clear();
        acknowledgeAlertRulesEnvironment(isolation, blocking);
        remediationRules.add(isolation.getRule());
        blocking.getTiers().forEach(tier -> remediationRules.add(blocking.getRule(tier)));
        if (!guardedEndpoints.isEmpty()) {
            EndpointPolicyRestore restore = new EndpointPolicyRestore(this, "EndpointPolicyRestore", alerts,
                    guardedEndpoints, false);
            PermissionsBoundary.of(restore).clear();
            acknowledgeAlertRuleEnvironment(restore.getRule());
            acknowledgeAlertRuleEnvironment(restore.getFailureRule());
            remediationRules.add(restore.getRule());
        }
        new NetworkDashboard(this, "Dashboard", NetworkDashboardProps.builder()
                .secureVpc(network)
                .flowLogAlarms(flowLogAlarms)
                .remediationRules(remediationRules)
                .build());
    }

    /** The id of the warning CDK gives a rule whose target's environment it cannot compare with the rule's. */
    static final String RULE_UNRESOLVED_ENVIRONMENT = "@aws-cdk/aws-events:ruleUnresolvedEnvironment";

    /**
     * The rules that notify the detection stack's alerts topic: CDK warns on each that the rule's or the target's
     * environment is unresolved, since the topic's ARN (and so its region) is a reference to another stack. The
     * app puts that detection stack in the same account and region as this network stack, so rule and target
     * share one environment. Acknowledged on each rule that targets the topic.
     */
    private static final String ALERT_RULE_ENVIRONMENT = "The target is the alerts topic of the detection stack that "
            + "BlueprintApp creates in this stack's own account and region; its ARN is a cross-stack reference, so CDK "
            + "cannot compare the regions at synth, but rule and target share one environment.";

    private static void acknowledgeAlertRulesEnvironment(final InstanceIsolation isolation,
                                                         final MaliciousIpBlocking blocking) {
        List<Rule> rules = new ArrayList<>();
        rules.add(isolation.getRule());
        blocking.getTiers().forEach(tier -> rules.add(blocking.getRule(tier)));
        if (blocking.getFailureRule() != null) {
            rules.add(blocking.getFailureRule());
        }
        rules.forEach(NetworkStack::acknowledgeAlertRuleEnvironment);
    }

    private static void acknowledgeAlertRuleEnvironment(final Rule rule) {
        Acknowledgements.acknowledgeWarning(rule, ALERT_RULE_ENVIRONMENT, RULE_UNRESOLVED_ENVIRONMENT);
    }

    /** @return the security group of one workload tier's instances ({@code app}, {@code data}). */
    public TierSecurityGroup workloadGroup(final String tier) {
        return workloadGroups.get(tier);
    }

    // ------------------------------------------------------------------ connections of this environment

    /**
     * Provides a service over PrivateLink (BP-MV-3): a TLS listener on an internal Network Load Balancer in the
     * provider tier, forwarding to IP targets of that tier (registered by the workload, e.g. an ECS service) that
     * only the load balancer's security group may reach. Only the consumer environment's account may connect,
     * after acceptance. The tier's NACL lets the load balancer reach its targets in the same tier: load-balancer
     * traffic crosses the NACL even inside one subnet (BP-NET-9); the listener port is opened to the tier's own
     * blocks, where the load balancer's addresses are.
     */
    PrivateLinkService providePrivateLink(final ConnectivityConfig.PrivateLinkConfig link,
                                          final EnvironmentConfig consumer) {
        String account = consumer.account() != null ? consumer.account() : getAccount();
        PrivateLinkService service = new PrivateLinkService(this, "PrivateLink-" + link.serviceId(),
                PrivateLinkServiceProps.builder()
                        .vpc(network.getVpc())
                        .subnets(network.tierSubnets(link.providerTier()))
                        .allowedPrincipals(List.of(new ArnPrincipal("arn:" + getPartition() + ":iam::" + account + ":root")))
                        .build());
        service.addTlsListener("Tls", PortRange.tcp(link.port()), ListenerCertificate.fromArn(link.certificateArn()),
                link.targetPort(), List.of());
        service.getConnections().allowTo(workloadGroups.get(link.providerTier()), Port.tcp(link.targetPort()),
                "PrivateLink load balancer to its targets and their health checks");
        network.allowTierTraffic(link.providerTier(), List.of(link.providerTier()),
                List.of(PortRange.tcp(link.targetPort()), PortRange.tcp(link.port())));
        return service;
    }

    /**
     * Consumes a service of another environment over PrivateLink (BP-MV-3, BP-EP-5): an interface endpoint in every
     * AZ of the consumer tier that only the application's security group reaches, on the service port; the
     * consumer tier's NACL accepts that port from the application tier.
     */
    void consumePrivateLink(final ConnectivityConfig.PrivateLinkConfig link, final PrivateLinkService service) {
        TierSecurityGroup app = workloadGroups.get("app");
        new PrivateLinkEndpoint(this, "PrivateLink-" + link.endpointId(),
                PrivateLinkEndpointProps.builder()
                        .vpc(network.getVpc())
                        .tierName(link.consumerTier())
                        .service(new InterfaceVpcEndpointService(service.getServiceName(), link.port()))
                        .consumers(List.of(app))
                        .build());
        network.allowTierTraffic(link.consumerTier(), List.of("app"), List.of(PortRange.tcp(link.port())));
    }

    /**
     * Connects the environment to an on-premises network (BP-NET-11, BP-EP-1): a virtual private gateway, the
     * customer gateway and a Site-to-Site VPN whose routes reach the route tiers only.
     */
    SiteToSiteVpn addVpn(final ConnectivityConfig.VpnConfig vpn) {
        return new SiteToSiteVpn(this, "OnPremisesVpn", SiteToSiteVpnProps.builder()
                .secureVpc(network)
                .customerGatewayIp(vpn.customerGatewayIp())
                .customerGatewayAsn(vpn.customerGatewayAsn())
                .onPremisesCidrs(vpn.onPremisesCidrs())
                .staticRouting(vpn.staticRouting())
                .routeTiers(vpn.routeTiers())
                .outboundPorts(vpn.outboundPorts().stream().map(PortRange::tcp).toList())
                .inboundPorts(vpn.inboundPorts().stream().map(PortRange::tcp).toList())
                .tunnelLogRetention(config.profile().logRetention())
                .build());
    }

    /** The shape's tiers, and the transit tier after them when the environment is attached to a Transit Gateway. */
    private List<SubnetTier> withTransitTier(final List<SubnetTier> tiers) {
        if (!transitTier) {
            return tiers;
        }
        List<SubnetTier> all = new ArrayList<>(tiers);
        all.add(SubnetTier.builder(TRANSIT_TIER, TierKind.ISOLATED).cidrMask(28).egressPorts(List.of()).build());
        return all;
    }

    private SecureVpc privateOnly(final EnvironmentConfig env) {
        SecureVpc vpc = new SecureVpc(this, "Network", SecureVpcProps.builder()
                .cidr(env.cidr())
                .availabilityZones(env.availabilityZones())
                .reservedAzs(1)
                .tiers(withTransitTier(List.of(
                        gatewayEndpointHttps(SubnetTier.builder("app", TierKind.ISOLATED).cidrMask(22)
                                .ingressPorts(List.of(HTTPS)), env).build(),
                        gatewayEndpointHttps(SubnetTier.builder("data", TierKind.ISOLATED).cidrMask(24)
                                .ingressPorts(List.of(DATABASE_PORT)).ingressFrom(List.of("app")), env).build(),
                        SubnetTier.builder("endpoints", TierKind.ISOLATED).cidrMask(26)
                                .ingressPorts(List.of(HTTPS)).egressPorts(List.of()).build())))
                .ipv6(true)
                .blockList(blockList(env))
                .flowLogDestinations(FlowLogDestinations.CLOUDWATCH_LOGS)
                .flowLogAggregation(FlowLogMaxAggregationInterval.ONE_MINUTE)
                .flowLogRetention(env.profile().logRetention())
                .build());
        TierSecurityGroup app = TierSecurityGroup.Builder.create(this, "AppSecurityGroup").vpc(vpc.getVpc())
                .description("Application instances of the private-only environment").build();
        TierSecurityGroup data = TierSecurityGroup.Builder.create(this, "DataSecurityGroup").vpc(vpc.getVpc())
                .description("Databases of the private-only environment").build();
        data.allowFrom(app, DATABASE_PORT, "Application to database");
        app.allowWithinGroup(HTTPS, "Application instances call each other over HTTPS");
        workloadGroups.put("app", app);
        workloadGroups.put("data", data);
        privateAccessToAwsServices(vpc, env, app, data);
        return vpc;
    }

    /**
     * A private-only workload tier sends HTTPS to S3 and DynamoDB through the gateway endpoints: its NACL names the
     * prefix lists' ranges when the configuration gives them, else (a weakening the library warns about) sends HTTPS
     * to 0.0.0.0/0 and takes its return traffic from anywhere, confined to the services by the route tables.
     */
    private static SubnetTier.Builder gatewayEndpointHttps(final SubnetTier.Builder tier, final EnvironmentConfig env) {
        List<String> cidrs = env.gatewayPrefixLists() == null ? List.of() : env.gatewayPrefixLists().cidrs();
        tier.egressPorts(List.of(HTTPS));
        return cidrs == null || cidrs.isEmpty() ? tier.gatewayEndpointReturnFromAnywhere(true)
                : tier.gatewayEndpointCidrs(cidrs);
    }

    private SecureVpc threeTier(final EnvironmentConfig env) {
        SecureVpc vpc = new SecureVpc(this, "Network", SecureVpcProps.builder()
                .cidr(env.cidr())
                .availabilityZones(env.availabilityZones())
                .tiers(withTransitTier(List.of(
                        SubnetTier.builder("app", TierKind.PRIVATE_WITH_EGRESS).cidrMask(22)
                                .ingressPorts(List.of(APP_PORT)).ingressFrom(List.of("public"))
                                .healthCheckPorts(List.of(HEALTH_CHECK_PORT)).build(),
                        SubnetTier.builder("data", TierKind.ISOLATED).cidrMask(24)
                                .ingressPorts(List.of(DATABASE_PORT)).ingressFrom(List.of("app"))
                                .egressPorts(List.of()).build(),
                        SubnetTier.builder("public", TierKind.PUBLIC).cidrMask(26)
                                .ingressPorts(List.of(HTTPS)).build())))
                .natStrategy(env.profile().natStrategy())
                .blockList(blockList(env))
                .flowLogDestinations(FlowLogDestinations.BOTH)
                .flowLogRetention(env.profile().logRetention())
                .build());
        TierSecurityGroup lb = TierSecurityGroup.Builder.create(this, "LoadBalancerSecurityGroup").vpc(vpc.getVpc())
                .description("Internet-facing load balancer of the three-tier environment")
                .publicIngressPorts(List.of(HTTPS)).build();
        TierSecurityGroup app = TierSecurityGroup.Builder.create(this, "AppSecurityGroup").vpc(vpc.getVpc())
                .description("Application instances of the three-tier environment").build();
        TierSecurityGroup data = TierSecurityGroup.Builder.create(this, "DataSecurityGroup").vpc(vpc.getVpc())
                .description("Databases of the three-tier environment").build();
        app.allowFrom(lb, APP_PORT, "Load balancer to application");
        app.allowFrom(lb, HEALTH_CHECK_PORT, "Load balancer health checks (BP-NET-9)");
        data.allowFrom(app, DATABASE_PORT, "Application to database");
        app.allowEgressToInternet(HTTPS, "Application calls HTTPS APIs on the internet through NAT");
        workloadGroups.put("app", app);
        workloadGroups.put("data", data);
        new GatewayEndpoints(this, "GatewayEndpoints", GatewayEndpointsProps.builder().vpc(vpc.getVpc()).build());
        acknowledgePublicListener(lb);
        acknowledgeFlowLogArchive(vpc);
        return vpc;
    }

    /**
     * The private-only shape has no internet path (BP-EP-1): S3 and DynamoDB through gateway endpoints on the
     * route tables of the workload tiers (app, data; the endpoints tier has no use for them), with the AWS-owned
     * buckets instances need (package repositories, ECR layers, SSM Agent) opted in (BP-EP-2/3); the workloads'
     * security groups allow HTTPS to the services' AWS-managed prefix lists, whose ids come from config (BP-EP-4);
     * the profile's interface endpoints in the 'endpoints' tier that only the application's security group reaches
     * (BP-EP-5, BP-NET-2).
     *
     * <p>NACLs take CIDRs, not prefix lists: the workload tiers' NACLs send HTTPS to the prefix lists' entries when
     * the configuration gives them ({@code gatewayPrefixLists.cidrs}); without them, to 0.0.0.0/0 with its return
     * traffic (a synth warning), and the isolated route tables, whose only routes out are the gateway endpoints',
     * are what confine that traffic to S3 and DynamoDB.
     */
    private void privateAccessToAwsServices(final SecureVpc vpc, final EnvironmentConfig env,
                                            final TierSecurityGroup app, final TierSecurityGroup data) {
        if (env.gatewayPrefixLists() == null) {
            // BlueprintConfig.parse reports this; an EnvironmentConfig built in code gets the same message here
            throw new AppConfigException(List.of(new AppConfigException.Problem(AppErrorCode.APP_CONFIG,
                    "environments[" + env.name() + "].gatewayPrefixLists", "(unset)", "the ids of the region's "
                            + "prefix lists of S3 and DynamoDB: a private-only environment's workloads reach them only "
                            + "through their gateway endpoints (BP-EP-4)")));
        }
        GatewayEndpoints gateways = new GatewayEndpoints(this, "GatewayEndpoints", GatewayEndpointsProps.builder()
                .vpc(vpc.getVpc())
                .subnets(List.of(vpc.tierSubnets("app"), vpc.tierSubnets("data")))
                .s3Policy(EndpointPolicy.s3(AccessBoundary.thisAccount())
                        .amazonLinuxRepositories().ecrImageLayers().ssmAgentBuckets().build())
                .build());
        for (TierSecurityGroup workload : List.of(app, data)) {
            gateways.allowHttpsEgress(workload, GatewayEndpointService.S3, env.gatewayPrefixLists().s3());
            gateways.allowHttpsEgress(workload, GatewayEndpointService.DYNAMODB, env.gatewayPrefixLists().dynamodb());
        }
        guardedEndpoints.add(gateways.getEndpoint(GatewayEndpointService.S3));
        guardedEndpoints.add(gateways.getEndpoint(GatewayEndpointService.DYNAMODB));
        InterfaceEndpoints interfaces = new InterfaceEndpoints(this, "InterfaceEndpoints", InterfaceEndpointsProps.builder()
                .vpc(vpc.getVpc())
                .presets(env.profile().interfaceEndpoints())
                .consumers(List.of(app))
                // One group for all endpoints: one set of rules to review, and the operators' permission
                // boundary (which names every security group of the stack) stays within IAM's size limit.
                .sharedSecurityGroup(true)
                .build());
        guardedEndpoints.addAll(interfaces.getEndpointsWithPolicy());
    }

    /**
     * The one finding the three-tier shape cannot fix: an internet-facing load balancer accepts HTTPS from
     * anywhere. Acknowledged on that security group only, for that rule only.
     */
    private static void acknowledgePublicListener(final TierSecurityGroup lb) {
        Acknowledgements.acknowledge((CfnResource) lb.getSecurityGroup().getNode().getDefaultChild(),
                "Internet-facing load balancer of the three-tier shape: HTTPS (443) from 0.0.0.0/0 is its "
                        + "purpose; no other port is open and the group has no other ingress (BP-NET-10).",
                "AwsSolutions-EC23");
    }

    /**
     * The flow-log buckets of the three-tier shape are a second copy: every record also goes to the
     * CMK-encrypted CloudWatch Logs group, so a cross-region replica (which needs a bucket in a second
     * region, outside this stack) is not what protects the data. Object Lock is not turned on because a
     * default retention makes S3 demand a Content-MD5 or checksum header on every PutObject, which the
     * log-delivery service does not promise to send; versioning and RETAIN protect the objects instead.
     */
    private static void acknowledgeFlowLogArchive(final SecureVpc vpc) {
        String replication = "Second copy of the flow logs: every record also goes to the CMK-encrypted "
                + "CloudWatch Logs group of this VPC; a cross-region replica needs a bucket in another region, "
                + "outside this single-region stack.";
        for (var bucket : List.of(vpc.getFlowLogBucket(), vpc.getFlowLogAccessLogBucket())) {
            Acknowledgements.acknowledge((CfnResource) bucket.getNode().getDefaultChild(), replication,
                    "HIPAA.Security-S3BucketReplicationEnabled", "NIST.800.53.R4-S3BucketReplicationEnabled",
                    "NIST.800.53.R5-S3BucketReplicationEnabled", "PCI.DSS.321-S3BucketReplicationEnabled");
        }
        Acknowledgements.acknowledge((CfnResource) vpc.getFlowLogBucket().getNode().getDefaultChild(),
                "Object Lock default retention makes S3 require a Content-MD5/checksum header on every write, "
                        + "which VPC Flow Logs delivery does not guarantee; versioning, RETAIN and the CloudWatch "
                        + "Logs copy protect the records instead.",
                "NIST.800.53.R4-S3BucketDefaultLockEnabled");
    }

    private static List<BlockListEntry> blockList(final EnvironmentConfig env) {
        return env.blockList().stream().map(b -> BlockListEntry.cidr(b.cidr(), b.reason())).toList();
    }
}
