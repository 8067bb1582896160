package io.securevpc.network;

import static io.securevpc.network.FlowLogRecords.SUBNET;
import static io.securevpc.network.FlowLogRecords.egressToS3;
import static io.securevpc.network.FlowLogRecords.ingressFromS3;
import static io.securevpc.network.FlowLogRecords.with;
import static io.securevpc.network.SpaceDelimitedPatternEvaluator.matches;
import static io.securevpc.network.ValidationAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.BlueprintValidationException;
import io.securevpc.ErrorCode;
import io.securevpc.TestStacks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.sns.Topic;

/**
 * Metric filters and alarms on a VPC's flow logs (BP-MON-1, BP-MON-3): what the template holds, and each filter
 * pattern, as synthesized, against published flow-log records (test/samples/flow-logs) and variants of them.
 */
class FlowLogAlarmsTest {
    private static final String VPC_SUBNET_DATA = "subnet-dddddddd012345678";
    private static Template template;
    private static Stack stack;
    private static Map<String, Map<String, Object>> filters;

    @BeforeAll
    static void synth() {
        stack = TestStacks.regionalStack();
        SecureVpc vpc = new SecureVpc(stack, "Network", SecureVpcProps.builder()
                .availabilityZones(List.of("eu-west-1a", "eu-west-1b"))
                .tiers(List.of(
                        SubnetTier.builder("app", TierKind.ISOLATED).cidrMask(22).egressPorts(List.of(PortRange.tcp(443)))
                                .gatewayEndpointCidrs(List.of("52.95.128.0/21")).build(),
                        SubnetTier.builder("data", TierKind.ISOLATED).cidrMask(24).egressPorts(List.of()).build()))
                .build());
        FlowLogAlarms.Builder.create(stack, "FlowAlarms")
                .secureVpc(vpc)
                .topics(List.of(new Topic(stack, "Alerts")))
                .blockList(List.of(BlockListEntry.cidr("198.51.100.0/24", "known scanner"),
                        BlockListEntry.cidr("2001:db8::/32", "documentation range")))
                .connectedCidrs(List.of("192.168.0.0/16"))
                .build();
        template = Template.fromStack(stack);
        filters = template.findResources("AWS::Logs::MetricFilter");
    }

    @Test
    void eachTierCountsItsRecordsByActionInTheVpcsDimension() {
        template.hasResourceProperties("AWS::Logs::MetricFilter", Map.of(
                "LogGroupName", Map.of("Ref", Match.stringLikeRegexp("NetworkFlowLogsLogGroup.*")),
                "MetricTransformations", List.of(Map.of("MetricNamespace", "SecureVpc/FlowLogs",
                        "MetricName", "Flows-app", "MetricValue", "1",
                        "Dimensions", List.of(Map.of("Key", "VpcId", "Value", "$vpc_id"),
                                Map.of("Key", "Action", "Value", "$action"))))));
        String pattern = pattern("Flows-app");
        assertTrue(matches(pattern, ingressFromS3()));
        assertFalse(matches(pattern, with(ingressFromS3(), "subnet-id", VPC_SUBNET_DATA)));
    }

