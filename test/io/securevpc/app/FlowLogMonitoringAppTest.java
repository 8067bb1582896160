package io.securevpc.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * The shipped configuration's flow-log monitoring (BP-MON-1/3): in each environment's network stack, metric filters on
 * the VPC's flow-log group, alarms that notify the detection stack's alerts topic (the topic the remediation rules of
 * the same stack report to), and one dashboard. Built without the gate.
 */
class FlowLogMonitoringAppTest {
    private static BlueprintApp.Result shipped;

    @BeforeAll
    static void build() {
        shipped = SynthesizedApps.shippedStacks();
    }

    private static Template network(final String shape) {
        return Template.fromStack(shipped.stacks().stream()
                .filter(s -> s.getStackName().toLowerCase().contains(shape)).findFirst().orElseThrow());
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyEnvironmentsFlowLogAlarmsNotifyTheDetectionStacksAlertsTopic() {
        for (String shape : List.of("privateonly", "threetier")) {
            Template t = network(shape);
            Map<String, Map<String, Object>> filters = t.findResources("AWS::Logs::MetricFilter");
            assertTrue(filters.size() >= 4, shape + ": a filter per tier and the remote-access filter");
            Map<String, Map<String, Object>> alarms = t.findResources("AWS::CloudWatch::Alarm");
            List<Object> actions = alarms.values().stream()
                    .map(a -> (Map<String, Object>) a.get("Properties"))
                    .filter(p -> "SecureVpc/FlowLogs".equals(p.get("Namespace")))
                    .map(p -> p.get("AlarmActions")).distinct().toList();
            assertEquals(1, actions.size(), shape + ": one set of actions for every flow-log alarm");
            Object alertTopic = t.findResources("AWS::Events::Rule").values().stream()
                    .map(r -> (Map<String, Object>) r.get("Properties"))
                    .flatMap(p -> ((List<Map<String, Object>>) p.get("Targets")).stream())
                    .map(target -> target.get("Arn")).filter(arn -> arn instanceof Map<?, ?> m
                            && m.containsKey("Fn::GetStackOutput") && m.toString().contains("AlertsTopic"))
                    .findFirst().orElseThrow();
            assertEquals(List.of(alertTopic), actions.get(0), shape);
            t.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
        }
    }

    /**
     * What docs/network.md prices per environment: metric filters, the metrics they publish (one per tier and action,
     * remote access per action, one each for the block list and isolated-tier egress) and the flow-log alarms.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theCountsTheCostTableIsBasedOn() {
        Map<String, List<Object>> expected = Map.of(
                "privateonly", List.of(9, List.of("Flows-app", "Flows-data", "Flows-endpoints"), 7),
                "threetier", List.of(9, List.of("Flows-app", "Flows-data", "Flows-public", "Flows-transit"), 8));
        expected.forEach((shape, counts) -> {
            Template t = network(shape);
            Map<String, Map<String, Object>> filters = t.findResources("AWS::Logs::MetricFilter");
            assertEquals(counts.get(0), filters.size(), shape + " filters");
            List<String> names = filters.values().stream()
                    .map(f -> (Map<String, Object>) f.get("Properties"))
                    .map(p -> (String) ((List<Map<String, Object>>) p.get("MetricTransformations")).get(0)
                            .get("MetricName"))
                    .distinct().sorted().toList();
            List<String> metrics = new java.util.ArrayList<>((List<String>) counts.get(1));
            metrics.addAll(List.of("BlockListTraffic", "IsolatedTierEgress", "RemoteAccessAttempts"));
            assertEquals(metrics.stream().sorted().toList(), names, shape + " metric names");
            long alarms = t.findResources("AWS::CloudWatch::Alarm").values().stream()
                    .filter(a -> "SecureVpc/FlowLogs".equals(((Map<String, Object>) a.get("Properties"))
                            .get("Namespace"))).count();
            assertEquals(((Integer) counts.get(2)).longValue(), alarms, shape + " alarms");
        });
    }

    /** CloudWatch Logs accepts patterns of up to 1,024 characters: each subnet reference counted as a subnet id. */
    @Test
    @SuppressWarnings("unchecked")
    void everyFilterPatternFitsTheQuotaOnceDeployed() {
        for (String shape : List.of("privateonly", "threetier")) {
            int longest = 0;
            for (Map<String, Object> filter : network(shape).findResources("AWS::Logs::MetricFilter").values()) {
                Object pattern = ((Map<String, Object>) filter.get("Properties")).get("FilterPattern");
                int length = pattern instanceof String text ? text.length()
                        : ((List<Object>) ((List<Object>) ((Map<String, Object>) pattern).get("Fn::Join")).get(1))
                                .stream().mapToInt(part -> part instanceof String text ? text.length()
                                        : "subnet-0123456789abcdef0".length()).sum();
                longest = Math.max(longest, length);
            }
            assertTrue(longest <= 1024, shape + ": " + longest);
        }
    }

    @Test
    void theThreeTierDashboardShowsItsNatGatewayAndThePrivateOnlyOneHasNone() {
        assertTrue(network("threetier").toJSON().toString().contains("AWS/NATGateway"));
        assertFalse(network("privateonly").toJSON().toString().contains("AWS/NATGateway"));
    }
}
