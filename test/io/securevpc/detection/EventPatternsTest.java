package io.securevpc.detection;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.securevpc.TestStacks;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.event.ruler.Ruler;

/**
 * Every rule's synthesized event pattern, run through AWS's own EventBridge matching engine (event-ruler)
 * against published sample events: each fires on its sample and not on the near-miss (BP-MON-4).
 */
class EventPatternsTest {
    private static Map<String, Map<String, Object>> rules;

    @BeforeAll
    static void synth() {
        Stack stack = TestStacks.regionalStack();
        Vpc vpc = Vpc.Builder.create(stack, "Vpc").maxAzs(1).natGateways(0).build();
        SecurityAlerts alerts = new SecurityAlerts(stack, "Alerts", null);
        new InstanceIsolation(stack, "IsolateMedium", InstanceIsolationProps.builder().vpc(vpc).alerts(alerts)
                .severityThreshold(4.0).build());
        new InstanceIsolation(stack, "IsolateHigh", InstanceIsolationProps.builder().vpc(vpc).alerts(alerts).build());
        new PublicIngressRevocation(stack, "Revoke", alerts, vpc, null, false);
        new TamperResponse(stack, "Tamper", alerts, "arn:aws:cloudtrail:eu-west-1:111111111111:trail/audit", true, false);
        rules = Template.fromStack(stack).findResources("AWS::Events::Rule");
    }

    private static boolean fires(final String description, final String event) throws Exception {
        return Ruler.matchesRule(event, Samples.pattern(rules, description));
    }

    @Test
    void isolationFiresOnAnInstanceFindingAtOrAboveTheThreshold() throws Exception {
        assertTrue(fires("GuardDuty finding on an EC2 instance, severity >= 4.0",
                Samples.event("guardduty-finding-backdoor-cc-dns")), "severity 5, Instance");
    }

    @Test
    void isolationIgnoresFindingsBelowTheThreshold() throws Exception {
        assertFalse(fires("GuardDuty finding on an EC2 instance, severity >= 4.0",
                Samples.event("guardduty-finding-ec2-ssh-bruteforce")), "severity 2");
        assertFalse(fires("GuardDuty finding on an EC2 instance, severity >= 7.0",
                Samples.event("guardduty-finding-backdoor-cc-dns")), "severity 5 under the default 7");
    }

    @Test
    void isolationIgnoresAccessKeyFindingsEvenWithInstanceDetails() throws Exception {
        assertFalse(fires("GuardDuty finding on an EC2 instance, severity >= 4.0",
                Samples.event("guardduty-finding-iam-accesskey-with-instancedetails")));
        assertFalse(fires("GuardDuty finding on an EC2 instance, severity >= 4.0",
                Samples.event("guardduty-finding-iam")));
    }

    @Test
    void revocationFiresOnSshOpenToTheWorld() throws Exception {
        assertTrue(fires("Security-group ingress opened to the world on [22, 3389]",
                Samples.viaEventBridge("authorize-sg-ingress")));
    }

    @Test
    void revocationIgnoresSshFromOneAddress() throws Exception {
        assertFalse(fires("Security-group ingress opened to the world on [22, 3389]",
                Samples.viaEventBridge("authorize-sg-ingress-loopback-32")));
    }

    @Test
    void revocationIgnoresWorldOpenHttpsAndFailedCalls() throws Exception {
        ObjectNode https = Samples.record("authorize-sg-ingress");
        ObjectNode perm = (ObjectNode) https.at("/requestParameters/ipPermissions/items/0");
        perm.put("fromPort", 443).put("toPort", 443);
        assertFalse(fires("Security-group ingress opened to the world on [22, 3389]", Samples.viaEventBridge(https)));
        ObjectNode failed = Samples.record("authorize-sg-ingress");
        failed.put("errorCode", "Client.UnauthorizedOperation");
        assertFalse(fires("Security-group ingress opened to the world on [22, 3389]", Samples.viaEventBridge(failed)));
    }

    @Test
    void revocationFiresOnARangeCoveringRdpAndOnAllTraffic() throws Exception {
        ObjectNode range = Samples.record("authorize-sg-ingress");
        ((ObjectNode) range.at("/requestParameters/ipPermissions/items/0")).put("fromPort", 3000).put("toPort", 4000);
        assertTrue(fires("Security-group ingress opened to the world on [22, 3389]", Samples.viaEventBridge(range)));
        ObjectNode all = Samples.record("authorize-sg-ingress");
        ObjectNode item = (ObjectNode) all.at("/requestParameters/ipPermissions/items/0");
        item.remove("fromPort");
        item.remove("toPort");
        item.put("ipProtocol", "-1");
        assertTrue(fires("Security-group ingress opened to the world on [22, 3389]", Samples.viaEventBridge(all)));
    }

    @Test
    void tamperAlertFiresOnEachWayOfSwitchingMonitoringOff() throws Exception {
        String alert = "Monitoring switched off: flow logs, trail, GuardDuty or Config recorder";
        assertTrue(fires(alert, Samples.viaEventBridge("stop-logging")));
        assertTrue(fires(alert, Samples.viaEventBridge("delete-flow-logs")));
        assertTrue(fires(alert, Samples.viaEventBridge("stop-configuration-recorder")));
    }

    @Test
    void tamperAlertIgnoresFailedCallsAndHarmlessOnes() throws Exception {
        String alert = "Monitoring switched off: flow logs, trail, GuardDuty or Config recorder";
        assertFalse(fires(alert, Samples.viaEventBridge("stop-logging-failed")));
        assertFalse(fires(alert, Samples.viaEventBridge("start-logging")));
        assertFalse(fires(alert, Samples.viaEventBridge("put-configuration-recorder")));
        assertFalse(fires(alert, Samples.event("cloudtrail-api-call-s3-createbucket")));
    }

    @Test
    void restartsFireOnlyOnSuccessfulStops() throws Exception {
        assertTrue(fires("Trail stopped: start it again", Samples.viaEventBridge("stop-logging")));
        assertFalse(fires("Trail stopped: start it again", Samples.viaEventBridge("stop-logging-failed")));
        assertTrue(fires("Config recorder stopped: start it again",
                Samples.viaEventBridge("stop-configuration-recorder")));
        assertFalse(fires("Config recorder stopped: start it again",
                Samples.viaEventBridge("put-configuration-recorder")));
    }
}
