package io.securevpc.network;

import static io.securevpc.network.FlowLogRecords.SUBNET;
import static io.securevpc.network.FlowLogRecords.egressToS3;
import static io.securevpc.network.FlowLogRecords.ingressFromS3;
import static io.securevpc.network.FlowLogRecords.with;
import static io.securevpc.network.SpaceDelimitedPatternEvaluator.matches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The flow-log metric-filter patterns (BP-MON-3) against published VPC flow-log records (test/samples/flow-logs,
 * AWS VPC User Guide) and variants derived from them: per pattern a record that matches and one that does not.
 * Plain Java: no jsii.
 */
class FlowLogPatternsTest {
    private static final List<String> VPC = FlowLogPatterns.wildcards("10.0.0.0/16");

    @Test
    void theSamplesAreWrittenInTheBlueprintsFormat() {
        assertEquals(FlowLogFormat.FORMAT, FlowLogRecords.format());
        assertEquals(FlowLogFormat.FIELDS.size(), ingressFromS3().split(" ").length);
    }

    @Test
    void wildcardsCoverABlockOnOctetBoundaries() {
        assertEquals(List.of("10.0.*"), FlowLogPatterns.wildcards("10.0.0.0/16"));
        assertEquals(List.of("10.*"), FlowLogPatterns.wildcards("10.0.0.0/8"));
        assertEquals(List.of("*"), FlowLogPatterns.wildcards("0.0.0.0/0"));
        assertEquals(List.of("203.0.113.5"), FlowLogPatterns.wildcards("203.0.113.5/32"));
        assertEquals(List.of("10.0.16.*", "10.0.17.*", "10.0.18.*", "10.0.19.*"),
                FlowLogPatterns.wildcards("10.0.16.0/22"));
        assertEquals(List.of("172.16.*", "172.17.*", "172.18.*", "172.19.*", "172.20.*", "172.21.*", "172.22.*",
                "172.23.*", "172.24.*", "172.25.*", "172.26.*", "172.27.*", "172.28.*", "172.29.*", "172.30.*",
                "172.31.*"), FlowLogPatterns.wildcards("172.16.0.0/12"));
        assertEquals(List.of("192.0.2.4", "192.0.2.5", "192.0.2.6", "192.0.2.7"),
                FlowLogPatterns.wildcards("192.0.2.4/30"));
        assertEquals(128, FlowLogPatterns.wildcards("10.0.0.0/17").size());
    }

    @Test
    void aWildcardDoesNotMatchALongerOctetWithTheSameDigits() {
        String pattern = FlowLogPatterns.blockList("srcaddr", FlowLogPatterns.wildcards("52.95.12.0/24"), null);
        assertFalse(matches(pattern, ingressFromS3()), "52.95.128.179 is not in 52.95.12.0/24");
        assertTrue(matches(pattern, with(ingressFromS3(), "srcaddr", "52.95.12.179")));
    }

    @Test
    void tierFlowsCountEveryRecordOfTheTiersSubnets() {
        String pattern = FlowLogPatterns.tierFlows(List.of("subnet-0000000000000000a", SUBNET));
        assertTrue(matches(pattern, ingressFromS3()));
        assertTrue(matches(pattern, with(egressToS3(), "action", "REJECT")));
        assertFalse(matches(pattern, with(ingressFromS3(), "subnet-id", "subnet-bbbbbbbb012345678")));
        assertFalse(matches(pattern, with(ingressFromS3(), "log-status", "NODATA")));
    }

    @Test
    void remoteAccessIsSshOrRdpArrivingFromOutsideTheVpc() {
        String pattern = FlowLogPatterns.remoteAccess(VPC);
        assertFalse(matches(pattern, ingressFromS3()), "published record: destination port 34210");
        assertTrue(matches(pattern, with(ingressFromS3(), "dstport", "22", "action", "REJECT")));
        assertTrue(matches(pattern, with(ingressFromS3(), "dstport", "3389")));
        assertFalse(matches(pattern, with(ingressFromS3(), "dstport", "22", "srcaddr", "10.0.7.9")),
                "from inside the VPC");
        assertFalse(matches(pattern, with(egressToS3(), "dstport", "22")), "egress, not arriving");
    }

