package io.securevpc.network;

import io.securevpc.ErrorCode;
import io.securevpc.internal.Ipv4Cidr;
import io.securevpc.internal.LogRetention;
import io.securevpc.internal.Maps;
import io.securevpc.internal.Problems;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * Every {@code SVPC-*} check of one {@link SecureVpcProps}, on its {@link ResolvedVpcProps}: the problems are
 * collected and thrown once, before anything is created. Plain Java, so each check is unit-tested without a
 * stack.
 */
final class SecureVpcValidator {
    private static final Pattern TIER_NAME = Pattern.compile("^[A-Za-z][A-Za-z0-9-]{0,31}$");
    private static final Pattern IPV6_CIDR = Pattern.compile("^[0-9A-Fa-f:]+/(\\d{1,3})$");
    private static final int MIN_AZS = 2;
    private static final int MAX_AZS = 6;
    private static final String VALID_PORTS = "ports from 0 to 65535, from <= to";

    private final ResolvedVpcProps r;
    private final SecureVpcProps given;
    private final Problems problems = new Problems();

    private SecureVpcValidator(final ResolvedVpcProps resolved) {
        this.r = resolved;
        this.given = resolved.given();
    }

    /**
     * Throws one {@link io.securevpc.BlueprintValidationException} with every problem of the props, if any.
     *
     * @param scope names the construct in the message; called only when there is a problem
     */
    static void validate(final ResolvedVpcProps resolved, final Supplier<String> scope) {
        problems(resolved).throwIfAny(scope);
    }

    /** @return every problem of the props, in the order they are reported. */
    static Problems problems(final ResolvedVpcProps resolved) {
        return new SecureVpcValidator(resolved).check();
    }

    private Problems check() {
        Optional<Ipv4Cidr> cidr = checkAddresses();
        checkAvailabilityZones();
        checkTiers();
        checkNat();
        checkFlowLogs();
        checkBlockList(cidr);
        checkQuotaAndPorts();
        // The address plan needs only the VPC CIDR, the masks and the AZ count: it runs whenever those are
        // valid, so that a layout that does not fit is reported together with every other problem.
        Map<String, List<String>> planned = cidr.isPresent() && allocatable() && defaultTiersFit(cidr.get())
                ? TierAddressPlan.allocate(r.tiers(), cidr.get(), r.azCount(), r.reservedAzs(), problems) : null;
        if (problems.isEmpty()) {
            // With IPAM the blocks are known at deploy time only: one stand-in per subnet, as the NACLs name them.
            Map<String, List<String>> blocks = planned != null ? planned : placeholders("ipv4");
            NaclPlan.plan(r.tiers(), r.blockList(), r.naclNetwork(blocks, "vpc", null,
                    r.ipv6() ? placeholders("ipv6") : Maps.of()), problems);
        }
        return problems;
    }

    /** Checks the blocks and ports of {@link SecureVpc#allowExternalTraffic}, against the VPC CIDR if known. */
    static void checkExternalBlocks(final List<String> cidrs, final List<PortRange> outboundPorts,
                                    final List<PortRange> inboundPorts, final Optional<Ipv4Cidr> own,
                                    final Problems problems) {
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
    }

    /** Adds a {@code PORT} problem for each invalid range. */
    static void checkPorts(final String prop, final List<PortRange> ports, final Problems problems) {
        ports.stream().filter(p -> !p.isValid()).forEach(p -> problems.add(ErrorCode.PORT, prop, p.toString(),
                VALID_PORTS));
    }

    private Optional<Ipv4Cidr> checkAddresses() {
        if (given.getCidr() != null && given.getIpAddresses() != null) {
            problems.add(ErrorCode.CONFLICTING_PROPS, "cidr", given.getCidr(),
                    "give either cidr or ipAddresses, not both");
            return Optional.empty();
        }
        if (r.cidr() == null) {
            return Optional.empty();
        }
        String prop = given.getIpAddresses() != null ? "ipAddresses" : "cidr";
        Optional<Ipv4Cidr> parsed = r.vpcCidr();
        if (parsed.isEmpty()) {
            problems.add(ErrorCode.INVALID_CIDR, prop, r.cidr(),
                    "an IPv4 CIDR with no host bits set, e.g. 10.20.0.0/16");
        } else if (parsed.get().prefix() < 16 || parsed.get().prefix() > 28) {
            problems.add(ErrorCode.INVALID_CIDR, prop, r.cidr(), "a VPC CIDR prefix from /16 to /28");
            return Optional.empty();
        }
        return parsed;
    }

