package io.securevpc.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.securevpc.TestStacks;
import io.securevpc.network.SecureVpc;
import java.util.ArrayList;
import java.util.List;
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
        new InstanceFindingAlerts(stack, "InstanceFindings", alerts, InstanceFindingAlerts.DEFAULT_SEVERITY_THRESHOLD);
        new TamperResponse(stack, "Tamper", alerts, "arn:aws:cloudtrail:eu-west-1:111111111111:trail/audit", true, false);
        SecureVpc network = new SecureVpc(stack, "Network", null);   // tiers 'workload' and 'endpoints'
        new MaliciousIpBlocking(stack, "BlockLow", MaliciousIpBlockingProps.builder().secureVpc(network).alerts(alerts)
                .severityThreshold(2.0).build());
        new MaliciousIpBlocking(stack, "Block", MaliciousIpBlockingProps.builder().secureVpc(network).alerts(alerts)
                .tiers(List.of("workload")).build());
        rules = Template.fromStack(stack).findResources("AWS::Events::Rule");
    }

    private static boolean fires(final String description, final String event) throws Exception {
        return Ruler.matchesRule(event, Samples.pattern(rules, description));
    }

    // ------------------------------------------------------------------------------- malicious-IP blocking

    private static final String BLOCK_WORKLOAD_2 =
            "GuardDuty finding naming a remote IPv4 on an instance in tier workload, severity >= 2.0";
    private static final String BLOCK_WORKLOAD_4 =
            "GuardDuty finding naming a remote IPv4 on an instance in tier workload, severity >= 4.0";

    /**
     * A rule's pattern with each subnet id token ({@code {"Ref": "<logical id>"}}) replaced by the logical id
     * itself, so that a test event can name "the subnet" literally.
     */
    private static String literalPattern(final String description) throws Exception {
        return literalRefs(Samples.JSON.readTree(Samples.pattern(rules, description))).toString();
    }

    private static JsonNode literalRefs(final JsonNode node) {
        if (node.isObject() && node.size() == 1 && node.has("Ref")) {
            return TextNode.valueOf(node.get("Ref").asText());
        }
        if (node.isObject()) {
            ObjectNode copy = Samples.JSON.createObjectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), literalRefs(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = Samples.JSON.createArrayNode();
            node.forEach(n -> copy.add(literalRefs(n)));
            return copy;
        }
        return node;
    }

    /** The subnets (logical ids) the tier's rule names. */
    private static List<String> subnetsOf(final String description) throws Exception {
        List<String> ids = new ArrayList<>();
        Samples.JSON.readTree(literalPattern(description))
                .at("/detail/resource/instanceDetails/networkInterfaces/subnetId")
                .forEach(n -> ids.add(n.asText()));
        return ids;
    }

    /** The published SSH brute-force finding, its instance placed in the given subnet (as published it names none). */
    private static String bruteForceIn(final String subnetId) throws Exception {
        ObjectNode event = (ObjectNode) Samples.JSON.readTree(Samples.event("guardduty-finding-ec2-ssh-bruteforce"));
        ((ObjectNode) event.at("/detail/resource/instanceDetails/networkInterfaces/0")).put("subnetId", subnetId);
        return event.toString();
    }

    /**
     * A threat-intelligence finding on an instance in the given subnet: the published SSH brute-force finding (the
     * network-connection shape the IP-based C&amp;C finding shares) with the type {@code Backdoor:EC2/C&CActivity.B}.
     */
    private static String threatIn(final String subnetId) throws Exception {
        ObjectNode event = (ObjectNode) Samples.JSON.readTree(bruteForceIn(subnetId));
        ((ObjectNode) event.get("detail")).put("type", "Backdoor:EC2/C&CActivity.B");
        return event.toString();
    }

    private static boolean blockFires(final String description, final String event) throws Exception {
        return Ruler.matchesRule(event, literalPattern(description));
    }

    @Test
    void ipBlockingFiresOnAFindingWithARemoteIpOnAnInstanceOfTheTier() throws Exception {
        List<String> workload = subnetsOf(BLOCK_WORKLOAD_2);
        assertEquals(3, workload.size(), "one subnet per AZ: " + workload);
        for (String subnet : workload) {
            assertTrue(blockFires(BLOCK_WORKLOAD_2, threatIn(subnet)), subnet);
        }
    }

    @Test
    void ipBlockingIgnoresAnInstanceInAnotherTiersSubnetOrNone() throws Exception {
        String endpointsSubnet = subnetsOf(
                "GuardDuty finding naming a remote IPv4 on an instance in tier endpoints, severity >= 2.0").get(0);
        assertFalse(subnetsOf(BLOCK_WORKLOAD_2).contains(endpointsSubnet));
        assertFalse(blockFires(BLOCK_WORKLOAD_2, threatIn(endpointsSubnet)));
        assertFalse(blockFires(BLOCK_WORKLOAD_2, Samples.event("guardduty-finding-ec2-ssh-bruteforce")),
                "as published: the placeholder subnet 'Replace with valid SubnetID'");
    }

    @Test
    void ipBlockingIgnoresFindingsBelowTheThreshold() throws Exception {
        String subnet = subnetsOf(BLOCK_WORKLOAD_4).get(0);
        assertFalse(blockFires(BLOCK_WORKLOAD_4, threatIn(subnet)), "severity 2 under the default 4");
    }

    @Test
    void ipBlockingIgnoresFindingsWithoutARemoteIpOrNotOnAnInstanceOrArchived() throws Exception {
        String subnet = subnetsOf(BLOCK_WORKLOAD_2).get(0);
        ObjectNode dns = (ObjectNode) Samples.JSON.readTree(Samples.event("guardduty-finding-backdoor-cc-dns"));
        ObjectNode nic = ((ObjectNode) dns.at("/detail/resource/instanceDetails")).putArray("networkInterfaces")
                .addObject();
        nic.put("subnetId", subnet);
        assertFalse(blockFires(BLOCK_WORKLOAD_2, dns.toString()), "DNS_REQUEST: no remote IP, even in the subnet");
        ObjectNode accessKey = (ObjectNode) Samples.JSON.readTree(
                Samples.event("guardduty-finding-iam-accesskey-with-instancedetails"));
        ((ObjectNode) accessKey.at("/detail/resource/instanceDetails/networkInterfaces/0")).put("subnetId", subnet);
        ((ObjectNode) accessKey.at("/detail/service")).put("archived", false);
        assertFalse(blockFires(BLOCK_WORKLOAD_2, accessKey.toString()), "AccessKey finding, API-call remote IP");
        ObjectNode archived = (ObjectNode) Samples.JSON.readTree(threatIn(subnet));
        ((ObjectNode) archived.at("/detail/service")).put("archived", true);
        assertFalse(blockFires(BLOCK_WORKLOAD_2, archived.toString()));
    }

    /**
     * Port probes and brute force name whoever sent the packets, an address an attacker can choose or spoof: they
     * alert (other rules) but never block, even with a remote IPv4 on an instance of the tier (BP-NET-5).
     */
    @Test
    void ipBlockingIgnoresPortProbeAndBruteForceFindings() throws Exception {
        String subnet = subnetsOf(BLOCK_WORKLOAD_2).get(0);
        ObjectNode probe = (ObjectNode) Samples.JSON.readTree(Samples.event("guardduty-finding-ec2-portprobe"));
        ((ObjectNode) probe.at("/detail/resource/instanceDetails/networkInterfaces/0")).put("subnetId", subnet);
        assertEquals("Recon:EC2/PortProbeUnprotectedPort", probe.at("/detail/type").asText());
        assertFalse(blockFires(BLOCK_WORKLOAD_2, probe.toString()), "port probe");
        assertFalse(blockFires(BLOCK_WORKLOAD_2, bruteForceIn(subnet)), "SSH brute force");
        assertTrue(blockFires(BLOCK_WORKLOAD_2, threatIn(subnet)), "the same finding as C&C activity fires");
    }

    /**
     * AWS's published "EC2 Automation Execution Status-change Notification" example (Systems Manager User Guide,
     * "Amazon EventBridge event examples for Systems Manager", awsdocs/aws-systems-manager-user-guide
     * doc_source/monitoring-systems-manager-event-examples.md @ 45898c4dc8cbfb8125513a9373695c05511e670c), with
     * Definition and Status set by the test.
     */
    private static String automationStatus(final String definition, final String status) {
        return "{\"version\":\"0\",\"id\":\"d290ece9-1088-4383-9df6-cd5b4ac42b99\","
                + "\"detail-type\":\"EC2 Automation Execution Status-change Notification\",\"source\":\"aws.ssm\","
                + "\"account\":\"123456789012\",\"time\":\"2016-11-29T19:43:35Z\",\"region\":\"us-east-1\","
                + "\"resources\":[\"arn:aws:ssm:us-east-1:123456789012:automation-execution/"
                + "333ba70b-2333-48db-b17e-a5e69c6f4d1c\",\"arn:aws:ssm:us-east-1:123456789012:automation-definition/"
                + "runcommand1:1\"],\"detail\":{\"ExecutionId\":\"333ba70b-2333-48db-b17e-a5e69c6f4d1c\","
                + "\"Definition\":\"" + definition + "\",\"DefinitionVersion\":1.0,\"Status\":\"" + status + "\","
                + "\"StartTime\":\"Nov 29, 2016 7:43:20 PM\",\"EndTime\":\"Nov 29, 2016 7:43:26 PM\","
                + "\"Time\":5753.0,\"ExecutedBy\":\"arn:aws:iam::123456789012:user/userName\"}}";
    }

    @Test
    void ipBlockingFailureAlertFiresOnlyOnItsOwnDocumentNotSucceeding() throws Exception {
        String description = "Malicious-IP blocking automation of Test/Network failed";
        List<Object> patterns = rules.values().stream().map(r -> (Map<?, ?>) r.get("Properties"))
                .filter(p -> description.equals(p.get("Description"))).map(p -> (Object) p.get("EventPattern")).toList();
        assertEquals(2, patterns.size(), "one per MaliciousIpBlocking");
        String pattern = literalRefs(Samples.JSON.valueToTree(patterns.get(0))).toString();
        String document = Samples.JSON.readTree(pattern).at("/detail/Definition/0").asText();
        assertTrue(Ruler.matchesRule(automationStatus(document, "Failed"), pattern));
        assertTrue(Ruler.matchesRule(automationStatus(document, "TimedOut"), pattern));
        assertFalse(Ruler.matchesRule(automationStatus(document, "Success"), pattern));
        assertFalse(Ruler.matchesRule(automationStatus("runcommand1", "Failed"), pattern), "another document");
    }

    private static final String ISOLATE_4 = "GuardDuty finding on an EC2 instance, severity >= 4.0";
    private static final String ISOLATE_7 = "GuardDuty finding on an EC2 instance, severity >= 7.0";

    /** The VPC (logical id) the isolation rule names. */
    private static String vpcOf(final String description) throws Exception {
        return Samples.JSON.readTree(literalPattern(description))
                .at("/detail/resource/instanceDetails/networkInterfaces/vpcId/0").asText();
    }

    /** A published finding, its instance given one network interface in the given VPC (as published it has none). */
    private static String instanceIn(final String sample, final String vpcId) throws Exception {
        ObjectNode event = (ObjectNode) Samples.JSON.readTree(Samples.event(sample));
        JsonNode found = event.at("/detail/resource/instanceDetails");
        if (!(found instanceof ObjectNode details)) {
            return event.toString();
        }
        ArrayNode interfaces = Samples.JSON.createArrayNode();
        interfaces.addObject().put("vpcId", vpcId).put("subnetId", "subnet-0123456789abcdef0");
        details.set("networkInterfaces", interfaces);
        return event.toString();
    }

    private static boolean isolationFires(final String description, final String event) throws Exception {
        return Ruler.matchesRule(event, literalPattern(description));
    }

    @Test
    void isolationFiresOnAnInstanceFindingAtOrAboveTheThresholdInItsVpc() throws Exception {
        String vpc = vpcOf(ISOLATE_4);
        assertTrue(vpc.startsWith("Vpc"), vpc);
        assertTrue(isolationFires(ISOLATE_4, instanceIn("guardduty-finding-backdoor-cc-dns", vpc)),
                "severity 5, Instance");
    }

    @Test
    void isolationIgnoresAnInstanceOfAnotherVpc() throws Exception {
        assertFalse(isolationFires(ISOLATE_4, instanceIn("guardduty-finding-backdoor-cc-dns", "vpc-0another0vpc0")));
        assertFalse(isolationFires(ISOLATE_4, Samples.event("guardduty-finding-backdoor-cc-dns")),
                "as published: no network interface, so no VPC");
    }

    @Test
    void isolationIgnoresFindingsBelowTheThreshold() throws Exception {
        String vpc = vpcOf(ISOLATE_4);
        assertFalse(isolationFires(ISOLATE_4, instanceIn("guardduty-finding-ec2-ssh-bruteforce", vpc)), "severity 2");
        assertFalse(isolationFires(ISOLATE_7, instanceIn("guardduty-finding-backdoor-cc-dns", vpc)),
                "severity 5 under the default 7");
    }

    @Test
    void isolationIgnoresAccessKeyFindingsEvenWithInstanceDetails() throws Exception {
        String vpc = vpcOf(ISOLATE_4);
        assertFalse(isolationFires(ISOLATE_4, instanceIn("guardduty-finding-iam-accesskey-with-instancedetails", vpc)));
        assertFalse(isolationFires(ISOLATE_4, instanceIn("guardduty-finding-iam", vpc)));
    }

    private static final String ANY_INSTANCE_4 = "GuardDuty finding on an EC2 instance in any VPC, severity >= 4.0";

    @Test
    void instanceFindingAlertFiresInAnyVpcAndWithoutNetworkInterfaces() throws Exception {
        assertTrue(fires(ANY_INSTANCE_4, Samples.event("guardduty-finding-backdoor-cc-dns")),
                "as published: severity 5, no network interface");
        assertTrue(fires(ANY_INSTANCE_4, instanceIn("guardduty-finding-backdoor-cc-dns", "vpc-0another0vpc0")));
    }

    @Test
    void instanceFindingAlertIgnoresLowSeverityAndNonInstanceFindings() throws Exception {
        assertFalse(fires(ANY_INSTANCE_4, Samples.event("guardduty-finding-ec2-ssh-bruteforce")), "severity 2");
        assertFalse(fires(ANY_INSTANCE_4, Samples.event("guardduty-finding-iam-accesskey-with-instancedetails")));
        assertFalse(fires(ANY_INSTANCE_4, Samples.event("guardduty-finding-iam")));
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

    private static final String MODIFIED = "Security-group rule modified to be open to the world on [22, 3389]";

    /** A range of /8 or wider fires (the script then judges it as an address set); a /9 or narrower does not. */
    @Test
    void revocationFiresOnEveryPrefixOfSlash8OrWiderAndNotOnNarrowerOnes() throws Exception {
        for (String cidr : List.of("0.0.0.0/1", "128.0.0.0/1", "52.0.0.0/8", "10.0.0.0/8", "0.0.0.0/0")) {
            ObjectNode authorize = Samples.record("authorize-sg-ingress");
            ((ObjectNode) authorize.at("/requestParameters/ipPermissions/items/0/ipRanges/items/0")).put("cidrIp", cidr);
            assertTrue(fires("Security-group ingress opened to the world on [22, 3389]",
                    Samples.viaEventBridge(authorize)), cidr);
            ObjectNode modify = Samples.record("modify-sg-rules-world-ssh");
            ((ObjectNode) modify.at("/requestParameters/ModifySecurityGroupRulesRequest/SecurityGroupRule/"
                    + "SecurityGroupRule")).put("CidrIpv4", cidr);
            assertTrue(fires(MODIFIED, Samples.viaEventBridge(modify)), cidr);
        }
        for (String cidr : List.of("52.0.0.0/9", "52.0.0.0/11", "52.0.0.0/18", "198.51.100.0/24")) {
            ObjectNode authorize = Samples.record("authorize-sg-ingress");
            ((ObjectNode) authorize.at("/requestParameters/ipPermissions/items/0/ipRanges/items/0")).put("cidrIp", cidr);
            assertFalse(fires("Security-group ingress opened to the world on [22, 3389]",
                    Samples.viaEventBridge(authorize)), cidr);
        }
    }

    @Test
    void revocationFiresOnARuleModifiedToBeOpenToTheWorldOnSsh() throws Exception {
        assertTrue(fires(MODIFIED, Samples.viaEventBridge("modify-sg-rules-world-ssh")));
    }

    @Test
    void revocationFiresOnARuleModifiedToAllTrafficFromTheIpv6World() throws Exception {
        ObjectNode all = Samples.record("modify-sg-rules-world-ssh");
        ObjectNode rule = (ObjectNode) all.at("/requestParameters/ModifySecurityGroupRulesRequest/SecurityGroupRule/"
                + "SecurityGroupRule");
        rule.removeAll();
        rule.put("IpProtocol", "-1").put("CidrIpv6", "::/0");
        assertTrue(fires(MODIFIED, Samples.viaEventBridge(all)));
    }

    @Test
    void revocationIgnoresARuleModifiedToAPrivateRangeOrHttpsAndFailedModifications() throws Exception {
        ObjectNode narrow = Samples.record("modify-sg-rules-world-ssh");
        ((ObjectNode) narrow.at("/requestParameters/ModifySecurityGroupRulesRequest/SecurityGroupRule/SecurityGroupRule"))
                .put("CidrIpv4", "192.168.0.0/16");
        assertFalse(fires(MODIFIED, Samples.viaEventBridge(narrow)));
        ObjectNode https = Samples.record("modify-sg-rules-world-ssh");
        ((ObjectNode) https.at("/requestParameters/ModifySecurityGroupRulesRequest/SecurityGroupRule/SecurityGroupRule"))
                .put("FromPort", 443).put("ToPort", 443);
        assertFalse(fires(MODIFIED, Samples.viaEventBridge(https)));
        ObjectNode failed = Samples.record("modify-sg-rules-world-ssh");
        failed.put("errorCode", "Client.UnauthorizedOperation");
        assertFalse(fires(MODIFIED, Samples.viaEventBridge(failed)));
        assertFalse(fires("Security-group ingress opened to the world on [22, 3389]",
                Samples.viaEventBridge("modify-sg-rules-world-ssh")), "the Authorize rule ignores Modify calls");
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