    @Test
    void aTiersRejectedRecordsRaiseItsAlarmAtTheThreshold() {
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "Namespace", "SecureVpc/FlowLogs", "MetricName", "Flows-data",
                "Dimensions", List.of(Map.of("Name", "Action", "Value", "REJECT"),
                        Map.of("Name", "VpcId", "Value", Map.of("Ref", Match.stringLikeRegexp("NetworkVpc.*")))),
                "Statistic", "Sum", "Period", 300, "Threshold", 100, "EvaluationPeriods", 1,
                "ComparisonOperator", "GreaterThanOrEqualToThreshold", "TreatMissingData", "notBreaching",
                "AlarmActions", List.of(Map.of("Ref", Match.stringLikeRegexp("Alerts.*")))));
        template.resourceCountIs("AWS::CloudWatch::Alarm", 6);
    }

    @Test
    void sshFromOutsideTheVpcRaisesTheRemoteAccessAlarmsAtTheFirstRecordAcceptedOrRejected() {
        for (String action : List.of("ACCEPT", "REJECT")) {
            template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "RemoteAccessAttempts",
                    "Dimensions", Match.arrayWith(List.of(Map.of("Name", "Action", "Value", action))),
                    "Threshold", 1, "AlarmActions", List.of(Map.of("Ref", Match.stringLikeRegexp("Alerts.*")))));
        }
        template.hasResourceProperties("AWS::Logs::MetricFilter", Map.of("MetricTransformations", List.of(
                Match.objectLike(Map.of("MetricName", "RemoteAccessAttempts", "Dimensions", List.of(
                        Map.of("Key", "VpcId", "Value", "$vpc_id"), Map.of("Key", "Action", "Value", "$action")))))));
        String pattern = pattern("RemoteAccessAttempts");
        assertTrue(matches(pattern, with(ingressFromS3(), "dstport", "22", "action", "REJECT")));
        assertFalse(matches(pattern, ingressFromS3()));
        assertFalse(matches(pattern, with(ingressFromS3(), "dstport", "22", "srcaddr", "10.0.9.9")));
    }

    @Test
    void blockListTrafficIsCountedBothWaysAndIpv6EntriesWarn() {
        List<String> patterns = patterns("BlockListTraffic");
        assertEquals(2, patterns.size());
        String fromScanner = with(ingressFromS3(), "srcaddr", "198.51.100.7", "action", "REJECT");
        String toScanner = with(egressToS3(), "dstaddr", "198.51.100.7", "action", "REJECT");
        assertEquals(1, patterns.stream().filter(p -> matches(p, fromScanner)).count());
        assertEquals(1, patterns.stream().filter(p -> matches(p, toScanner)).count());
        assertEquals(0, patterns.stream().filter(p -> matches(p, ingressFromS3()) || matches(p, egressToS3())).count());
        Annotations.fromStack(stack).hasWarning("/Test/FlowAlarms",
                Match.stringLikeRegexp(".*2001:db8::/32.*IPv6.*no alarm.*"));
    }

    @Test
    void egressFromAnIsolatedTierOutsideTheVpcAndItsConnectedNetworksRaisesAnAlarm() {
        List<String> patterns = patterns("IsolatedTierEgress");
        assertEquals(2, patterns.size());
        String toInternet = with(egressToS3(), "dstaddr", "203.0.113.5", "pkt-dst-aws-service", "-");
        String dataToS3 = with(egressToS3(), "subnet-id", VPC_SUBNET_DATA);
        // the app tier reaches S3 through its gateway endpoint: the published record is expected traffic
        assertEquals(0, patterns.stream().filter(p -> matches(p, egressToS3())).count());
        assertEquals(1, patterns.stream().filter(p -> matches(p, toInternet)).count());
        // the data tier declares no egress: S3 from there counts
        assertEquals(1, patterns.stream().filter(p -> matches(p, dataToS3)).count());
        String toOnPremises = with(toInternet, "dstaddr", "192.168.1.1");
        assertEquals(0, patterns.stream().filter(p -> matches(p, toOnPremises)).count());
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "IsolatedTierEgress",
                "Threshold", 1));
    }

    @Test
    void failsWhenTheFlowLogsGoToS3Only() {
        Stack s = TestStacks.regionalStack();
        SecureVpc vpc = new SecureVpc(s, "Network", SecureVpcProps.builder()
                .flowLogDestinations(FlowLogDestinations.S3).build());
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () ->
                FlowLogAlarms.Builder.create(s, "FlowAlarms").secureVpc(vpc).topics(List.of(new Topic(s, "T"))).build());
        assertProblem(e, ErrorCode.FLOW_LOGS, "secureVpc", "flow logs to S3 only", "CLOUDWATCH_LOGS or BOTH");
    }

    /**
     * Fifty connected environments (one Transit Gateway, 10.i.0.0/16 each) overflow one isolated-egress pattern:
     * the tier gets several filters on the one metric, each within CloudWatch's limit, exactly one counting a record
     * to an unconnected address and none one to a connected environment.
     */
    @Test
    void fiftyConnectedNetworksSplitTheIsolatedEgressFilterInsteadOfFailing() {
        Stack s = TestStacks.regionalStack();
        SecureVpc vpc = new SecureVpc(s, "Network", SecureVpcProps.builder()
                .availabilityZones(List.of("eu-west-1a", "eu-west-1b"))
                .tiers(List.of(SubnetTier.builder("data", TierKind.ISOLATED).cidrMask(24).egressPorts(List.of())
                        .build()))
                .build());
        List<String> connected = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            connected.add("10." + i + ".0.0/16");
        }
        FlowLogAlarms.Builder.create(s, "FlowAlarms").secureVpc(vpc).topics(List.of(new Topic(s, "T")))
                .connectedCidrs(connected).build();
        Map<String, Map<String, Object>> all = Template.fromStack(s).findResources("AWS::Logs::MetricFilter");
        List<String> egress = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> e : all.entrySet()) {
            String text = patternText(e.getValue(), "IsolatedTierEgress");
            if (text != null) {
                egress.add(text);
            }
        }
        // One filter for every address outside 10.0.0.0/8, nine listing the 205 free /16s of 10.0.0.0/8 (the VPC is
        // 10.0.0.0/16): 10 of the log group's 100.
        assertEquals(10, egress.size(), egress.toString());
        egress.forEach(p -> assertTrue(FlowLogPatterns.deployedLength(p) <= FlowLogPatterns.MAX_PATTERN_LENGTH, p));
        String base = with(egressToS3(), "subnet-id", VPC_SUBNET_DATA, "pkt-dst-aws-service", "-");
        for (String address : List.of("10.51.0.1", "10.255.0.1", "11.1.1.1", "52.95.128.179")) {
            String record = with(base, "dstaddr", address);
            assertEquals(1, egress.stream().filter(p -> matches(p, record)).count(), address);
        }
        for (String address : List.of("10.1.0.1", "10.50.255.255", "10.0.0.9")) {
            String record = with(base, "dstaddr", address);
            assertEquals(0, egress.stream().filter(p -> matches(p, record)).count(), address);
        }
    }

    @Test
    void failsOnEveryBadPropAtOnce() {
        Stack s = TestStacks.regionalStack();
        SecureVpc vpc = new SecureVpc(s, "Network", null);
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () ->
                FlowLogAlarms.Builder.create(s, "FlowAlarms").secureVpc(vpc).topics(List.of())
                        .rejectedThreshold(0.0).connectedCidrs(List.of("192.168.0.1/16"))
                        .period(software.amazon.awscdk.Duration.seconds(90)).build());
        assertEquals(List.of(ErrorCode.CONFLICTING_PROPS, ErrorCode.CONFLICTING_PROPS, ErrorCode.CONFLICTING_PROPS,
                ErrorCode.INVALID_CIDR), e.getCodes(), e.getMessage());
        for (String part : List.of("topics", "rejectedThreshold", "period", "connectedCidrs[0]", "192.168.0.1/16")) {
            assertTrue(e.getMessage().contains(part), part + " not in " + e.getMessage());
        }
    }

    /** @return the one filter pattern publishing {@code metricName}, with subnet references resolved */
    private static String pattern(final String metricName) {
        List<String> found = patterns(metricName);
        assertEquals(1, found.size(), metricName);
        return found.get(0);
    }

    /**
     * @return the filter patterns publishing {@code metricName}; a reference to the app tier's first subnet becomes
     *     the published records' subnet id, one to the data tier's first subnet {@link #VPC_SUBNET_DATA}
     */
    private static List<String> patterns(final String metricName) {
        List<String> found = new ArrayList<>();
        for (Map<String, Object> resource : filters.values()) {
            String text = patternText(resource, metricName);
            if (text != null) {
                found.add(text);
            }
        }
        return found;
    }

    /** @return the resource's filter pattern with subnet references resolved, or null when it publishes another metric */
    @SuppressWarnings("unchecked")
    private static String patternText(final Map<String, Object> resource, final String metricName) {
        Map<String, Object> props = (Map<String, Object>) resource.get("Properties");
        List<Map<String, Object>> transformations = (List<Map<String, Object>>) props.get("MetricTransformations");
        if (!metricName.equals(transformations.get(0).get("MetricName"))) {
            return null;
        }
        Object pattern = props.get("FilterPattern");
        if (pattern instanceof String text) {
            return text;
        }
        List<Object> join = (List<Object>) ((Map<String, Object>) pattern).get("Fn::Join");
        StringBuilder text = new StringBuilder();
        for (Object part : (List<Object>) join.get(1)) {
            if (part instanceof String s) {
                text.append(s);
            } else {
                String ref = (String) ((Map<String, Object>) part).get("Ref");
                text.append(ref.contains("appSubnet1") ? SUBNET : ref.contains("dataSubnet1") ? VPC_SUBNET_DATA
                        : "subnet-" + String.format("%017d", Math.abs(ref.hashCode())));
            }
        }
        return text.toString();
    }
}