    private void checkAvailabilityZones() {
        List<String> azs = given.getAvailabilityZones();
        if (azs != null) {
            if (given.getMaxAzs() != null) {
                problems.add(ErrorCode.CONFLICTING_PROPS, "maxAzs", given.getMaxAzs(),
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
        Integer max = given.getMaxAzs();
        if (max != null && (max < MIN_AZS || max > MAX_AZS)) {
            problems.add(ErrorCode.AVAILABILITY_ZONES, "maxAzs", max, "from " + MIN_AZS + " to " + MAX_AZS);
        }
        if (r.reservedAzs() < 0) {
            problems.add(ErrorCode.AVAILABILITY_ZONES, "reservedAzs", r.reservedAzs(), "0 or more");
        }
    }

    private void checkTiers() {
        List<SubnetTier> tiers = r.tiers();
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
                if (!r.isActiveTier(source)) {
                    problems.add(ErrorCode.TIER, prop + ".ingressFrom", source,
                            "the name of a tier of this VPC that is not reserved: " + r.tierNames());
                }
            }
            if (tier.getKind() == TierKind.PUBLIC) {
                checkPublicTier(tier, prop);
            }
        }
    }

    private void checkPublicTier(final SubnetTier tier, final String prop) {
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

    private void checkNat() {
        NatStrategy nat = r.natStrategy();
        boolean hasPublic = r.hasActiveTier(TierKind.PUBLIC);
        boolean hasPrivateEgress = r.hasActiveTier(TierKind.PRIVATE_WITH_EGRESS);
        boolean viaTransitGateway = r.privateEgress() == PrivateEgress.TRANSIT_GATEWAY;
        if (nat != NatStrategy.NONE && !hasPublic) {
            problems.add(ErrorCode.NAT_STRATEGY, "natStrategy", nat.name(),
                    "NONE when no tier is PUBLIC: NAT gateways live in a public tier");
        }
        if (nat != NatStrategy.NONE && viaTransitGateway) {
            problems.add(ErrorCode.NAT_STRATEGY, "natStrategy", nat.name(),
                    "NONE when privateEgress is TRANSIT_GATEWAY");
        }
        if (nat != NatStrategy.NONE && !hasPrivateEgress) {
            problems.add(ErrorCode.NAT_STRATEGY, "natStrategy", nat.name(),
                    "NONE when no tier is PRIVATE_WITH_EGRESS: a NAT gateway nothing uses only adds exposure");
        }
        if (hasPrivateEgress && viaTransitGateway && r.ipv6()) {
            problems.add(ErrorCode.CONFLICTING_PROPS, "ipv6", true,
                    "false when privateEgress is TRANSIT_GATEWAY: CDK routes the IPv6 traffic of PRIVATE_WITH_EGRESS "
                            + "subnets to an egress-only internet gateway, around the Transit Gateway");
        }
        if (hasPrivateEgress && r.privateEgress() == PrivateEgress.NAT && nat == NatStrategy.NONE) {
            problems.add(ErrorCode.NAT_STRATEGY, "natStrategy", nat.name(),
                    "SINGLE or PER_AZ (with a PUBLIC tier) for PRIVATE_WITH_EGRESS tiers, or set privateEgress "
                            + "to TRANSIT_GATEWAY, or make those tiers ISOLATED");
        }
    }

    private void checkFlowLogs() {
        if (!r.flowLogs()) {
            // A flow-log setting given with flowLogs false would be silently ignored: say so instead.
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("flowLogDestinations", given.getFlowLogDestinations());
            settings.put("flowLogRetention", given.getFlowLogRetention());
            settings.put("flowLogAggregation", given.getFlowLogAggregation());
            settings.put("flowLogKey", given.getFlowLogKey() == null ? null : "(a key)");
            settings.put("flowLogBucket", given.getFlowLogBucket() == null ? null : "(a bucket)");
            settings.put("flowLogBucketEncryption", given.getFlowLogBucketEncryption());
            settings.forEach((prop, value) -> {
                if (value != null) {
                    problems.add(ErrorCode.CONFLICTING_PROPS, prop, value instanceof Enum<?> e ? e.name() : value,
                            "unset when flowLogs is false (nothing would use it)");
                }
            });
            return;
        }
        RetentionDays retention = given.getFlowLogRetention();
        if (retention != null && LogRetention.days(retention) < LogRetention.MIN_DAYS) {
            problems.add(ErrorCode.FLOW_LOGS, "flowLogRetention", retention.name(),
                    "at least ONE_YEAR (" + LogRetention.MIN_DAYS + " days)");
        }
        if (given.getFlowLogBucket() != null && !r.flowLogDestinations().includesS3()) {
            problems.add(ErrorCode.CONFLICTING_PROPS, "flowLogBucket", "(a bucket)",
                    "only with flowLogDestinations S3 or BOTH");
        }
        if (given.getFlowLogBucketEncryption() != null && !r.flowLogDestinations().includesS3()) {
            problems.add(ErrorCode.CONFLICTING_PROPS, "flowLogBucketEncryption",
                    given.getFlowLogBucketEncryption().name(),
                    "only with flowLogDestinations S3 or BOTH (no bucket is created for CLOUDWATCH_LOGS)");
        }
        if (retention != null && !r.flowLogDestinations().includesCloudWatchLogs()) {
            problems.add(ErrorCode.CONFLICTING_PROPS, "flowLogRetention", retention.name(),
                    "only with flowLogDestinations CLOUDWATCH_LOGS or BOTH (it is the log group's retention; "
                            + "S3 delivery creates no log group)");
        }
        if (given.getFlowLogBucketEncryption() != null && given.getFlowLogBucket() != null) {
            problems.add(ErrorCode.CONFLICTING_PROPS, "flowLogBucketEncryption",
                    given.getFlowLogBucketEncryption().name(),
                    "unset when flowLogBucket is given: the bucket's own encryption applies");
        }
    }

    private void checkBlockList(final Optional<Ipv4Cidr> vpcCidr) {
        List<BlockListEntry> blocks = r.blockList();
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
                } else if (!r.ipv6()) {
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
                problems.add(ErrorCode.PORT, "blockList[" + i + "].ports", block.getPorts().toString(), VALID_PORTS);
            }
        }
    }

