package io.securevpc.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.securevpc.TestStacks;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.event.ruler.Ruler;

/**
 * The alerts on calls that could blind monitoring (BP-MON-3/4/5, BP-AUD-1/2): each rule's synthesized pattern, run
 * through AWS's EventBridge matching engine (event-ruler) against published CloudTrail records as EventBridge
 * delivers them, fires on the call and not on the same event name from another service, a read or a failed call.
 */
class MonitoringChangeAlertsTest {
    private static Map<String, Map<String, Object>> rules;
    private static Template template;

    @BeforeAll
    static void synth() {
        Stack stack = TestStacks.regionalStack();
        new MonitoringChangeAlerts(stack, "MonitoringChanges", new SecurityAlerts(stack, "Alerts", null));
        template = Template.fromStack(stack);
        rules = template.findResources("AWS::Events::Rule");
    }

    private static String ruleOf(final String service) {
        MonitoringChangeAlerts.Watched w = MonitoringChangeAlerts.WATCHED.get(service);
        return Samples.pattern(rules, "Monitoring guardrail bypassed: " + String.join(", ", w.eventNames()));
    }

    /** A published record with another call: a test's construction from the record, not a sample. */
    private static String as(final String sample, final String eventSource, final String eventName) {
        ObjectNode record = Samples.record(sample);
        record.put("eventSource", eventSource);
        record.put("eventName", eventName);
        return Samples.viaEventBridge(record);
    }

    @Test
    void oneRetainedRulePerServiceEachPublishingToTheAlertsTopic() {
        assertEquals(MonitoringChangeAlerts.WATCHED.size(), rules.size());
        template.allResources("AWS::Events::Rule", Match.objectLike(Map.of("DeletionPolicy", "Retain")));
        template.allResourcesProperties("AWS::Events::Rule", Match.objectLike(Map.of("Targets", java.util.List.of(
                Match.objectLike(Map.of("Arn", Map.of("Ref", Match.stringLikeRegexp("^AlertsTopic")),
                        "DeadLetterConfig", Match.anyValue()))))));
    }

    @Test
    void firesOnAKeyBeingDisabled() throws Exception {
        assertTrue(Ruler.matchesRule(Samples.viaEventBridge("disable-kms-key"), ruleOf("Kms")));
        assertFalse(Ruler.matchesRule(Samples.viaEventBridge("disable-kms-key"), ruleOf("EventBridge")));
    }

    @Test
    void firesOnTheArchivesBucketPolicyChangingNotOnItsBeingRead() throws Exception {
        assertTrue(Ruler.matchesRule(as("get-bucket-policy", "s3.amazonaws.com", "PutBucketPolicy"), ruleOf("S3")));
        assertFalse(Ruler.matchesRule(Samples.viaEventBridge("get-bucket-policy"), ruleOf("S3")), "a read");
        assertFalse(Ruler.matchesRule(Samples.viaEventBridge("put-bucket-acl"), ruleOf("S3")), "an ACL, not the policy");
    }

    @Test
    void firesOnAnEventBridgeRuleDeletedNotOnALoadBalancerRuleDeleted() throws Exception {
        assertTrue(Ruler.matchesRule(as("disable-kms-key", "events.amazonaws.com", "DeleteRule"),
                ruleOf("EventBridge")));
        assertFalse(Ruler.matchesRule(as("disable-kms-key", "elasticloadbalancing.amazonaws.com", "DeleteRule"),
                ruleOf("EventBridge")), "the same event name from Elastic Load Balancing");
        assertFalse(Ruler.matchesRule(as("disable-kms-key", "events.amazonaws.com", "DescribeRule"),
                ruleOf("EventBridge")), "a read");
    }

    @Test
    void firesOnEachWatchedCallOfEachService() throws Exception {
        MonitoringChangeAlerts.WATCHED.forEach((service, w) -> w.eventNames().forEach(name -> {
            try {
                assertTrue(Ruler.matchesRule(as("disable-kms-key", w.eventSource(), name), ruleOf(service)),
                        service + " " + name);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }));
    }

    @Test
    void doesNotFireOnAFailedCall() throws Exception {
        ObjectNode record = Samples.record("disable-kms-key");
        record.put("errorCode", "AccessDenied");
        assertFalse(Ruler.matchesRule(Samples.viaEventBridge(record), ruleOf("Kms")));
    }
}
