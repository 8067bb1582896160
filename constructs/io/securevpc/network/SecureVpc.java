package io.securevpc.network;

import io.securevpc.ErrorCode;
import io.securevpc.internal.Ipv4Cidr;
import io.securevpc.internal.LogRetention;
import io.securevpc.internal.Problems;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import io.securevpc.compliance.Acknowledgements;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.ec2.CfnNetworkAclEntry;
import software.amazon.awscdk.services.ec2.CfnSubnet;
import software.amazon.awscdk.services.ec2.FlowLogMaxAggregationInterval;
import software.amazon.awscdk.services.ec2.IIpAddresses;
import software.amazon.awscdk.services.ec2.INetworkAcl;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.IpAddresses;
import software.amazon.awscdk.services.ec2.IpProtocol;
import software.amazon.awscdk.services.ec2.NatProvider;
import software.amazon.awscdk.services.ec2.NetworkAcl;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ec2.VpcProps;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
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
 *       (BP-NET-6), so no entry is needed for them.</li>
 *   <li>BP-MON-1: flow logs (see {@link FlowLogFormat}).</li>
 * </ul>
 * Invalid props fail in the constructor with one {@link io.securevpc.BlueprintValidationException} listing
 * every problem.
 */
public class SecureVpc extends Construct {
    private static final Pattern TIER_NAME = Pattern.compile("^[A-Za-z][A-Za-z0-9-]{0,31}$");
    private static final Pattern IPV6_CIDR = Pattern.compile("^[0-9A-Fa-f:]+/(\\d{1,3})$");
    private static final String DEFAULT_CIDR = "10.0.0.0/16";
    private static final int DEFAULT_MAX_AZS = 3;
    private static final int MIN_AZS = 2;
    private static final int MAX_AZS = 6;
    private static final String REQUIRE_PRIVATE_SUBNETS_FOR_EIGW =
            "@aws-cdk/aws-ec2:requirePrivateSubnetsForEgressOnlyInternetGateway";

    private final SecureVpcProps props;
    private final List<SubnetTier> tiers;
    private final Vpc vpc;
    private final Map<String, NetworkAcl> networkAcls = new LinkedHashMap<>();
    private final VpcFlowLogs flowLogs;
    /** The VPC CIDR when known at synth (not with IPAM): NACL entries then carry literals, not tokens. */
    private String literalCidr;
    /** Each tier's IPv4 CIDRs as the NACL entries name them (literals unless the VPC uses IPAM). */
    private Map<String, List<String>> tierCidrs = Map.of();
    /** Per tier: where {@link #allowExternalTraffic} numbers its entries, and how many each direction holds. */
    private final Map<String, ExternalAllowCursor> externalAllows = new LinkedHashMap<>();

    public SecureVpc(final @NotNull Construct scope, final @NotNull String id, final @Nullable SecureVpcProps props) {
        super(scope, id);
        // A library cannot rely on the app's cdk.json: without this flag CDK creates an egress-only internet
        // gateway in every dual-stack VPC, even one with no private-with-egress tier to use it.
        getNode().setContext(REQUIRE_PRIVATE_SUBNETS_FOR_EIGW, true);
        this.props = props != null ? props : SecureVpcProps.builder().build();
        this.tiers = this.props.getTiers() != null ? this.props.getTiers() : SecureVpcProps.DEFAULT_TIERS;
        Map<String, List<String>> plannedTierCidrs = validate();
        this.vpc = createVpc();
        createNetworkAcls(plannedTierCidrs);
        acknowledgePublicRoutes();
        this.flowLogs = createFlowLogs();
        warnAboutWeakenings();
    }

    // ---------------------------------------------------------------------------------------------- API

    /** @return the underlying VPC, for everything that takes an {@link IVpc}. */
    public @NotNull IVpc getVpc() {
        return vpc;
    }

    /** @return the tiers this VPC was built with, reserved ones included. */
    public @NotNull List<SubnetTier> getTiers() {
        return tiers;
    }

    /** @return the selection of one tier's subnets, e.g. to place a workload. */
    public @NotNull SubnetSelection tierSubnets(final @NotNull String tierName) {
        requireTier(tierName);
        return SubnetSelection.builder().subnetGroupName(tierName).build();
    }

    /** @return the NACL of one tier. */
    public @NotNull INetworkAcl networkAcl(final @NotNull String tierName) {
        requireTier(tierName);
        return networkAcls.get(tierName);
    }

    /**
     * @return the rule numbers SecureVpc has given entries of one tier's NACL so far (inbound and outbound
     *     together), e.g. for automation that adds entries after deployment and must not take a number a later
     *     deployment needs (BP-NET-5, see {@link NaclRuleNumbers}). Entries added to the NACL by other code are
     *     not listed.
     */
    public @NotNull SortedSet<Integer> naclRuleNumbers(final @NotNull String tierName) {
        requireTier(tierName);
        return Collections.unmodifiableSortedSet(new TreeSet<>(externalAllows.get(tierName).numbers));
    }

    /** @return the flow-log group, or {@code null} when flow logs are off or go to S3 only. */
    public @Nullable ILogGroup getFlowLogGroup() {
        return flowLogs == null ? null : flowLogs.getLogGroup();
    }

    /** @return the flow-log bucket, or {@code null} when flow logs are off or go to CloudWatch Logs only. */
    public @Nullable IBucket getFlowLogBucket() {
        return flowLogs == null ? null : flowLogs.getBucket();
    }

    /**
     * @return the bucket that receives the flow-log bucket's server access logs, or {@code null} unless
     *     SecureVpc created the flow-log bucket
     */
    public @Nullable IBucket getFlowLogAccessLogBucket() {
        return flowLogs == null ? null : flowLogs.getAccessLogBucket();
    }

