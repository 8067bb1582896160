package io.securevpc.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.securevpc.network.ValidationAssertions.assertProblem;

import io.securevpc.BlueprintValidationException;
import io.securevpc.ErrorCode;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.services.ec2.IIpAddresses;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * Every {@code SVPC-*} check of {@link SecureVpcProps}, on {@link SecureVpcValidator} alone: no stack, no jsii
 * (nothing here calls into aws-cdk-lib; {@code ipAddresses} is a plain Java stand-in, and the CIDR it allocates
 * is passed in as {@link SecureVpc} would). Each case asserts the stable code and the message naming the prop,
 * the value given and what is allowed. {@link SecureVpcValidationTest} proves the constructor throws what the
 * validator finds, and holds the two cases that need a bucket: a stand-in {@code IBucket} starts jsii (a
 * {@code java.lang.reflect.Proxy} of it initializes aws-cdk-lib classes of its method signatures).
 */
class SecureVpcValidatorTest {
    private static final List<String> TWO_AZS = List.of("eu-west-1a", "eu-west-1b");
    /** What SecureVpc passes for an IPAM allocation: the CIDR is a token, unknown at synth. */
    private static final String IPAM = null;
    private static final SubnetTier APP = SubnetTier.builder("app", TierKind.PRIVATE_WITH_EGRESS).build();
    private static final SubnetTier DB = SubnetTier.builder("db", TierKind.ISOLATED).build();
    private static final SubnetTier PUBLIC = SubnetTier.builder("public", TierKind.PUBLIC).build();