    @Test
    void blockListRecordsAreTrafficFromOrToTheRange() {
        List<String> range = FlowLogPatterns.wildcards("52.95.128.0/21");
        String from = FlowLogPatterns.blockList("srcaddr", range, null);
        String to = FlowLogPatterns.blockList("dstaddr", range, null);
        assertTrue(matches(from, ingressFromS3()));
        assertFalse(matches(from, egressToS3()));
        assertTrue(matches(to, egressToS3()));
        assertFalse(matches(to, ingressFromS3()));
    }

    @Test
    void aPortNarrowedBlockListEntryCountsOnlyItsProtocolAndPorts() {
        String to = FlowLogPatterns.blockList("dstaddr", FlowLogPatterns.wildcards("52.95.128.0/21"),
                PortRange.tcp(80, 81));
        assertTrue(matches(to, egressToS3()), "tcp 80");
        assertFalse(matches(to, with(egressToS3(), "dstport", "443")));
        assertFalse(matches(to, with(egressToS3(), "protocol", "17")));
    }

    @Test
    void isolatedEgressIgnoresTheGatewayEndpointServicesOnlyWhenTheTierUsesThem() {
        String withEndpoints = FlowLogPatterns.isolatedEgress(List.of(SUBNET), VPC, true);
        String without = FlowLogPatterns.isolatedEgress(List.of(SUBNET), VPC, false);
        assertFalse(matches(withEndpoints, egressToS3()), "published: to S3 through the tier's gateway endpoint");
        assertTrue(matches(without, egressToS3()));
        String toInternet = with(egressToS3(), "dstaddr", "203.0.113.5", "pkt-dstaddr", "203.0.113.5",
                "pkt-dst-aws-service", "-");
        assertTrue(matches(withEndpoints, toInternet));
        assertTrue(matches(withEndpoints, with(toInternet, "action", "REJECT")));
        assertFalse(matches(withEndpoints, with(toInternet, "dstaddr", "10.0.3.4")), "inside the VPC");
        assertFalse(matches(withEndpoints, ingressFromS3()), "ingress");
        assertFalse(matches(withEndpoints, with(toInternet, "subnet-id", "subnet-bbbbbbbb012345678")),
                "another tier's subnet");
    }

    @Test
    void connectedNetworksAreNotEgress() {
        List<String> excluded = new java.util.ArrayList<>(VPC);
        excluded.addAll(FlowLogPatterns.wildcards("192.168.0.0/16"));
        String pattern = FlowLogPatterns.isolatedEgress(List.of(SUBNET), excluded, true);
        String toOnPremises = with(egressToS3(), "dstaddr", "192.168.4.4", "pkt-dst-aws-service", "-");
        assertFalse(matches(pattern, toOnPremises));
        assertTrue(matches(FlowLogPatterns.isolatedEgress(List.of(SUBNET), VPC, true), toOnPremises));
    }

    @Test
    void isolatedEgressIsOnePatternWhileItFits() {
        List<String> excluded = new java.util.ArrayList<>(VPC);
        excluded.addAll(FlowLogPatterns.wildcards("192.168.0.0/16"));
        assertEquals(List.of(FlowLogPatterns.isolatedEgress(List.of(SUBNET), excluded, true)),
                FlowLogPatterns.isolatedEgressPatterns(List.of(SUBNET), excluded, true));
    }