    /**
     * @return the key that encrypts the flow logs: the one given as {@code flowLogKey}, else the one SecureVpc
     *     created; {@code null} when flow logs are off, or when they go to S3 only and nothing is encrypted with
     *     a customer-managed key (S3_MANAGED encryption, or a {@code flowLogBucket} of your own)
     */
    public @Nullable IKey getFlowLogKey() {
        return flowLogs == null ? null : flowLogs.getKey();
    }

    // ------------------------------------------------ addresses, for endpoints and connectivity (issue 3)

    /**
     * @return the VPC's IPv4 CIDR as a literal, or {@code null} when it is only known at deploy time (IPAM).
     *     Security-group rules should name literals: stock cdk-nag rules fail on token CIDRs.
     */
    public @Nullable String getVpcCidrLiteral() {
        return literalCidr;
    }

    /**
     * @return one tier's IPv4 address blocks, summarised: literals when the VPC CIDR is known at synth, each
     *     subnet's CIDR token with IPAM. E.g. to let a tier reach interface endpoints by address (BP-EP-5).
     */
    public @NotNull List<String> tierCidrs(final @NotNull String tierName) {
        requireTier(tierName);
        return tierCidrs.get(tierName);
    }

    /**
     * Opens one tier's NACL to blocks outside the VPC (peered VPCs, Transit Gateway destinations, on-premises
     * ranges; BP-NET-4, BP-MV-2/4): {@code outboundPorts} to each block with ephemeral-port return traffic
     * from it, and {@code inboundPorts} from each block with ephemeral-port return traffic to it. Entries are
     * numbered after the tier's planned allows, in the allow range of {@link NaclRuleNumbers}, so every
     * block-list deny still comes first. All blocks are checked before any entry is added. For the
     * connectivity constructs; IPv4 only.
     *
     * @throws io.securevpc.BlueprintValidationException for an unknown tier, a block that is not a specific
     *     IPv4 range outside the VPC, an invalid port, or entries beyond the tier's entry quota
     */
    public void allowExternalTraffic(final @NotNull String tierName, final @NotNull List<String> cidrs,
                                     final @NotNull List<PortRange> outboundPorts,
                                     final @NotNull List<PortRange> inboundPorts) {
        requireTier(tierName);
        Problems problems = new Problems();
        Optional<Ipv4Cidr> own = literalCidr == null ? Optional.empty() : Ipv4Cidr.parse(literalCidr);
        for (String cidr : cidrs) {
            Optional<Ipv4Cidr> parsed = Ipv4Cidr.parse(cidr);
            if (parsed.isEmpty() || parsed.get().prefix() == 0) {
                problems.add(ErrorCode.INVALID_CIDR, "cidrs", cidr,
                        "a specific IPv4 range with no host bits set, not 0.0.0.0/0");
            } else if (own.isPresent() && parsed.get().overlaps(own.get())) {
                problems.add(ErrorCode.INVALID_CIDR, "cidrs", cidr, "a range outside the VPC CIDR " + own.get());
            }
        }
        checkPorts("outboundPorts", outboundPorts, problems);
        checkPorts("inboundPorts", inboundPorts, problems);
        List<PendingEntry> entries = new ArrayList<>();
        for (String cidr : cidrs) {
            outboundPorts.forEach(p -> entries.add(new PendingEntry(true, p, cidr)));
            inboundPorts.forEach(p -> entries.add(new PendingEntry(false, p, cidr)));
            if (!outboundPorts.isEmpty()) {
                entries.add(new PendingEntry(false, ephemeralPorts(), cidr));
            }
            if (!inboundPorts.isEmpty()) {
                entries.add(new PendingEntry(true, ephemeralPorts(), cidr));
            }
        }
        addEntries(tierName, entries, "summarise the external blocks", problems);
    }

    /**
     * Opens the NACL of the tier that holds a Transit Gateway attachment's network interfaces to the traffic
     * of the tiers that route through it (BP-MV-4, BP-NET-4). Seen from the attachment subnets, that traffic
     * carries this VPC's own addresses both ways (AWS, "Network ACLs for transit gateways"): packets from the
     * route tiers' instances to the Transit Gateway are evaluated by the inbound entries, with the instance as
     * source; packets from the Transit Gateway to the instances by the outbound entries, with the instance as
     * destination. So, for each route tier's blocks: {@code outboundPorts} (what the route tiers open beyond
     * the VPC) are allowed in, and ephemeral ports out for the replies; {@code inboundPorts} (what the route
     * tiers serve to the destinations) are allowed out, and ephemeral ports in for the replies. When the
     * attachment tier is itself a route tier, its own blocks are named too: the inbound entries then apply to
     * its own instances' packets.
     *
     * @throws io.securevpc.BlueprintValidationException for an unknown tier, an invalid port, or entries
     *     beyond the attachment tier's entry quota
     */
    public void allowTransitTraffic(final @NotNull String attachmentTier, final @NotNull List<String> routeTiers,
                                    final @NotNull List<PortRange> outboundPorts,
                                    final @NotNull List<PortRange> inboundPorts) {
        requireTier(attachmentTier);
        routeTiers.forEach(this::requireTier);
        Problems problems = new Problems();
        checkPorts("outboundPorts", outboundPorts, problems);
        checkPorts("inboundPorts", inboundPorts, problems);
        List<PendingEntry> entries = new ArrayList<>();
        for (String tier : routeTiers) {
            for (String cidr : tierCidrs.get(tier)) {
                outboundPorts.forEach(p -> entries.add(new PendingEntry(false, p, cidr)));
                inboundPorts.forEach(p -> entries.add(new PendingEntry(true, p, cidr)));
                if (!outboundPorts.isEmpty()) {
                    entries.add(new PendingEntry(true, ephemeralPorts(), cidr));
                }
                if (!inboundPorts.isEmpty()) {
                    entries.add(new PendingEntry(false, ephemeralPorts(), cidr));
                }
            }
        }
        addEntries(attachmentTier, entries, "attach through fewer route tiers or open fewer ports", problems);
    }

