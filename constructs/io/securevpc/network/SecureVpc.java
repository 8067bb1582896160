package io.securevpc.network;

import io.securevpc.ErrorCode;
import io.securevpc.compliance.Acknowledgements;
import io.securevpc.internal.Ipv4Cidr;
import io.securevpc.internal.Maps;
import io.securevpc.internal.Problems;
import io.securevpc.internal.RequiredProps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.ec2.CfnSubnet;
import software.amazon.awscdk.services.ec2.INetworkAcl;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.IpAddresses;
import software.amazon.awscdk.services.ec2.IpProtocol;
import software.amazon.awscdk.services.ec2.NatProvider;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ec2.VpcProps;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * A VPC that is secure by default: isolated tiers only, no internet gateway and no NAT unless a public
 * tier and a NAT strategy are asked for, the default security group closed, one deny-by-default NACL per
 * tier with a managed rule-number layout and a block list, and flow logs of all traffic in the full v2-v5
 * format to encrypted, retained destinations.
 *
 * <p>Wraps {@link Vpc} (reachable through {@link #getVpc()}) and adds what it lacks:
 * <ul>
 *   <li>BP-NET-1/3/10: tiers per AZ; no route to an internet gateway from a private or isolated tier;
 *       {@code mapPublicIpOnLaunch} false in every tier, public included (load balancers get their own
 *       addresses).</li>
 *   <li>BP-NET-2/4: the default security group loses its rules ({@code restrictDefaultSecurityGroup}); every
 *       subnet is associated with its tier's NACL, so the default NACL governs no subnet.</li>
 *   <li>BP-NET-4/5/9: NACL entries derived from what each tier serves and reaches, with ephemeral-port
 *       return entries, block-list denies below every allow, health-check ports (see
 *       {@link NaclRuleNumbers}). NACLs do not filter link-local traffic or the Amazon DNS server
 *       (BP-NET-6), so no entry is needed for them; DNS is logged instead (and filtered by {@link DnsFirewall}).</li>
 *   <li>BP-MON-1: flow logs (see {@link FlowLogFormat}) and Route 53 Resolver query logs of the VPC's DNS.</li>
 * </ul>
 * Invalid props fail in the constructor with one {@link io.securevpc.BlueprintValidationException} listing
 * every problem. Plain-Java parts do the work: {@link ResolvedVpcProps} (defaults), {@link SecureVpcValidator},
 * {@link TierAddressPlan}, {@link NaclPlan} and {@link NaclEntryBook}; this class creates what they describe.
 */
public class SecureVpc extends Construct implements ISecureVpc {
    private static final String REQUIRE_PRIVATE_SUBNETS_FOR_EIGW =
            "@aws-cdk/aws-ec2:requirePrivateSubnetsForEgressOnlyInternetGateway";

    private final ResolvedVpcProps props;
    /** The VPC CIDR when known at synth (not with IPAM): NACL entries then carry literals, not tokens. */
    private final String literalCidr;
    private final Vpc vpc;
    private TierNacls nacls;
    /** Each tier's IPv4 CIDRs as the NACL entries name them (literals unless the VPC uses IPAM). */
    private Map<String, List<String>> tierCidrs = Maps.of();
    private final VpcFlowLogs flowLogs;

    public SecureVpc(final @NotNull Construct scope, final @NotNull String id, final @Nullable SecureVpcProps props) {
        super(scope, id);
        // A library cannot rely on the app's cdk.json: without this flag CDK creates an egress-only internet
        // gateway in every dual-stack VPC, even one with no private-with-egress tier to use it.
        getNode().setContext(REQUIRE_PRIVATE_SUBNETS_FOR_EIGW, true);
        this.props = resolve(props != null ? props : SecureVpcProps.builder().build());
        SecureVpcValidator.validate(this.props, scopeName());
        this.literalCidr = this.props.vpcCidr().map(Ipv4Cidr::toString).orElse(null);
        this.vpc = createVpc();
        createNetworkAcls();
        acknowledgePublicRoutes();
        DefaultSecurityGroupProvider.acknowledge(this);
        this.flowLogs = createFlowLogs();
        ResolverQueryLogging.attach(this, vpc, flowLogs, this.props);
        warnAboutWeakenings();
    }

    @Override
    public @NotNull IVpc getVpc() {
        return vpc;
    }

    @Override
    public @NotNull List<SubnetTier> getTiers() {
        return props.tiers();
    }

    @Override
    public @NotNull SubnetSelection tierSubnets(final @NotNull String tierName) {
        requireTier(tierName);
        return SubnetSelection.builder().subnetGroupName(tierName).build();
    }

    @Override
    public @NotNull INetworkAcl networkAcl(final @NotNull String tierName) {
        requireTier(tierName);
        return nacls.acl(tierName);
    }

    @Override
    public @NotNull SortedSet<Integer> naclRuleNumbers(final @NotNull String tierName) {
        requireTier(tierName);
        return nacls.ruleNumbers(tierName);
    }

    @Override
    public @Nullable ILogGroup getFlowLogGroup() {
        return flowLogs == null ? null : flowLogs.getLogGroup();
    }

    @Override
    public @Nullable IBucket getFlowLogBucket() {
        return flowLogs == null ? null : flowLogs.getBucket();
    }

    @Override
    public @Nullable IBucket getFlowLogAccessLogBucket() {
        return flowLogs == null ? null : flowLogs.getAccessLogBucket();
    }

    @Override
    public @Nullable IKey getFlowLogKey() {
        return flowLogs == null ? null : flowLogs.getKey();
    }

    @Override
    public @Nullable String getVpcCidrLiteral() {
        return literalCidr;
    }

    @Override
    public @NotNull List<String> tierCidrs(final @NotNull String tierName) {
        requireTier(tierName);
        return tierCidrs.get(tierName);
    }

    @Override
    public void allowExternalTraffic(final @NotNull String tierName, final @NotNull List<String> cidrs,
                                     final @NotNull List<PortRange> outboundPorts,
                                     final @NotNull List<PortRange> inboundPorts) {
        RequiredProps.of("SecureVpc.allowExternalTraffic").list("cidrs", cidrs).list("outboundPorts", outboundPorts)
                .list("inboundPorts", inboundPorts).check();
        requireTier(tierName);
        Problems problems = new Problems();
        SecureVpcValidator.checkExternalBlocks(cidrs, outboundPorts, inboundPorts,
                Optional.ofNullable(literalCidr).flatMap(Ipv4Cidr::parse), problems);
        nacls.add(tierName, NaclEntryBook.openTo(cidrs, outboundPorts, inboundPorts, props.ephemeralPorts(), true),
                "summarise the external blocks", problems);
    }

    @Override
    public void allowTransitTraffic(final @NotNull String attachmentTier, final @NotNull List<String> routeTiers,
                                    final @NotNull List<PortRange> outboundPorts,
                                    final @NotNull List<PortRange> inboundPorts) {
        RequiredProps.of("SecureVpc.allowTransitTraffic").list("routeTiers", routeTiers)
                .list("outboundPorts", outboundPorts).list("inboundPorts", inboundPorts).check();
        requireTier(attachmentTier);
        routeTiers.forEach(this::requireTier);
        Problems problems = new Problems();
        SecureVpcValidator.checkPorts("outboundPorts", outboundPorts, problems);
        SecureVpcValidator.checkPorts("inboundPorts", inboundPorts, problems);
        List<String> blocks = routeTiers.stream().flatMap(t -> tierCidrs.get(t).stream()).toList();
        // Seen from the attachment subnets, the route tiers' own packets cross in the other direction.
        nacls.add(attachmentTier, NaclEntryBook.openTo(blocks, outboundPorts, inboundPorts, props.ephemeralPorts(),
                false), "attach through fewer route tiers or open fewer ports", problems);
    }

    @Override
    public void allowTierTraffic(final @NotNull String tierName, final @NotNull List<String> fromTiers,
                                 final @NotNull List<PortRange> ports) {
        RequiredProps.of("SecureVpc.allowTierTraffic").list("fromTiers", fromTiers).list("ports", ports).check();
        requireTier(tierName);
        fromTiers.forEach(this::requireTier);
        Problems problems = new Problems();
        SecureVpcValidator.checkPorts("ports", ports, problems);
        problems.throwIfAny(scopeName());
        nacls.addAll(NaclEntryBook.tierTraffic(tierName, fromTiers, ports, tierCidrs, props.tiers(),
                props.ephemeralPorts()), problems);
    }

    /** The props with every default, given the two inputs only CDK knows: the stack's AZs and an IPAM CIDR. */
    private ResolvedVpcProps resolve(final SecureVpcProps given) {
        int stackAzs = given.getAvailabilityZones() != null ? 0 : Stack.of(this).getAvailabilityZones().size();
        String allocated = null;
        if (given.getIpAddresses() != null && given.getCidr() == null) {
            String block = given.getIpAddresses().allocateVpcCidr().getCidrBlock();
            allocated = block == null || Token.isUnresolved(block) ? null : block;
        }
        return ResolvedVpcProps.resolve(given, stackAzs, allocated);
    }

    private Vpc createVpc() {
        SecureVpcProps given = props.given();
        VpcProps.Builder b = VpcProps.builder()
                .ipAddresses(given.getIpAddresses() != null ? given.getIpAddresses() : IpAddresses.cidr(props.cidr()))
                .subnetConfiguration(props.tiers().stream().map(t -> t.subnetConfiguration(props.ipv6())).toList())
                .createInternetGateway(props.hasActiveTier(TierKind.PUBLIC))
                .natGateways(props.natGateways())
                .restrictDefaultSecurityGroup(true)
                .enableDnsHostnames(true)
                .enableDnsSupport(true);
        if (props.natStrategy() != NatStrategy.NONE) {
            b.natGatewayProvider(NatProvider.gateway())
                    .natGatewaySubnets(SubnetSelection.builder().subnetGroupName(props.natHostTier()).build());
        }
        if (given.getAvailabilityZones() != null) {
            b.availabilityZones(given.getAvailabilityZones());
        } else {
            b.maxAzs(ResolvedVpcProps.maxAzs(given));
        }
        if (props.reservedAzs() > 0) {
            b.reservedAzs(props.reservedAzs());
        }
        if (props.ipv6()) {
            b.ipProtocol(IpProtocol.DUAL_STACK);
        }
        return new Vpc(this, "Vpc", b.build());
    }

    /** One NACL per tier with its planned entries; with IPAM, the entries name each subnet's CIDR token. */
    private void createNetworkAcls() {
        this.tierCidrs = Map.copyOf(literalCidr != null
                ? TierAddressPlan.allocate(props.tiers(), Ipv4Cidr.of(literalCidr), props.azCount(),
                        props.reservedAzs(), new Problems())
                : subnetBlocks(s -> s.getIpv4CidrBlock()));
        String vpcIpv6 = props.ipv6() ? Fn.select(0, vpc.getVpcIpv6CidrBlocks()) : null;
        String vpcCidr = literalCidr != null ? literalCidr : vpc.getVpcCidrBlock();
        // With IPAM the plan is known only now (one entry per subnet token), so the quota is checked again.
        Problems problems = new Problems();
        Map<String, List<String>> tierIpv6 = props.ipv6() ? subnetBlocks(
                s -> Fn.select(0, ((CfnSubnet) s.getNode().getDefaultChild()).getAttrIpv6CidrBlocks())) : Maps.of();
        NaclPlan plan = NaclPlan.plan(props.tiers(), props.blockList(),
                props.naclNetwork(tierCidrs, vpcCidr, vpcIpv6, tierIpv6), problems);
        problems.throwIfAny(scopeName());
        this.nacls = new TierNacls(this, vpc, props.activeTiers(), plan, props.naclEntryQuota(), scopeName());
    }

    /** Per active tier, one block of each of its subnets (known only at deploy time: tokens). */
    private Map<String, List<String>> subnetBlocks(final Function<ISubnet, String> block) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (SubnetTier tier : props.activeTiers()) {
            result.put(tier.getName(), vpc.selectSubnets(tierSubnets(tier.getName())).getSubnets().stream()
                    .map(block).toList());
        }
        return result;
    }

    /**
     * A public tier exists to reach the internet: its default routes to the internet gateway are its purpose
     * and the stock packs' "no unrestricted route to an IGW" finding on them cannot be fixed. Acknowledged on
     * those routes only; private and isolated tiers have no such route (BP-NET-10).
     */
    private void acknowledgePublicRoutes() {
        for (var subnet : vpc.getPublicSubnets()) {
            for (String routeId : List.of("DefaultRoute", "DefaultRoute6")) {
                var route = subnet.getNode().tryFindChild(routeId);
                if (route instanceof CfnResource cfnRoute) {
                    Acknowledgements.acknowledge(cfnRoute,
                            "Default route of a PUBLIC tier (internet-facing load balancers, NAT gateways) to the "
                                    + "internet gateway: the tier's purpose. Private and isolated tiers have no "
                                    + "route to the internet gateway (BP-NET-10).",
                            "HIPAA.Security-VPCNoUnrestrictedRouteToIGW", "NIST.800.53.R5-VPCNoUnrestrictedRouteToIGW",
                            "PCI.DSS.321-VPCNoUnrestrictedRouteToIGW");
                }
            }
        }
    }

    private VpcFlowLogs createFlowLogs() {
        if (!props.flowLogs()) {
            return null;
        }
        return new VpcFlowLogs(this, "FlowLogs", vpc, new VpcFlowLogs.Settings(props.flowLogDestinations(),
                props.flowLogRetention(), props.flowLogAggregation(), props.given().getFlowLogKey(),
                props.given().getFlowLogBucket(), props.flowLogBucketEncryption()));
    }

    private void warnAboutWeakenings() {
        Annotations annotations = Annotations.of(this);
        if (!props.flowLogs()) {
            annotations.addWarningV2("@securevpc/network:flowLogsDisabled",
                    "flowLogs is false: no record of the VPC's traffic (BP-MON-1).");
        }
        if (props.flowLogBucketS3Managed()) {
            annotations.addWarningV2("@securevpc/network:flowLogBucketS3Managed",
                    "flowLogBucketEncryption is S3_MANAGED: no key policy controls who can read the flow logs.");
        }
        for (SubnetTier tier : props.activeTiers()) {
            if (tier.getKind() == TierKind.PUBLIC) {
                annotations.addWarningV2("@securevpc/network:publicTier",
                        "tier '" + tier.getName() + "' is PUBLIC: internet ingress on " + tier.getIngressPorts()
                                + " to load balancers only (BP-NET-10).");
            }
        }
    }

    private void requireTier(final String tierName) {
        if (!props.isActiveTier(tierName)) {
            new Problems().add(ErrorCode.TIER, "tierName", tierName, "one of: " + props.tierNames())
                    .throwIfAny(scopeName());
        }
    }

    /** Names this construct in a validation message; a construct's path costs jsii round trips, paid on failure. */
    private Supplier<String> scopeName() {
        return () -> "SecureVpc " + getNode().getPath();
    }

    /** A fluent builder, as aws-cdk-lib constructs have in Java: a setter for each {@link SecureVpcProps} field. */
    public static final class Builder extends SecureVpcProps.Setters<Builder> {
        private final Construct scope;
        private final String id;

        private Builder(final Construct scope, final String id) {
            this.scope = scope;
            this.id = id;
        }

        public static @NotNull Builder create(final @NotNull Construct scope, final @NotNull String id) {
            return new Builder(scope, id);
        }

        @Override
        Builder self() {
            return this;
        }

        public @NotNull SecureVpc build() {
            return new SecureVpc(scope, id, new SecureVpcProps(this));
        }
    }
}
