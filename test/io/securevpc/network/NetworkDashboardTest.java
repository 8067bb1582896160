package io.securevpc.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.securevpc.TestStacks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.sns.Topic;

/**
 * The dashboard of a VPC (BP-MON-1/3/5): every widget's metrics name the resources of this VPC and stack (read from the
 * synthesized dashboard body, references kept as {@code ${Ref:LogicalId}} and {@code ${GetAtt:LogicalId.Attr}}).
 */
class NetworkDashboardTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Template template;
    private static JsonNode widgets;
    private static Stack stack;

    @BeforeAll
    static void synth() throws Exception {
        stack = TestStacks.regionalStack();
        SecureVpc vpc = new SecureVpc(stack, "Network", SecureVpcProps.builder()
                .availabilityZones(List.of("eu-west-1a", "eu-west-1b"))
                .tiers(List.of(SubnetTier.builder("app", TierKind.PRIVATE_WITH_EGRESS).cidrMask(22)
                                .ingressFrom(List.of("public")).ingressPorts(List.of(PortRange.tcp(8443))).build(),
                        SubnetTier.builder("public", TierKind.PUBLIC).cidrMask(26).build()))
                .natStrategy(NatStrategy.SINGLE)
                .build());
        FlowLogAlarms alarms = FlowLogAlarms.Builder.create(stack, "FlowAlarms").secureVpc(vpc)
                .topics(List.of(new Topic(stack, "Alerts"))).build();
        Rule remediation = Rule.Builder.create(stack, "Remediation").schedule(Schedule.expression("rate(1 hour)"))
                .build();
        new NetworkDashboard(stack, "Board", NetworkDashboardProps.builder().secureVpc(vpc).flowLogAlarms(alarms)
                .remediationRules(List.of(remediation)).build());
        template = Template.fromStack(stack);
        widgets = JSON.readTree(body()).get("widgets");
    }

    @Test
    void theAlarmWidgetShowsEveryFlowLogAlarm() {
        List<String> shown = texts(widget("Alarms").get("properties").get("alarms"));
        List<String> expected = template.findResources("AWS::CloudWatch::Alarm").keySet().stream()
                .map(id -> "${GetAtt:" + id + ".Arn}").sorted().toList();
        assertEquals(4, expected.size(), "app and public rejected flows, remote access accepted and rejected");
        assertEquals(expected, shown.stream().sorted().toList());
    }

    @Test
    void acceptedAndRejectedFlowsArePerTierFromTheFlowLogMetricsOfThisVpc() {
        String vpc = "${Ref:" + logicalId("AWS::EC2::VPC") + "}";
        for (String action : List.of("ACCEPT", "REJECT")) {
            JsonNode metrics = widget((action.equals("ACCEPT") ? "Accepted" : "Rejected")
                    + " flow-log records per tier").get("properties").get("metrics");
            assertEquals(List.of("SecureVpc/FlowLogs", "Flows-app", "Action", action, "VpcId", vpc),
                    texts(metrics.get(0)).subList(0, 6));
            assertEquals(List.of("SecureVpc/FlowLogs", "Flows-public", "Action", action, "VpcId", vpc),
                    texts(metrics.get(1)).subList(0, 6));
        }
    }

    @Test
    void natGatewayBytesNameTheVpcsNatGateway() {
        String nat = "${Ref:" + logicalId("AWS::EC2::NatGateway") + "}";
        JsonNode metrics = widget("NAT gateway bytes").get("properties").get("metrics");
        assertEquals(List.of("AWS/NATGateway", "BytesOutToDestination", "NatGatewayId", nat),
                texts(metrics.get(0)).subList(0, 4));
        assertEquals(List.of("AWS/NATGateway", "BytesInFromDestination", "NatGatewayId", nat),
                texts(metrics.get(1)).subList(0, 4));
    }

    @Test
    void endpointUsageSearchesThePrivateLinkMetricsOfThisVpc() {
        String expression = widget("Interface endpoint bytes processed").get("properties").get("metrics").get(0)
                .get(0).get("expression").asText();
        assertTrue(expression.startsWith("SEARCH('{AWS/PrivateLinkEndpoints,"), expression);
        assertTrue(expression.contains("MetricName=\"BytesProcessed\" \"VPC Id\"=\"${Ref:"
                + logicalId("AWS::EC2::VPC") + "}\""), expression);
    }

    @Test
    void remediationRunsAreTheRulesInvocationsAndFailures() {
        JsonNode metrics = widget("Remediation rule invocations (right: failed)").get("properties").get("metrics");
        String rule = "${Ref:" + logicalId("AWS::Events::Rule") + "}";
        assertEquals(List.of("AWS/Events", "Invocations", "RuleName", rule), texts(metrics.get(0)).subList(0, 4));
        assertEquals(List.of("AWS/Events", "FailedInvocations", "RuleName", rule),
                texts(metrics.get(1)).subList(0, 4));
        assertEquals("right", metrics.get(1).get(4).get("yAxis").asText());
    }

    @Test
    void aVpcWithAPublicTierAlarmsOnRejectedRemoteAccessOnlyAtAHundredRecords() {
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "RemoteAccessAttempts",
                "Dimensions", Match.arrayWith(List.of(Map.of("Name", "Action", "Value", "REJECT"))),
                "Threshold", 100));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "RemoteAccessAttempts",
                "Dimensions", Match.arrayWith(List.of(Map.of("Name", "Action", "Value", "ACCEPT"))),
                "Threshold", 1));
    }

    @Test
    void synthesizesWithoutWarnings() {
        assertEquals(List.of(), Annotations.fromStack(stack).findWarning("*", Match.anyValue()).stream()
                .map(m -> m.getId() + ": " + m.getEntry().getData()).filter(m -> m.startsWith("/Test/Board")).toList());
    }

    private static JsonNode widget(final String title) {
        return StreamSupport.stream(widgets.spliterator(), false)
                .filter(w -> title.equals(w.get("properties").path("title").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no widget " + title + " in " + widgets));
    }

    private static List<String> texts(final JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.isTextual() ? n.asText() : n.toString()));
        return out;
    }

    private static String logicalId(final String type) {
        Map<String, Map<String, Object>> found = template.findResources(type);
        assertEquals(1, found.size(), type);
        return found.keySet().iterator().next();
    }

    /** The dashboard body with each reference written as {@code ${Ref:Id}} or {@code ${GetAtt:Id.Attr}}. */
    @SuppressWarnings("unchecked")
    private static String body() {
        Map<String, Object> props = (Map<String, Object>) template.findResources("AWS::CloudWatch::Dashboard")
                .values().iterator().next().get("Properties");
        Object body = props.get("DashboardBody");
        if (body instanceof String s) {
            return s;
        }
        List<Object> join = (List<Object>) ((Map<String, Object>) body).get("Fn::Join");
        StringBuilder text = new StringBuilder();
        for (Object part : (List<Object>) join.get(1)) {
            if (part instanceof String s) {
                text.append(s);
            } else if (((Map<String, Object>) part).containsKey("Ref")) {
                text.append("${Ref:").append(((Map<String, Object>) part).get("Ref")).append('}');
            } else {
                List<Object> att = (List<Object>) ((Map<String, Object>) part).get("Fn::GetAtt");
                text.append("${GetAtt:").append(att.get(0)).append('.').append(att.get(1)).append('}');
            }
        }
        return text.toString();
    }
}