    /**
     * Lets {@code fromTiers} reach {@code ports} of one tier, beyond what the tiers declared (BP-NET-4, BP-NET-9):
     * inbound entries on this tier from their blocks, outbound entries on theirs to this tier's blocks. Replies
     * pass the ephemeral-port entries every tier has to and from the VPC. E.g. a load balancer placed in the tier
     * of its own targets: load-balancer traffic crosses the NACL even inside one subnet (BP-NET-9).
     *
     * @throws io.securevpc.BlueprintValidationException for an unknown tier, an invalid port, or entries
     *     beyond a tier's entry quota
     */
    public void allowTierTraffic(final @NotNull String tierName, final @NotNull List<String> fromTiers,
                                 final @NotNull List<PortRange> ports) {
        requireTier(tierName);
        fromTiers.forEach(this::requireTier);
        Problems problems = new Problems();
        checkPorts("ports", ports, problems);
        problems.throwIfAny(() -> "SecureVpc " + getNode().getPath());
        List<PendingEntry> inbound = new ArrayList<>();
        for (String from : fromTiers) {
            tierCidrs.get(from).forEach(c -> ports.forEach(p -> inbound.add(new PendingEntry(false, p, c))));
        }
        Map<String, List<PendingEntry>> outbound = new LinkedHashMap<>();
        for (String from : fromTiers) {
            List<PendingEntry> entries = outbound.computeIfAbsent(from, k -> new ArrayList<>());
            tierCidrs.get(tierName).forEach(c -> ports.forEach(p -> entries.add(new PendingEntry(true, p, c))));
        }
        // Every quota first, so nothing is added when one tier would overflow.
        checkQuota(tierName, inbound, problems);
        outbound.forEach((from, entries) -> checkQuota(from, entries, problems));
        problems.throwIfAny(() -> "SecureVpc " + getNode().getPath());
        addEntries(tierName, inbound, "", problems);
        outbound.forEach((from, entries) -> addEntries(from, entries, "", problems));
    }

    /** One allow entry to add to a tier's NACL. */
    private record PendingEntry(boolean egress, PortRange ports, String cidr) {
    }

    /**
     * Checks the quota (and every problem found so far), then adds the entries in order. An entry the tier's NACL
     * already has (same direction, ports and block, planned or added before) is not added twice.
     */
    private void addEntries(final String tierName, final List<PendingEntry> entries, final String hint,
                            final Problems problems) {
        List<PendingEntry> fresh = fresh(tierName, entries);
        checkQuota(tierName, fresh, problems, hint);
        problems.throwIfAny(() -> "SecureVpc " + getNode().getPath());
        NetworkAcl acl = networkAcls.get(tierName);
        ExternalAllowCursor cursor = externalAllows.get(tierName);
        fresh.forEach(e -> {
            cursor.allows.add(e);
            addExternalEntry(acl, cursor, e.egress(), e.ports(), e.cidr());
        });
    }

    /** The entries the tier's NACL does not have yet, each once. */
    private List<PendingEntry> fresh(final String tierName, final List<PendingEntry> entries) {
        Set<PendingEntry> existing = externalAllows.get(tierName).allows;
        return entries.stream().distinct().filter(e -> !existing.contains(e)).toList();
    }

    private void checkQuota(final String tierName, final List<PendingEntry> entries, final Problems problems) {
        checkQuota(tierName, fresh(tierName, entries), problems, "");
    }

    private void checkQuota(final String tierName, final List<PendingEntry> entries, final Problems problems,
                            final String hint) {
        ExternalAllowCursor cursor = externalAllows.get(tierName);
        int quota = props.getNaclEntryQuota() != null ? props.getNaclEntryQuota() : NaclRuleNumbers.DEFAULT_ENTRY_QUOTA;
        long addOut = entries.stream().filter(PendingEntry::egress).count();
        long addIn = entries.size() - addOut;
        if (cursor.inbound + addIn > quota || cursor.outbound + addOut > quota) {
            problems.add(ErrorCode.NACL_RULES, "tiers[" + tierName + "] NACL entries",
                    (cursor.inbound + addIn) + " inbound, " + (cursor.outbound + addOut) + " outbound",
                    "at most naclEntryQuota (" + quota + ") per direction; " + (hint.isEmpty() ? "" : hint + " or ")
                            + "raise the NACL rules quota and set naclEntryQuota");
        }
    }

    private static void addExternalEntry(final NetworkAcl acl, final ExternalAllowCursor cursor, final boolean egress,
                                         final PortRange ports, final String cidr) {
        int number = egress ? cursor.nextOutbound : cursor.nextInbound;
        naclEntry(acl, acl.getNetworkAclId(), (egress ? "Egress" : "Ingress") + number, number, egress, false, ports,
                cidr, false);
        cursor.numbers.add(number);
        if (egress) {
            cursor.nextOutbound += NaclRuleNumbers.ALLOW_STEP;
            cursor.outbound++;
        } else {
            cursor.nextInbound += NaclRuleNumbers.ALLOW_STEP;
            cursor.inbound++;
        }
    }

    /** The next free allow numbers of one tier NACL, its entry counts per direction, and the numbers taken. */
    private static final class ExternalAllowCursor {
        private int nextInbound = NaclRuleNumbers.ALLOW_FIRST;
        private int nextOutbound = NaclRuleNumbers.ALLOW_FIRST;
        private int inbound;
        private int outbound;
        /** Every rule number taken in the NACL, either direction (see {@link #naclRuleNumbers}). */
        private final SortedSet<Integer> numbers = new TreeSet<>();
        /** The IPv4 allow entries of the NACL, planned and added. */
        private final Set<PendingEntry> allows = new HashSet<>();