    private void checkQuotaAndPorts() {
        Integer quota = given.getNaclEntryQuota();
        if (quota != null && (quota < 1 || quota > NaclRuleNumbers.MAX_ENTRY_QUOTA)) {
            problems.add(ErrorCode.NACL_RULES, "naclEntryQuota", quota,
                    "from 1 to " + NaclRuleNumbers.MAX_ENTRY_QUOTA + " (the AWS maximum)");
        }
        PortRange eph = r.ephemeralPorts();
        if (!eph.isValid() || eph.getProtocol() != PortRange.Protocol.TCP || eph.getFrom() < 1024) {
            problems.add(ErrorCode.PORT, "ephemeralPorts", eph.toString(),
                    "a TCP range within 1024-65535 (1024-65535 covers NAT gateways and load balancers)");
        }
        for (SubnetTier tier : r.tiers()) {
            checkPorts("tiers[" + tier.getName() + "].ingressPorts", tier.getIngressPorts(), problems);
            checkPorts("tiers[" + tier.getName() + "].healthCheckPorts", tier.getHealthCheckPorts(), problems);
            checkPorts("tiers[" + tier.getName() + "].egressPorts", tier.getEgressPorts(), problems);
            checkGatewayEndpointRanges(tier, problems);
        }
    }

    /**
     * BP-NET-4, BP-EP-2: an isolated tier reaches beyond the VPC through gateway endpoints only, so its egress
     * ports go to the ranges it names, or to anywhere when that weakening is declared; a range of a gateway
     * endpoint is an IPv4 CIDR outside the VPC.
     */
    static void checkGatewayEndpointRanges(final SubnetTier tier, final Problems problems) {
        String prop = "tiers[" + tier.getName() + "].";
        boolean isolated = tier.getKind() == TierKind.ISOLATED;
        if (isolated && !tier.getEgressPorts().isEmpty() && tier.getGatewayEndpointCidrs().isEmpty()
                && !tier.isGatewayEndpointReturnFromAnywhere()) {
            problems.add(ErrorCode.TIER, prop + "egressPorts", tier.getEgressPorts().toString(),
                    "none for an ISOLATED tier unless gatewayEndpointCidrs names the ranges its gateway endpoints "
                            + "reach (the S3/DynamoDB prefix lists' entries) or gatewayEndpointReturnFromAnywhere is true");
        }
        if (!isolated && (!tier.getGatewayEndpointCidrs().isEmpty() || tier.isGatewayEndpointReturnFromAnywhere())) {
            problems.add(ErrorCode.TIER, prop + "gatewayEndpointCidrs", tier.getGatewayEndpointCidrs().toString(),
                    "only on an ISOLATED tier: other tiers reach beyond the VPC through NAT or a Transit Gateway");
        }
        for (String cidr : tier.getGatewayEndpointCidrs()) {
            if (Ipv4Cidr.parse(cidr).isEmpty()) {
                problems.add(ErrorCode.INVALID_CIDR, prop + "gatewayEndpointCidrs", cidr,
                        "an IPv4 CIDR without host bits, e.g. 52.218.0.0/17");
            }
        }
    }