    /**
     * Sixty connected /16s and blocks of every width overflow one 1,024-character pattern; the split patterns must
     * count every record to an address outside the excluded blocks exactly once (several filters publish one
     * metric) and no record to an excluded block, judged against an independent reading of the CIDRs.
     */
    @Test
    void isolatedEgressSplitsExactlyWhenTheConnectedNetworksOverflowOnePattern() {
        List<String> cidrs = new java.util.ArrayList<>(List.of("10.0.0.0/16", "192.168.0.0/16", "172.16.0.0/20",
                "10.70.5.0/24", "10.70.6.7/32", "203.0.113.9/32", "10.200.0.0/15"));
        for (int i = 1; i <= 60; i++) {
            cidrs.add("10." + i + ".0.0/16");
        }
        List<String> excluded = FlowLogPatterns.wildcards(cidrs);
        assertTrue(FlowLogPatterns.deployedLength(FlowLogPatterns.isolatedEgress(List.of(SUBNET), excluded, true))
                > FlowLogPatterns.MAX_PATTERN_LENGTH, "the case needs more than one pattern");
        List<String> patterns = FlowLogPatterns.isolatedEgressPatterns(List.of(SUBNET), excluded, true);
        assertTrue(patterns.size() > 1);
        patterns.forEach(p -> assertTrue(FlowLogPatterns.deployedLength(p) <= FlowLogPatterns.MAX_PATTERN_LENGTH, p));

        List<String> addresses = new java.util.ArrayList<>(List.of("10.61.0.1", "10.255.255.255", "11.0.0.1",
                "9.255.1.1", "100.10.1.1", "1.0.0.1", "10.70.4.1", "10.70.5.0", "10.70.5.255", "10.70.6.6",
                "10.70.6.7", "10.70.6.8", "172.16.15.255", "172.16.16.0", "172.15.255.255", "203.0.113.9",
                "203.0.113.10", "10.199.255.255", "10.200.0.0", "10.201.255.255", "10.202.0.0", "8.8.8.8",
                "255.255.255.255", "0.0.0.0"));
        java.util.Random random = new java.util.Random(21);
        for (int i = 0; i < 3000; i++) {
            int first = random.nextInt(8) == 0 ? random.nextInt(256) : List.of(10, 172, 192, 203).get(random.nextInt(4));
            addresses.add(first + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256));
        }
        for (String address : addresses) {
            long value = io.securevpc.internal.Ipv4Cidr.of(address + "/32").network();
            boolean inExcluded = cidrs.stream().map(io.securevpc.internal.Ipv4Cidr::of)
                    .anyMatch(c -> value >= c.network() && value < c.end());
            String record = with(egressToS3(), "dstaddr", address, "pkt-dst-aws-service", "-");
            long matching = patterns.stream().filter(p -> matches(p, record)).count();
            assertEquals(inExcluded ? 0 : 1, matching, address);
        }
        String ipv6 = with(egressToS3(), "dstaddr", "2001:db8::1", "pkt-dst-aws-service", "-");
        assertEquals(0, patterns.stream().filter(p -> matches(p, ipv6)).count(), "IPv6 is not judged");
        String toS3 = egressToS3();
        assertEquals(0, patterns.stream().filter(p -> matches(p, toS3)).count(), "through the gateway endpoint");
        String ingress = with(ingressFromS3(), "srcaddr", "8.8.8.8");
        assertEquals(0, patterns.stream().filter(p -> matches(p, ingress)).count(), "ingress");
    }

    @Test
    void chunksKeepEveryPatternWithinTheQuota() {
        List<String> terms = FlowLogPatterns.wildcards("10.0.0.0/17");
        List<List<String>> chunks = FlowLogPatterns.chunks(terms, t -> FlowLogPatterns.blockList("srcaddr", t, null));
        assertTrue(chunks.size() > 1);
        assertEquals(terms, chunks.stream().flatMap(List::stream).toList());
        chunks.forEach(c -> assertTrue(FlowLogPatterns.blockList("srcaddr", c, null).length()
                <= FlowLogPatterns.MAX_PATTERN_LENGTH));
    }

    @Test
    void aTokenCountsAsADeployedSubnetId() {
        assertEquals(FlowLogPatterns.SUBNET_ID_LENGTH + 2, FlowLogPatterns.deployedLength("[${Token[TOKEN.123]}]"));
    }

    @Test
    void theEvaluatorReadsTheVpcUserGuidesExamplePatternAsPublished() throws IOException {
        // AWS VPC User Guide, "Create a CloudWatch metric filter and alarm for a flow log", with port 3389 for 22
        String pattern = "[version, account, eni, source, destination, srcport, destport=\"3389\", protocol=\"6\", "
                + "packets, bytes, windowstart, windowend, action=\"REJECT\", flowlogstatus]";
        List<String> records = Files.readAllLines(Path.of("test", "samples", "flow-logs", "default-format-v2.txt"))
                .stream().filter(l -> !l.startsWith("#")).toList();
        assertEquals(List.of(records.get(1)), records.stream().filter(r -> matches(pattern, r)).toList());
    }

    @Test
    void failsOnSyntaxTheEvaluatorDoesNotKnow() {
        assertThrows(IllegalArgumentException.class, () -> matches("[a, ..., b]", "1 2 3"));
        assertThrows(IllegalArgumentException.class, () -> matches("[a = \"1\" || a = \"2\" && a = \"3\"]", "1"));
        assertThrows(IllegalArgumentException.class, () -> matches("[a = one]", "one"));
    }
}