        ExternalAllowCursor(final List<NaclPlan.Entry> planned) {
            for (NaclPlan.Entry e : planned) {
                numbers.add(e.ruleNumber());
                if (!e.deny() && !e.ipv6() && e.ports() != null) {
                    allows.add(new PendingEntry(e.egress(), e.ports(), e.cidr()));
                }
                if (e.egress()) {
                    outbound++;
                } else {
                    inbound++;
                }
                if (!e.deny() && e.egress()) {
                    nextOutbound = Math.max(nextOutbound, e.ruleNumber() + NaclRuleNumbers.ALLOW_STEP);
                } else if (!e.deny()) {
                    nextInbound = Math.max(nextInbound, e.ruleNumber() + NaclRuleNumbers.ALLOW_STEP);
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------- validation

    /** Checks every prop; returns each tier's planned (summarised) CIDRs when the VPC CIDR is known. */
    private Map<String, List<String>> validate() {
        Problems problems = new Problems();
        Optional<Ipv4Cidr> cidr = validateAddresses(problems);
        int azCount = validateAvailabilityZones(problems);
        validateTiers(problems);
        validateNat(problems);
        validateFlowLogs(problems);
        validateBlockList(cidr, problems);
        validatePorts(problems);
        literalCidr = cidr.map(Ipv4Cidr::toString).orElse(null);
        // The address plan needs only the VPC CIDR, the masks and the AZ count: it runs whenever those are
        // valid, so that a layout that does not fit is reported together with every other problem.
        Map<String, List<String>> planned = cidr.isPresent() && allocatable()
                ? allocateTierCidrs(cidr.get(), azCount, problems) : Map.of();
        if (problems.isEmpty()) {
            NaclPlan.plan(tiers, blockList(), network(planned, "vpc", null, ipv6Placeholders(azCount)), problems);
        }
        problems.throwIfAny(() -> "SecureVpc " + getNode().getPath());
        return planned;
    }

    private Optional<Ipv4Cidr> validateAddresses(final Problems problems) {
        if (props.getCidr() != null && props.getIpAddresses() != null) {
            problems.add(ErrorCode.CONFLICTING_PROPS, "cidr", props.getCidr(),
                    "give either cidr or ipAddresses, not both");
            return Optional.empty();
        }
        String text = props.getCidr();
        if (props.getIpAddresses() != null) {
            text = props.getIpAddresses().allocateVpcCidr().getCidrBlock();
            if (text == null || Token.isUnresolved(text)) {
                return Optional.empty();
            }
        }
        if (text == null) {
            text = DEFAULT_CIDR;
        }
        String prop = props.getIpAddresses() != null ? "ipAddresses" : "cidr";
        Optional<Ipv4Cidr> parsed = Ipv4Cidr.parse(text);
        if (parsed.isEmpty()) {
            problems.add(ErrorCode.INVALID_CIDR, prop, text,
                    "an IPv4 CIDR with no host bits set, e.g. 10.20.0.0/16");
        } else if (parsed.get().prefix() < 16 || parsed.get().prefix() > 28) {
            problems.add(ErrorCode.INVALID_CIDR, prop, text, "a VPC CIDR prefix from /16 to /28");
            return Optional.empty();
        }
        return parsed;
    }

    private int validateAvailabilityZones(final Problems problems) {
        List<String> azs = props.getAvailabilityZones();
        if (azs != null) {
            if (props.getMaxAzs() != null) {
                problems.add(ErrorCode.CONFLICTING_PROPS, "maxAzs", props.getMaxAzs(),
                        "give either availabilityZones or maxAzs, not both");
            }
            if (azs.size() < MIN_AZS || azs.size() > MAX_AZS) {
                problems.add(ErrorCode.AVAILABILITY_ZONES, "availabilityZones", azs,
                        "from " + MIN_AZS + " to " + MAX_AZS + " zones");
            }
            if (new HashSet<>(azs).size() != azs.size()) {
                problems.add(ErrorCode.AVAILABILITY_ZONES, "availabilityZones", azs, "each zone once");
            }
        }
        Integer max = props.getMaxAzs();
        if (max != null && (max < MIN_AZS || max > MAX_AZS)) {
            problems.add(ErrorCode.AVAILABILITY_ZONES, "maxAzs", max, "from " + MIN_AZS + " to " + MAX_AZS);
        }
        int reserved = props.getReservedAzs() != null ? props.getReservedAzs() : 0;
        if (reserved < 0) {
            problems.add(ErrorCode.AVAILABILITY_ZONES, "reservedAzs", reserved, "0 or more");
        }
        return azCount();
    }

    private int azCount() {
        if (props.getAvailabilityZones() != null) {
            return props.getAvailabilityZones().size();
        }
        int max = props.getMaxAzs() != null ? props.getMaxAzs() : DEFAULT_MAX_AZS;
        List<String> stackAzs = Stack.of(this).getAvailabilityZones();
        return Math.min(max, stackAzs.size());
    }

    private void validateTiers(final Problems problems) {
        if (tiers.stream().allMatch(SubnetTier::isReserved)) {
            problems.add(ErrorCode.TIER, "tiers", tiers.size() + " tiers", "at least one tier that is not reserved");
        }
        Set<String> names = new HashSet<>();
        for (SubnetTier tier : tiers) {
            String prop = "tiers[" + tier.getName() + "]";
            if (!TIER_NAME.matcher(tier.getName()).matches()) {
                problems.add(ErrorCode.TIER, prop + ".name", tier.getName(),
                        "1-32 letters, digits or dashes, starting with a letter");
            }
            if (!names.add(tier.getName().toLowerCase())) {
                problems.add(ErrorCode.TIER, prop + ".name", tier.getName(), "a name no other tier has");
            }
            if (tier.getCidrMask() < 16 || tier.getCidrMask() > 28) {
                problems.add(ErrorCode.TIER, prop + ".cidrMask", tier.getCidrMask(), "from 16 to 28");
            }
            for (String source : tier.getIngressFrom()) {
                boolean known = tiers.stream().anyMatch(t -> t.getName().equals(source) && !t.isReserved());
                if (!known) {
                    problems.add(ErrorCode.TIER, prop + ".ingressFrom", source,
                            "the name of a tier of this VPC that is not reserved: " + tierNames());
                }
            }
            if (tier.getKind() == TierKind.PUBLIC) {
                validatePublicTier(tier, prop, problems);
            }
        }
    }

    private void validatePublicTier(final SubnetTier tier, final String prop, final Problems problems) {
        for (PortRange p : tier.getIngressPorts()) {
            for (int admin : NaclPlan.REMOTE_ADMIN_PORTS) {
                if (p.contains(admin)) {
                    problems.add(ErrorCode.TIER, prop + ".ingressPorts", p.toString(),
                            "ports a load balancer serves; never " + admin + " (remote administration) to the "
                                    + "internet, use Session Manager instead");
                }
            }
        }
        if (!tier.getIngressFrom().isEmpty()) {
            problems.add(ErrorCode.TIER, prop + ".ingressFrom", tier.getIngressFrom(),
                    "nothing: a public tier's ingress comes from the internet");
        }
    }

    private void validateNat(final Problems problems) {
        NatStrategy nat = natStrategy();
        boolean hasPublic = tiers.stream().anyMatch(t -> t.getKind() == TierKind.PUBLIC && !t.isReserved());
        boolean hasPrivateEgress = tiers.stream()
                .anyMatch(t -> t.getKind() == TierKind.PRIVATE_WITH_EGRESS && !t.isReserved());
        if (nat != NatStrategy.NONE && !hasPublic) {
            problems.add(ErrorCode.NAT_STRATEGY, "natStrategy", nat.name(),
                    "NONE when no tier is PUBLIC: NAT gateways live in a public tier");
        }
        if (nat != NatStrategy.NONE && privateEgress() == PrivateEgress.TRANSIT_GATEWAY) {
            problems.add(ErrorCode.NAT_STRATEGY, "natStrategy", nat.name(),
                    "NONE when privateEgress is TRANSIT_GATEWAY");
        }
        if (nat != NatStrategy.NONE && !hasPrivateEgress) {
            problems.add(ErrorCode.NAT_STRATEGY, "natStrategy", nat.name(),
                    "NONE when no tier is PRIVATE_WITH_EGRESS: a NAT gateway nothing uses only adds exposure");
        }
        if (hasPrivateEgress && privateEgress() == PrivateEgress.TRANSIT_GATEWAY && ipv6Enabled()) {
            problems.add(ErrorCode.CONFLICTING_PROPS, "ipv6", true,
                    "false when privateEgress is TRANSIT_GATEWAY: CDK routes the IPv6 traffic of PRIVATE_WITH_EGRESS "
                            + "subnets to an egress-only internet gateway, around the Transit Gateway");
        }
        if (hasPrivateEgress && privateEgress() == PrivateEgress.NAT && nat == NatStrategy.NONE) {
            problems.add(ErrorCode.NAT_STRATEGY, "natStrategy", nat.name(),
                    "SINGLE or PER_AZ (with a PUBLIC tier) for PRIVATE_WITH_EGRESS tiers, or set privateEgress "
                            + "to TRANSIT_GATEWAY, or make those tiers ISOLATED");
        }
    }

    private void validateFlowLogs(final Problems problems) {
        if (!flowLogsEnabled()) {
            // A flow-log setting given with flowLogs false would be silently ignored: say so instead.
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("flowLogDestinations", props.getFlowLogDestinations());
            settings.put("flowLogRetention", props.getFlowLogRetention());
            settings.put("flowLogAggregation", props.getFlowLogAggregation());
            settings.put("flowLogKey", props.getFlowLogKey() == null ? null : "(a key)");
            settings.put("flowLogBucket", props.getFlowLogBucket() == null ? null : "(a bucket)");
            settings.put("flowLogBucketEncryption", props.getFlowLogBucketEncryption());
            settings.forEach((prop, value) -> {
                if (value != null) {
                    problems.add(ErrorCode.CONFLICTING_PROPS, prop, value instanceof Enum<?> e ? e.name() : value,
                            "unset when flowLogs is false (nothing would use it)");
                }
            });
            return;
        }
        RetentionDays retention = props.getFlowLogRetention();
        if (retention != null && LogRetention.days(retention) < LogRetention.MIN_DAYS) {
            problems.add(ErrorCode.FLOW_LOGS, "flowLogRetention", retention.name(),
                    "at least ONE_YEAR (" + LogRetention.MIN_DAYS + " days)");
        }
        FlowLogDestinations destinations = flowLogDestinations();
        if (props.getFlowLogBucket() != null && !destinations.includesS3()) {
            problems.add(ErrorCode.CONFLICTING_PROPS, "flowLogBucket", "(a bucket)",
                    "only with flowLogDestinations S3 or BOTH");
        }
        if (props.getFlowLogBucketEncryption() != null && props.getFlowLogBucket() != null) {
            problems.add(ErrorCode.CONFLICTING_PROPS, "flowLogBucketEncryption",
                    props.getFlowLogBucketEncryption().name(),
                    "unset when flowLogBucket is given: the bucket's own encryption applies");
        }
    }

    private void validateBlockList(final Optional<Ipv4Cidr> vpcCidr, final Problems problems) {
        List<BlockListEntry> blocks = blockList();
        int capacity = NaclRuleNumbers.BLOCK_LIST_LAST - NaclRuleNumbers.BLOCK_LIST_FIRST + 1;
        if (blocks.size() > capacity) {
            problems.add(ErrorCode.NACL_RULES, "blockList", blocks.size() + " entries",
                    "at most " + capacity + " (rule numbers " + NaclRuleNumbers.BLOCK_LIST_FIRST + "-"
                            + NaclRuleNumbers.BLOCK_LIST_LAST + ")");
        }
        for (int i = 0; i < blocks.size(); i++) {
            BlockListEntry block = blocks.get(i);
            String prop = "blockList[" + i + "].cidr";
            if (block.isIpv6()) {
                var m = IPV6_CIDR.matcher(block.getCidr());
                if (!m.matches() || Integer.parseInt(m.group(1)) > 128) {
                    problems.add(ErrorCode.BLOCK_LIST, prop, block.getCidr(), "an IPv6 CIDR, e.g. 2001:db8::/32");
                } else if (!ipv6Enabled()) {
                    problems.add(ErrorCode.BLOCK_LIST, prop, block.getCidr(),
                            "an IPv4 CIDR, or set ipv6 to true for IPv6 entries");
                }
                continue;
            }
            Optional<Ipv4Cidr> parsed = Ipv4Cidr.parse(block.getCidr());
            if (parsed.isEmpty()) {
                problems.add(ErrorCode.BLOCK_LIST, prop, block.getCidr(),
                        "an IPv4 CIDR with no host bits set, e.g. 203.0.113.0/24");
            } else if (parsed.get().prefix() == 0) {
                problems.add(ErrorCode.BLOCK_LIST, prop, block.getCidr(),
                        "a specific range: denying 0.0.0.0/0 would cut all traffic");
            } else if (vpcCidr.isPresent() && parsed.get().overlaps(vpcCidr.get())) {
                problems.add(ErrorCode.BLOCK_LIST, prop, block.getCidr(),
                        "a range outside the VPC CIDR " + vpcCidr.get() + ": a deny inside it cuts traffic "
                                + "between tiers; use security groups to isolate workloads inside the VPC");
            }
            if (block.getPorts() != null && !block.getPorts().isValid()) {
                problems.add(ErrorCode.PORT, "blockList[" + i + "].ports", block.getPorts().toString(),
                        "ports from 0 to 65535, from <= to");
            }
        }
    }

    private void validatePorts(final Problems problems) {
        Integer quota = props.getNaclEntryQuota();
        if (quota != null && (quota < 1 || quota > NaclRuleNumbers.MAX_ENTRY_QUOTA)) {
            problems.add(ErrorCode.NACL_RULES, "naclEntryQuota", quota,
                    "from 1 to " + NaclRuleNumbers.MAX_ENTRY_QUOTA + " (the AWS maximum)");
        }
        PortRange eph = ephemeralPorts();
        if (!eph.isValid() || eph.getProtocol() != PortRange.Protocol.TCP || eph.getFrom() < 1024) {
            problems.add(ErrorCode.PORT, "ephemeralPorts", eph.toString(),
                    "a TCP range within 1024-65535 (1024-65535 covers NAT gateways and load balancers)");
        }
        for (SubnetTier tier : tiers) {
            checkPorts("tiers[" + tier.getName() + "].ingressPorts", tier.getIngressPorts(), problems);
            checkPorts("tiers[" + tier.getName() + "].healthCheckPorts", tier.getHealthCheckPorts(), problems);
            checkPorts("tiers[" + tier.getName() + "].egressPorts", tier.getEgressPorts(), problems);
        }
    }

    private static void checkPorts(final String prop, final List<PortRange> ports, final Problems problems) {
        ports.stream().filter(p -> !p.isValid()).forEach(p -> problems.add(ErrorCode.PORT, prop, p.toString(),
                "ports from 0 to 65535, from <= to"));
    }

    private boolean allocatable() {
        boolean masksValid = tiers.stream().allMatch(t -> t.getCidrMask() >= 16 && t.getCidrMask() <= 28);
        return masksValid && (props.getReservedAzs() == null || props.getReservedAzs() >= 0);
    }

    /**
     * Allocates tier subnets exactly as the CDK does (tiers in order, each AZ plus reserved AZs, each subnet
     * aligned up to its size) and fails when a subnet would fall outside the VPC CIDR.
     */
    private Map<String, List<String>> allocateTierCidrs(final Ipv4Cidr vpcCidr, final int azCount,
                                                        final Problems problems) {
        int perTier = azCount + (props.getReservedAzs() != null ? props.getReservedAzs() : 0);
        long cursor = vpcCidr.network();
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (SubnetTier tier : tiers) {
            long size = 1L << (32 - tier.getCidrMask());
            List<Ipv4Cidr> subnets = new ArrayList<>();
            for (int i = 0; i < perTier; i++) {
                cursor = (cursor + size - 1) / size * size;
                if (i < azCount) {
                    subnets.add(new Ipv4Cidr(cursor, tier.getCidrMask()));
                }
                cursor += size;
            }
            if (cursor > vpcCidr.end()) {
                problems.add(ErrorCode.ADDRESS_SPACE, "tiers[" + tier.getName() + "].cidrMask", tier.getCidrMask(),
                        "a mask that fits: " + perTier + " subnets of /" + tier.getCidrMask() + " after the tiers "
                                + "before it exceed " + vpcCidr + "; use larger masks, fewer tiers or a larger "
                                + "VPC CIDR, and list tiers from the largest subnets to the smallest to avoid "
                                + "alignment gaps");
                return Map.of();
            }
            if (!tier.isReserved()) {
                result.put(tier.getName(), Ipv4Cidr.summarise(subnets).stream().map(Ipv4Cidr::toString)
                        .collect(Collectors.toList()));
            }
        }
        return result;
    }

    // ---------------------------------------------------------------------------------------- creation

    private Vpc createVpc() {
        NatStrategy nat = natStrategy();
        boolean hasPublic = tiers.stream().anyMatch(t -> t.getKind() == TierKind.PUBLIC && !t.isReserved());
        VpcProps.Builder b = VpcProps.builder()
                .ipAddresses(ipAddresses())
                .subnetConfiguration(tiers.stream().map(this::subnetConfiguration).collect(Collectors.toList()))
                .createInternetGateway(hasPublic)
                .natGateways(nat == NatStrategy.NONE ? 0 : nat == NatStrategy.SINGLE ? 1 : azCount())
                .restrictDefaultSecurityGroup(true)
                .enableDnsHostnames(true)
                .enableDnsSupport(true);
        if (nat != NatStrategy.NONE) {
            b.natGatewayProvider(NatProvider.gateway())
                    .natGatewaySubnets(SubnetSelection.builder().subnetGroupName(natHostTier()).build());
        }
        if (props.getAvailabilityZones() != null) {
            b.availabilityZones(props.getAvailabilityZones());
        } else {
            b.maxAzs(props.getMaxAzs() != null ? props.getMaxAzs() : DEFAULT_MAX_AZS);
        }
        if (props.getReservedAzs() != null && props.getReservedAzs() > 0) {
            b.reservedAzs(props.getReservedAzs());
        }
        if (ipv6Enabled()) {
            b.ipProtocol(IpProtocol.DUAL_STACK);
        }
        return new Vpc(this, "Vpc", b.build());
    }

    private SubnetConfiguration subnetConfiguration(final SubnetTier tier) {
        SubnetConfiguration.Builder b = SubnetConfiguration.builder()
                .name(tier.getName())
                .subnetType(tier.getKind().subnetType())
                .cidrMask(tier.getCidrMask())
                .mapPublicIpOnLaunch(tier.getKind() == TierKind.PUBLIC ? false : null)
                .reserved(tier.isReserved());
        if (ipv6Enabled()) {
            // IPv6 addresses are globally unique: like public IPv4 addresses, they are never auto-assigned.
            // Workloads that need one ask for it explicitly (launch template, ENI).
            b.ipv6AssignAddressOnCreation(false);
        }
        return b.build();
    }

    private void createNetworkAcls(final Map<String, List<String>> plannedTierCidrs) {
        Map<String, List<String>> tierCidrs = plannedTierCidrs.isEmpty() ? subnetCidrsFromVpc() : plannedTierCidrs;
        this.tierCidrs = Map.copyOf(tierCidrs);
        String vpcIpv6 = ipv6Enabled() ? Fn.select(0, vpc.getVpcIpv6CidrBlocks()) : null;
        String vpcCidr = literalCidr != null ? literalCidr : vpc.getVpcCidrBlock();
        // With IPAM the plan is known only now (one entry per subnet token), so the quota is checked again.
        Problems problems = new Problems();
        Map<String, List<String>> tierIpv6 = ipv6Enabled() ? subnetIpv6CidrsFromVpc() : Map.of();
        NaclPlan plan = NaclPlan.plan(tiers, blockList(), network(tierCidrs, vpcCidr, vpcIpv6, tierIpv6), problems);
        problems.throwIfAny(() -> "SecureVpc " + getNode().getPath());
        for (SubnetTier tier : tiers) {
            if (tier.isReserved()) {
                continue;
            }
            NetworkAcl acl = NetworkAcl.Builder.create(this, tier.getName() + "Acl")
                    .vpc(vpc)
                    .subnetSelection(tierSubnets(tier.getName()))
                    .build();
            String aclId = acl.getNetworkAclId();
            for (NaclPlan.Entry e : plan.entries(tier.getName())) {
                naclEntry(acl, aclId, (e.egress() ? "Egress" : "Ingress") + e.ruleNumber() + (e.ipv6() ? "v6" : ""),
                        e.ruleNumber(), e.egress(), e.deny(), e.ports(), e.cidr(), e.ipv6());
            }
            networkAcls.put(tier.getName(), acl);
            externalAllows.put(tier.getName(), new ExternalAllowCursor(plan.entries(tier.getName())));
        }
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

    /**
     * One NACL entry, as {@code NetworkAcl.addEntry} renders it, at the same construct path (so the same logical
     * id): a {@code CfnNetworkAclEntry} named {@code Resource} under a construct named after the entry. Written
     * directly because {@code addEntry} goes through {@code AclTraffic}, {@code AclCidr} and {@code NetworkAclEntry}
     * objects that each come back from JavaScript (six jsii round trips per entry against two), and a tier NACL
     * has up to 40 entries per direction.
     *
     * @param ports {@code null} for all traffic
     */
    private static void naclEntry(final NetworkAcl acl, final String aclId, final String id, final int number,
                                  final boolean egress, final boolean deny, final @Nullable PortRange ports,
                                  final String cidr, final boolean ipv6) {
        CfnNetworkAclEntry.Builder entry = CfnNetworkAclEntry.Builder.create(new Construct(acl, id), "Resource")
                .networkAclId(aclId)
                .ruleNumber(number)
                .ruleAction(deny ? "deny" : "allow")
                .egress(egress);
        if (ports == null) {
            entry.protocol(-1);
        } else {
            entry.protocol(ports.getProtocol() == PortRange.Protocol.TCP ? 6 : 17)
                    .portRange(CfnNetworkAclEntry.PortRangeProperty.builder()
                            .from(ports.getFrom()).to(ports.getTo()).build());
        }
        if (ipv6) {
            entry.ipv6CidrBlock(cidr);
        } else {
            entry.cidrBlock(cidr);
        }
        entry.build();
    }

    /** With an IPAM pool the subnet CIDRs are tokens: name each subnet's CIDR. */
    private Map<String, List<String>> subnetCidrsFromVpc() {
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (SubnetTier tier : tiers) {
            if (!tier.isReserved()) {
                result.put(tier.getName(), vpc.selectSubnets(tierSubnets(tier.getName())).getSubnets().stream()
                        .map(s -> s.getIpv4CidrBlock()).collect(Collectors.toList()));
            }
        }
        return result;
    }

    /**
     * In a dual-stack VPC, each subnet's IPv6 block: known only at deploy time, named as a token, so that
     * {@code ingressFrom} narrows IPv6 traffic to the source tier's subnets as it does IPv4 traffic.
     */
    private Map<String, List<String>> subnetIpv6CidrsFromVpc() {
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (SubnetTier tier : tiers) {
            if (!tier.isReserved()) {
                result.put(tier.getName(), vpc.selectSubnets(tierSubnets(tier.getName())).getSubnets().stream()
                        .map(s -> Fn.select(0, ((CfnSubnet) s.getNode().getDefaultChild()).getAttrIpv6CidrBlocks()))
                        .collect(Collectors.toList()));
            }
        }
        return result;
    }

    /** Stand-ins for the subnets' IPv6 blocks, one per AZ, so the entry quota is checked before creation. */
    private Map<String, List<String>> ipv6Placeholders(final int azCount) {
        if (!ipv6Enabled()) {
            return Map.of();
        }
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (SubnetTier tier : tiers) {
            List<String> blocks = new ArrayList<>();
            for (int i = 0; i < azCount; i++) {
                blocks.add("ipv6-of-" + tier.getName() + "-" + i);
            }
            result.put(tier.getName(), blocks);
        }
        return result;
    }

    private VpcFlowLogs createFlowLogs() {
        if (!flowLogsEnabled()) {
            return null;
        }
        return new VpcFlowLogs(this, "FlowLogs", vpc, new VpcFlowLogs.Settings(
                flowLogDestinations(),
                props.getFlowLogRetention() != null ? props.getFlowLogRetention() : RetentionDays.ONE_YEAR,
                props.getFlowLogAggregation() != null ? props.getFlowLogAggregation()
                        : FlowLogMaxAggregationInterval.TEN_MINUTES,
                props.getFlowLogKey(),
                props.getFlowLogBucket(),
                props.getFlowLogBucketEncryption() != null ? props.getFlowLogBucketEncryption()
                        : FlowLogBucketEncryption.KMS));
    }

    private void warnAboutWeakenings() {
        Annotations annotations = Annotations.of(this);
        if (!flowLogsEnabled()) {
            annotations.addWarningV2("@securevpc/network:flowLogsDisabled",
                    "flowLogs is false: no record of the VPC's traffic (BP-MON-1).");
        }
        if (flowLogsEnabled() && flowLogDestinations().includesS3() && props.getFlowLogBucket() == null
                && props.getFlowLogBucketEncryption() == FlowLogBucketEncryption.S3_MANAGED) {
            annotations.addWarningV2("@securevpc/network:flowLogBucketS3Managed",
                    "flowLogBucketEncryption is S3_MANAGED: no key policy controls who can read the flow logs.");
        }
        for (SubnetTier tier : tiers) {
            if (tier.getKind() == TierKind.PUBLIC && !tier.isReserved()) {
                annotations.addWarningV2("@securevpc/network:publicTier",
                        "tier '" + tier.getName() + "' is PUBLIC: internet ingress on " + tier.getIngressPorts()
                                + " to load balancers only (BP-NET-10).");
            }
        }
    }

    // -------------------------------------------------------------------------------- resolved props

    private NaclPlan.Network network(final Map<String, List<String>> tierCidrs, final String vpcCidr,
                                     final String vpcIpv6, final Map<String, List<String>> tierIpv6Cidrs) {
        int quota = props.getNaclEntryQuota() != null ? props.getNaclEntryQuota()
                : NaclRuleNumbers.DEFAULT_ENTRY_QUOTA;
        String ipv6 = vpcIpv6 != null ? vpcIpv6 : ipv6Enabled() ? "vpc-ipv6" : null;
        return new NaclPlan.Network(vpcCidr, ipv6, tierCidrs,
                natStrategy() == NatStrategy.NONE ? null : natHostTier(), ephemeralPorts(), quota, tierIpv6Cidrs);
    }

    private IIpAddresses ipAddresses() {
        if (props.getIpAddresses() != null) {
            return props.getIpAddresses();
        }
        return IpAddresses.cidr(props.getCidr() != null ? props.getCidr() : DEFAULT_CIDR);
    }

    private String natHostTier() {
        return tiers.stream().filter(t -> t.getKind() == TierKind.PUBLIC && !t.isReserved())
                .map(SubnetTier::getName).findFirst().orElse(null);
    }

    private NatStrategy natStrategy() {
        return props.getNatStrategy() != null ? props.getNatStrategy() : NatStrategy.NONE;
    }

    private PrivateEgress privateEgress() {
        return props.getPrivateEgress() != null ? props.getPrivateEgress() : PrivateEgress.NAT;
    }

    private boolean ipv6Enabled() {
        return Boolean.TRUE.equals(props.getIpv6());
    }

    private boolean flowLogsEnabled() {
        return !Boolean.FALSE.equals(props.getFlowLogs());
    }

    private FlowLogDestinations flowLogDestinations() {
        return props.getFlowLogDestinations() != null ? props.getFlowLogDestinations()
                : FlowLogDestinations.CLOUDWATCH_LOGS;
    }

    private List<BlockListEntry> blockList() {
        return props.getBlockList() != null ? props.getBlockList() : List.of();
    }

    private PortRange ephemeralPorts() {
        return props.getEphemeralPorts() != null ? props.getEphemeralPorts() : PortRange.EPHEMERAL;
    }

    private String tierNames() {
        return tiers.stream().filter(t -> !t.isReserved()).map(SubnetTier::getName).collect(Collectors.joining(", "));
    }

    private void requireTier(final String tierName) {
        if (tiers.stream().noneMatch(t -> t.getName().equals(tierName) && !t.isReserved())) {
            new Problems().add(ErrorCode.TIER, "tierName", tierName, "one of: " + tierNames())
                    .throwIfAny(() -> "SecureVpc " + getNode().getPath());
        }
    }

}