    /**
     * The default tiers are not the user's: when they do not fit, the problem is the VPC CIDR (with the size they
     * need), not the mask of a tier the user never declared.
     *
     * @return false, with an {@code ADDRESS_SPACE} problem on the CIDR, when the tiers are the defaults and do not
     *     fit in {@code cidr}
     */
    private boolean defaultTiersFit(final Ipv4Cidr cidr) {
        if (given.getTiers() != null) {
            return true;
        }
        int needed = TierAddressPlan.smallestVpcPrefix(r.tiers(), r.azCount(), r.reservedAzs());
        if (cidr.prefix() <= needed) {
            return true;
        }
        String tiers = r.tiers().stream().map(t -> t.getName() + " /" + t.getCidrMask())
                .collect(java.util.stream.Collectors.joining(" and "));
        problems.add(ErrorCode.ADDRESS_SPACE, given.getIpAddresses() != null ? "ipAddresses" : "cidr", r.cidr(),
                "a VPC CIDR of /" + needed + " or larger: the default tiers (" + tiers + " per AZ) need /"
                        + TierAddressPlan.smallestVpcPrefix(r.tiers(), 2, r.reservedAzs()) + " in 2 AZs and /"
                        + TierAddressPlan.smallestVpcPrefix(r.tiers(), 3, r.reservedAzs()) + " in 3 AZs"
                        + (r.reservedAzs() > 0 ? " (with " + r.reservedAzs() + " reserved)" : "")
                        + "; give a larger CIDR, or declare tiers with smaller subnets (SubnetTier cidrMask)");
        return false;
    }

    private boolean allocatable() {
        boolean masksValid = r.tiers().stream().allMatch(t -> t.getCidrMask() >= 16 && t.getCidrMask() <= 28);
        return masksValid && r.reservedAzs() >= 0;
    }

    /** Stand-ins for blocks known at deploy time only (IPAM subnets, IPv6), one per tier subnet. */
    private Map<String, List<String>> placeholders(final String kind) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (SubnetTier tier : r.activeTiers()) {
            List<String> blocks = new ArrayList<>();
            for (int i = 0; i < r.azCount(); i++) {
                blocks.add(kind + "-of-" + tier.getName() + "-" + i);
            }
            result.put(tier.getName(), blocks);
        }
        return result;
    }
}