    /** A stand-in for a CDK interface the validator only tests for null: any call fails the test. */
    static <T> T stub(final Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> {
            throw new AssertionError("the validator called " + m.getName());
        }));
    }

    /** Validates two-AZ props changed by {@code change}, expecting them to fail. */
    private static BlueprintValidationException fails(final UnaryOperator<SecureVpcProps.Builder> change) {
        return fails(change, IPAM);
    }

    /** As {@link #fails(UnaryOperator)}, with the CIDR that {@code ipAddresses} allocates. */
    private static BlueprintValidationException fails(final UnaryOperator<SecureVpcProps.Builder> change,
                                                      final String allocatedCidr) {
        SecureVpcProps props = change.apply(SecureVpcProps.builder().availabilityZones(TWO_AZS)).build();
        ResolvedVpcProps resolved = ResolvedVpcProps.resolve(props, 3, allocatedCidr);
        return assertThrows(BlueprintValidationException.class,
                () -> SecureVpcValidator.validate(resolved, () -> "SecureVpc Test/Network"));
    }

    @Test
    void acceptsTheDefaults() {
        assertTrue(SecureVpcValidator.problems(ResolvedVpcProps.resolve(null, 2, null)).isEmpty());
    }

    @Test
    void acceptsAnIpamVpcWithinTheQuota() {
        SecureVpcProps props = SecureVpcProps.builder().availabilityZones(TWO_AZS)
                .ipAddresses(stub(IIpAddresses.class)).build();
        assertTrue(SecureVpcValidator.problems(ResolvedVpcProps.resolve(props, 3, IPAM)).isEmpty());
    }

    // ---------------------------------------------------------------------------------- addresses

    @Test
    void failsWithBothCidrAndIpAddresses() {
        assertProblem(fails(b -> b.cidr("10.0.0.0/16").ipAddresses(stub(IIpAddresses.class))),
                ErrorCode.CONFLICTING_PROPS, "cidr = '10.0.0.0/16': give either cidr or ipAddresses, not both");
    }

    @Test
    void failsOnACidrWithHostBitsSet() {
        assertProblem(fails(b -> b.cidr("10.0.0.1/16")), ErrorCode.INVALID_CIDR,
                "cidr = '10.0.0.1/16': an IPv4 CIDR with no host bits set");
    }

    @Test
    void failsOnTextThatIsNoCidr() {
        assertProblem(fails(b -> b.cidr("10.0.0/16")), ErrorCode.INVALID_CIDR, "cidr = '10.0.0/16'");
    }

    @Test
    void failsOnAPrefixLongerThan28() {
        assertProblem(fails(b -> b.cidr("10.0.0.0/29")), ErrorCode.INVALID_CIDR,
                "cidr = '10.0.0.0/29': a VPC CIDR prefix from /16 to /28");
    }

    @Test
    void failsOnAPrefixShorterThan16() {
        assertProblem(fails(b -> b.cidr("10.0.0.0/15")), ErrorCode.INVALID_CIDR,
                "cidr = '10.0.0.0/15': a VPC CIDR prefix from /16 to /28");
    }

    /** The message names the prop the user set: an out-of-range block given through ipAddresses. */
    @Test
    void failsOnAnIpAddressesPrefixShorterThan16() {
        assertProblem(fails(b -> b.ipAddresses(stub(IIpAddresses.class)), "10.0.0.0/15"), ErrorCode.INVALID_CIDR,
                "ipAddresses = '10.0.0.0/15': a VPC CIDR prefix from /16 to /28");
    }

    /** BP-NET-1: a VPC whose tiers do not fit is reported before CDK allocates anything. */
    @Test
    void failsWhenTheTiersDoNotFitTheAddressSpace() {
        assertProblem(fails(b -> b.cidr("10.0.0.0/24").tiers(List.of(
                SubnetTier.builder("small", TierKind.ISOLATED).cidrMask(26).build(),
                SubnetTier.builder("big", TierKind.ISOLATED).cidrMask(25).build()))),
                ErrorCode.ADDRESS_SPACE, "tiers[big].cidrMask = 25: a mask that fits: 2 subnets of /25",
                "exceed 10.0.0.0/24");
    }

    /** A VPC too small for the default tiers is a CIDR problem: the user declared no tier, so no mask is named. */
    @Test
    void failsA28WithTheDefaultTiersNamingTheSizeTheyNeedIn2And3Azs() {
        BlueprintValidationException e = fails(b -> b.cidr("10.0.0.0/28"));

        assertEquals(List.of(ErrorCode.ADDRESS_SPACE), e.getCodes(), e.getMessage());
        assertEquals("[SVPC-008] cidr = '10.0.0.0/28': a VPC CIDR of /20 or larger: the default tiers (workload /22 "
                + "and endpoints /26 per AZ) need /20 in 2 AZs and /20 in 3 AZs; give a larger CIDR, or declare tiers "
                + "with smaller subnets (SubnetTier cidrMask)", e.getProblems().get(0).render());
    }

    @Test
    void acceptsA20WithTheDefaultTiersInThreeAzs() {
        SecureVpcProps props = SecureVpcProps.builder().availabilityZones(List.of("eu-west-1a", "eu-west-1b",
                "eu-west-1c")).cidr("10.0.0.0/20").build();
        assertTrue(SecureVpcValidator.problems(ResolvedVpcProps.resolve(props, 3, null)).isEmpty());
    }

    // -------------------------------------------------------------------------- availability zones

    @Test
    void failsWithOneAvailabilityZone() {
        assertProblem(fails(b -> b.availabilityZones(List.of("eu-west-1a"))), ErrorCode.AVAILABILITY_ZONES,
                "availabilityZones = [eu-west-1a]: from 2 to 6 zones");
    }

    @Test
    void failsWithSevenAvailabilityZones() {
        List<String> seven = List.of("a", "b", "c", "d", "e", "f", "g").stream().map(z -> "eu-west-1" + z).toList();
        assertProblem(fails(b -> b.availabilityZones(seven)), ErrorCode.AVAILABILITY_ZONES,
                "availabilityZones = " + seven + ": from 2 to 6 zones");
    }

    @Test
    void failsWithADuplicateAvailabilityZone() {
        assertProblem(fails(b -> b.availabilityZones(List.of("eu-west-1a", "eu-west-1a"))),
                ErrorCode.AVAILABILITY_ZONES, "availabilityZones = [eu-west-1a, eu-west-1a]: each zone once");
    }

    @Test
    void failsWithMaxAzsOne() {
        assertProblem(fails(b -> b.availabilityZones(null).maxAzs(1)), ErrorCode.AVAILABILITY_ZONES,
                "maxAzs = 1: from 2 to 6");
    }

    @Test
    void failsWithAvailabilityZonesAndMaxAzs() {
        assertProblem(fails(b -> b.maxAzs(2)), ErrorCode.CONFLICTING_PROPS,
                "maxAzs = 2: give either availabilityZones or maxAzs, not both");
    }

    @Test
    void failsWithNegativeReservedAzs() {
        assertProblem(fails(b -> b.reservedAzs(-1)), ErrorCode.AVAILABILITY_ZONES, "reservedAzs = -1: 0 or more");
    }

    // ----------------------------------------------------------------------------------------- tiers

    @Test
    void failsOnTierNamesThatDifferOnlyInCase() {
        assertProblem(fails(b -> b.tiers(List.of(DB, SubnetTier.builder("DB", TierKind.ISOLATED).build()))),
                ErrorCode.TIER, "tiers[DB].name = 'DB': a name no other tier has");
    }

    @Test
    void failsOnATierNameThatIsNoIdentifier() {
        assertProblem(fails(b -> b.tiers(List.of(SubnetTier.builder("data_tier", TierKind.ISOLATED).build()))),
                ErrorCode.TIER, "tiers[data_tier].name = 'data_tier': 1-32 letters, digits or dashes, starting "
                        + "with a letter");
    }

    @Test
    void failsOnATierMaskOf29() {
        assertProblem(fails(b -> b.tiers(List.of(SubnetTier.builder("db", TierKind.ISOLATED).cidrMask(29).build()))),
                ErrorCode.TIER, "tiers[db].cidrMask = 29: from 16 to 28");
    }

    @Test
    void failsWhenIngressComesFromAnUnknownTier() {
        assertProblem(fails(b -> b.tiers(List.of(DB,
                SubnetTier.builder("cache", TierKind.ISOLATED).ingressFrom(List.of("ap")).build()))),
                ErrorCode.TIER, "tiers[cache].ingressFrom = 'ap': the name of a tier of this VPC that is not "
                        + "reserved: db, cache");
    }

    /** BP-NET-10: a public tier never serves SSH to the internet. */
    @Test
    void failsWhenAPublicTierServesSsh() {
        assertProblem(fails(b -> b.tiers(List.of(DB,
                SubnetTier.builder("public", TierKind.PUBLIC).ingressPorts(List.of(PortRange.tcp(22))).build()))),
                ErrorCode.TIER, "tiers[public].ingressPorts = 'tcp 22': ports a load balancer serves; never 22");
    }

    /** BP-NET-10: nor RDP, even inside a wider range. */
    @Test
    void failsWhenAPublicTierServesARangeCoveringRdp() {
        assertProblem(fails(b -> b.tiers(List.of(DB, SubnetTier.builder("public", TierKind.PUBLIC)
                .ingressPorts(List.of(PortRange.tcp(3000, 4000))).build()))),
                ErrorCode.TIER, "tiers[public].ingressPorts = 'tcp 3000-4000': ports a load balancer serves; never "
                        + "3389");
    }

    @Test
    void failsWhenAPublicTierNamesIngressSources() {
        assertProblem(fails(b -> b.tiers(List.of(DB,
                SubnetTier.builder("public", TierKind.PUBLIC).ingressFrom(List.of("db")).build()))),
                ErrorCode.TIER, "tiers[public].ingressFrom = [db]: nothing: a public tier's ingress comes from the "
                        + "internet");
    }

    // ------------------------------------------------------------------------------------- NAT

    /** BP-NET-10: NAT gateways live in a public tier. */
    @Test
    void failsWithANatStrategyButNoPublicTier() {
        assertProblem(fails(b -> b.tiers(List.of(APP)).natStrategy(NatStrategy.SINGLE)), ErrorCode.NAT_STRATEGY,
                "natStrategy = 'SINGLE': NONE when no tier is PUBLIC");
    }

    @Test
    void failsWithANatStrategyAndTransitGatewayEgress() {
        assertProblem(fails(b -> b.tiers(List.of(APP, PUBLIC)).natStrategy(NatStrategy.PER_AZ)
                .privateEgress(PrivateEgress.TRANSIT_GATEWAY)), ErrorCode.NAT_STRATEGY,
                "natStrategy = 'PER_AZ': NONE when privateEgress is TRANSIT_GATEWAY");
    }

    /** BP-NET-10: a NAT gateway that no tier uses only adds exposure. */
    @Test
    void failsWithANatStrategyButNoPrivateWithEgressTier() {
        assertProblem(fails(b -> b.tiers(List.of(DB, PUBLIC)).natStrategy(NatStrategy.SINGLE)),
                ErrorCode.NAT_STRATEGY, "natStrategy = 'SINGLE': NONE when no tier is PRIVATE_WITH_EGRESS");
    }

    /** BP-MV-4: IPv6 egress of a private tier would bypass the Transit Gateway through an egress-only gateway. */
    @Test
    void failsWithIpv6AndTransitGatewayEgress() {
        assertProblem(fails(b -> b.tiers(List.of(APP)).privateEgress(PrivateEgress.TRANSIT_GATEWAY).ipv6(true)),
                ErrorCode.CONFLICTING_PROPS, "ipv6 = true: false when privateEgress is TRANSIT_GATEWAY");
    }

    @Test
    void failsWithAPrivateWithEgressTierAndNoEgressPath() {
        assertProblem(fails(b -> b.tiers(List.of(APP, PUBLIC)).natStrategy(NatStrategy.NONE)),
                ErrorCode.NAT_STRATEGY, "natStrategy = 'NONE': SINGLE or PER_AZ (with a PUBLIC tier) for "
                        + "PRIVATE_WITH_EGRESS tiers, or set privateEgress to TRANSIT_GATEWAY");
    }

    // ------------------------------------------------------------------------------- flow logs

    /** BP-MON-1: flow logs are kept at least a year. */
    @Test
    void failsWithARetentionBelowOneYear() {
        assertProblem(fails(b -> b.flowLogRetention(RetentionDays.ONE_MONTH)), ErrorCode.FLOW_LOGS,
                "flowLogRetention = 'ONE_MONTH': at least ONE_YEAR (365 days)");
    }

    /** A flow-log setting with flow logs off would be ignored without a word: it fails instead. */
    @Test
    void failsWithFlowLogSettingsWhenFlowLogsAreOff() {
        BlueprintValidationException e = fails(b -> b.flowLogs(false).flowLogRetention(RetentionDays.TWO_YEARS)
                .flowLogDestinations(FlowLogDestinations.S3));
        assertEquals(List.of(ErrorCode.CONFLICTING_PROPS, ErrorCode.CONFLICTING_PROPS), e.getCodes());
        assertTrue(e.getMessage().contains("flowLogDestinations = 'S3': unset when flowLogs is false"), e.getMessage());
        assertTrue(e.getMessage().contains("flowLogRetention = 'TWO_YEARS': unset when flowLogs is false"),
                e.getMessage());
    }

    /** A bucket setting with CloudWatch-only delivery would be ignored without a word: it fails instead. */
    @Test
    void failsWithABucketEncryptionWhenNoBucketIsCreated() {
        assertProblem(fails(b -> b.flowLogDestinations(FlowLogDestinations.CLOUDWATCH_LOGS)
                        .flowLogBucketEncryption(FlowLogBucketEncryption.S3_MANAGED)), ErrorCode.CONFLICTING_PROPS,
                "flowLogBucketEncryption = 'S3_MANAGED': only with flowLogDestinations S3 or BOTH (no bucket is "
                        + "created for CLOUDWATCH_LOGS)");
    }

    /** The log group's retention with S3-only delivery would be ignored without a word: it fails instead. */
    @Test
    void failsWithALogGroupRetentionWhenNoLogGroupIsCreated() {
        assertProblem(fails(b -> b.flowLogDestinations(FlowLogDestinations.S3)
                        .flowLogRetention(RetentionDays.TWO_YEARS)), ErrorCode.CONFLICTING_PROPS,
                "flowLogRetention = 'TWO_YEARS': only with flowLogDestinations CLOUDWATCH_LOGS or BOTH (it is the "
                        + "log group's retention; S3 delivery creates no log group)");
    }

    // ------------------------------------------------------------------------------- block list

    @Test
    void failsOnABlockListCidrWithHostBitsSet() {
        assertProblem(fails(b -> b.blockList(List.of(BlockListEntry.cidr("192.0.2.1/24", "x")))),
                ErrorCode.BLOCK_LIST, "blockList[0].cidr = '192.0.2.1/24': an IPv4 CIDR with no host bits set");
    }

    /** BP-NET-5: a deny of everything would cut all traffic, the VPC's own included. */
    @Test
    void failsOnBlockingTheWholeInternet() {
        assertProblem(fails(b -> b.blockList(List.of(BlockListEntry.cidr("0.0.0.0/0", "x")))),
                ErrorCode.BLOCK_LIST, "blockList[0].cidr = '0.0.0.0/0': a specific range");
    }

    /** BP-NET-5: denies inside the VPC would cut traffic between tiers; security groups isolate workloads. */
    @Test
    void failsOnABlockListEntryOverlappingTheVpc() {
        assertProblem(fails(b -> b.cidr("10.0.0.0/16").blockList(List.of(
                BlockListEntry.cidr("192.0.2.0/24", "x"), BlockListEntry.cidr("10.0.0.0/8", "x")))),
                ErrorCode.BLOCK_LIST, "blockList[1].cidr = '10.0.0.0/8': a range outside the VPC CIDR 10.0.0.0/16");
    }

    @Test
    void failsOnAnIpv6BlockListEntryWithoutIpv6() {
        assertProblem(fails(b -> b.blockList(List.of(BlockListEntry.cidr("2001:db8::/32", "x")))),
                ErrorCode.BLOCK_LIST, "blockList[0].cidr = '2001:db8::/32': an IPv4 CIDR, or set ipv6 to true");
    }

    @Test
    void failsOnAnInvalidIpv6BlockListEntry() {
        assertProblem(fails(b -> b.ipv6(true).blockList(List.of(BlockListEntry.cidr("2001:db8::/129", "x")))),
                ErrorCode.BLOCK_LIST, "blockList[0].cidr = '2001:db8::/129': an IPv6 CIDR");
    }

    @Test
    void failsOnABlockListEntryWithInvalidPorts() {
        assertProblem(fails(b -> b.blockList(List.of(BlockListEntry.cidr("192.0.2.0/24", PortRange.tcp(80, 22), "x")))),
                ErrorCode.PORT, "blockList[0].ports = 'tcp 80-22': ports from 0 to 65535, from <= to");
    }

    /** BP-NET-5: the block list owns rule numbers 100-999, so it holds at most 900 entries. */
    @Test
    void failsOnMoreThan900BlockListEntries() {
        List<BlockListEntry> entries = new ArrayList<>();
        for (int i = 0; i < 901; i++) {
            entries.add(BlockListEntry.cidr("203.0." + (i / 256) + "." + (i % 256) + "/32", "scanner"));
        }
        assertProblem(fails(b -> b.blockList(entries)), ErrorCode.NACL_RULES,
                "blockList = '901 entries': at most 900 (rule numbers 100-999)");
    }

    // ------------------------------------------------------------------------- NACL quota and ports

    @Test
    void failsOnANaclEntryQuotaOfZero() {
        assertProblem(fails(b -> b.naclEntryQuota(0)), ErrorCode.NACL_RULES,
                "naclEntryQuota = 0: from 1 to 40 (the AWS maximum)");
    }

    @Test
    void failsOnANaclEntryQuotaAboveTheAwsMaximum() {
        assertProblem(fails(b -> b.naclEntryQuota(41)), ErrorCode.NACL_RULES, "naclEntryQuota = 41: from 1 to 40");
    }

    /** BP-NET-4: a tier that needs more entries than the quota fails at synth, not at deploy. */
    @Test
    void failsWhenATierNeedsMoreNaclEntriesThanTheQuota() {
        assertProblem(fails(b -> b.naclEntryQuota(2).tiers(List.of(SubnetTier.builder("workload", TierKind.ISOLATED)
                        .egressPorts(List.of(PortRange.tcp(443)))
                        .gatewayEndpointCidrs(List.of("52.218.0.0/17", "3.5.64.0/21")).build(),
                        SecureVpcProps.DEFAULT_TIERS.get(1)))), ErrorCode.NACL_RULES,
                "tiers[workload] NACL entries = '3 inbound, 3 outbound': at most naclEntryQuota (2) per direction");
    }

    /**
     * BP-NET-4: with an IPAM pool the entries name each subnet, not a summarised tier block; the quota is
     * checked against those entries too (here the endpoints tier's 2 subnets make 3 outbound entries where a
     * literal plan needs 2), before anything is created: the validator counts one stand-in per subnet.
     */
    @Test
    void failsWhenThePerSubnetEntriesOfAnIpamVpcExceedTheQuota() {
        assertProblem(fails(b -> b.naclEntryQuota(2).ipAddresses(stub(IIpAddresses.class)), IPAM),
                ErrorCode.NACL_RULES,
                "tiers[endpoints] NACL entries = '2 inbound, 3 outbound': at most naclEntryQuota (2) per direction");
    }

    /** BP-NET-4, BP-EP-2: an isolated tier's egress goes to named gateway-endpoint ranges, or the weakening is declared. */
    @Test
    void failsOnAnIsolatedTierWithEgressPortsAndNoGatewayEndpointRanges() {
        assertProblem(fails(b -> b.tiers(List.of(SubnetTier.builder("db", TierKind.ISOLATED)
                        .egressPorts(List.of(PortRange.tcp(443))).build()))), ErrorCode.TIER,
                "tiers[db].egressPorts = '[tcp 443]': none for an ISOLATED tier unless gatewayEndpointCidrs names the "
                        + "ranges its gateway endpoints reach");
    }

    @Test
    void failsOnGatewayEndpointRangesOutsideAnIsolatedTierOrNotCidrs() {
        BlueprintValidationException e = fails(b -> b.natStrategy(NatStrategy.SINGLE).tiers(List.of(
                SubnetTier.builder("app", TierKind.PRIVATE_WITH_EGRESS).gatewayEndpointCidrs(List.of("52.218.0.0/17"))
                        .build(),
                SubnetTier.builder("db", TierKind.ISOLATED).egressPorts(List.of(PortRange.tcp(443)))
                        .gatewayEndpointCidrs(List.of("52.218.0.1/17")).build(), PUBLIC)));
        assertEquals(List.of(ErrorCode.TIER, ErrorCode.INVALID_CIDR), e.getCodes());
        assertTrue(e.getMessage().contains("tiers[app].gatewayEndpointCidrs = '[52.218.0.0/17]': only on an ISOLATED tier"),
                e.getMessage());
        assertTrue(e.getMessage().contains("tiers[db].gatewayEndpointCidrs = '52.218.0.1/17': an IPv4 CIDR"), e.getMessage());
    }

    @Test
    void failsOnUdpEphemeralPorts() {
        assertProblem(fails(b -> b.ephemeralPorts(PortRange.udp(1024, 65535))), ErrorCode.PORT,
                "ephemeralPorts = 'udp 1024-65535': a TCP range within 1024-65535");
    }

    @Test
    void failsOnEphemeralPortsStartingBelow1024() {
        assertProblem(fails(b -> b.ephemeralPorts(PortRange.tcp(1000, 65535))), ErrorCode.PORT,
                "ephemeralPorts = 'tcp 1000-65535': a TCP range within 1024-65535");
    }

    @Test
    void failsOnTierPortsOutOfRange() {
        BlueprintValidationException e = fails(b -> b.tiers(List.of(SubnetTier.builder("db", TierKind.ISOLATED)
                .ingressPorts(List.of(PortRange.tcp(70000))).healthCheckPorts(List.of(PortRange.tcp(90, 80)))
                .egressPorts(List.of(PortRange.udp(-1))).gatewayEndpointReturnFromAnywhere(true).build())));
        assertEquals(List.of(ErrorCode.PORT, ErrorCode.PORT, ErrorCode.PORT), e.getCodes());
        assertTrue(e.getMessage().contains("tiers[db].ingressPorts = 'tcp 70000': ports from 0 to 65535"));
        assertTrue(e.getMessage().contains("tiers[db].healthCheckPorts = 'tcp 90-80'"));
        assertTrue(e.getMessage().contains("tiers[db].egressPorts = 'udp -1'"));
    }

    // ------------------------------------------------------------------------------------ together

    /** Every problem of one props object is reported in one exception, address space included. */
    @Test
    void failsWithEveryProblemOfOnePropsObjectInOneException() {
        BlueprintValidationException e = fails(b -> b
                .cidr("10.0.0.0/24")
                .reservedAzs(1)
                .tiers(List.of(DB, SubnetTier.builder("Db", TierKind.ISOLATED).cidrMask(24).build()))
                .flowLogRetention(RetentionDays.ONE_WEEK)
                .naclEntryQuota(41)
                .ephemeralPorts(PortRange.udp(1024, 65535))
                .blockList(List.of(BlockListEntry.cidr("0.0.0.0/0", "x"))));
        assertEquals(List.of(ErrorCode.TIER, ErrorCode.FLOW_LOGS, ErrorCode.BLOCK_LIST, ErrorCode.NACL_RULES,
                ErrorCode.PORT, ErrorCode.ADDRESS_SPACE), e.getCodes());
        assertEquals(6, e.getProblems().size());
        assertTrue(e.getMessage().startsWith("Invalid configuration of SecureVpc Test/Network"), e.getMessage());
        assertTrue(e.getMessage().contains("(6 problems):"), e.getMessage());
    }
}
