package io.securevpc.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.BlueprintValidationException;
import io.securevpc.ErrorCode;
import io.securevpc.TestStacks;
import io.securevpc.network.BlockListEntry;
import io.securevpc.network.PortRange;
import io.securevpc.network.SecureVpc;
import io.securevpc.network.SecureVpcProps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * MaliciousIpBlocking's resources (BP-NET-5, BP-MON-4/5): one finding rule per tier, the automation document and
 * its role naming every resource exactly, the state parameters, the hourly sweep, the failure alert; alert-only
 * mode; validation. The event patterns are in {@link EventPatternsTest}, the script's behaviour in
 * {@link MaliciousIpBlockingScriptTest}.
 */
class MaliciousIpBlockingTest {
    private static final Object PARTITION = Map.of("Ref", "AWS::Partition");
    private static Template template;
    private static MaliciousIpBlocking blocking;

    @BeforeAll
    static void synth() {
        Stack stack = TestStacks.regionalStack();
        SecureVpc network = new SecureVpc(stack, "Network", null);   // tiers 'workload' and 'endpoints'
        SecurityAlerts alerts = new SecurityAlerts(stack, "Alerts", null);
        blocking = new MaliciousIpBlocking(stack, "Blocking", MaliciousIpBlockingProps.builder()
                .secureVpc(network).alerts(alerts).build());
        template = Template.fromStack(stack);
    }

    private static Object acl(final String tier) {
        return Map.of("Ref", Match.stringLikeRegexp("Network" + tier + "Acl.*"));
    }

    private static Object arn(final String service, final String resource, final Object id, final String suffix) {
        List<Object> parts = new ArrayList<>(List.of("arn:", PARTITION, ":" + service + ":eu-west-1:111111111111:"
                + resource, id));
        if (!suffix.isEmpty()) {
            parts.add(suffix);
        }
        return Map.of("Fn::Join", List.of("", parts));
    }

    private static Object state(final String tier) {
        return Map.of("Ref", Match.stringLikeRegexp("Blocking" + tier + "State.*"));
    }

    @Test
    void protectsEveryTierByDefaultWithOneFindingRuleEach() {
        assertEquals(List.of("workload", "endpoints"), blocking.getTiers());
        template.resourcePropertiesCountIs("AWS::Events::Rule", Map.of("Description",
                Match.stringLikeRegexp("GuardDuty finding naming a remote IPv4 on an instance in tier .*")), 2);
    }

    @Test
    void automationRoleNamesEachNaclParameterTopicAndKeyExactly() {
        template.hasResourceProperties("AWS::IAM::ManagedPolicy", Map.of("PolicyDocument", Map.of("Statement", List.of(
                Map.of("Effect", "Allow", "Action", List.of("ec2:CreateNetworkAclEntry", "ec2:DeleteNetworkAclEntry"),
                        "Resource", List.of(arn("ec2", "network-acl/", acl("workload"), ""),
                                arn("ec2", "network-acl/", acl("endpoints"), ""))),
                Map.of("Effect", "Allow", "Action", List.of("ssm:GetParameter", "ssm:PutParameter"),
                        "Resource", List.of(arn("ssm", "parameter/", state("workload"), ""),
                                arn("ssm", "parameter/", state("endpoints"), ""),
                                arn("ssm", "parameter/", state("workload"), "-lock"),
                                arn("ssm", "parameter/", state("endpoints"), "-lock"))),
                Map.of("Effect", "Allow", "Action", "ssm:DeleteParameter",
                        "Resource", List.of(arn("ssm", "parameter/", state("workload"), "-lock"),
                                arn("ssm", "parameter/", state("endpoints"), "-lock"))),
                Map.of("Effect", "Allow", "Action", "sns:Publish",
                        "Resource", Map.of("Ref", Match.stringLikeRegexp("AlertsTopic.*"))),
                Map.of("Effect", "Allow", "Action", List.of("kms:GenerateDataKey", "kms:Decrypt"),
                        "Resource", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("AlertsKey.*"), "Arn")))))));
    }

    @Test
    void noPolicyOfTheConstructHasAWildcardResource() {
        Map<String, Map<String, Object>> policies = template.findResources("AWS::IAM::ManagedPolicy");
        List<String> ours = policies.keySet().stream().filter(id -> id.startsWith("Blocking")).toList();
        assertEquals(2, ours.size(), "the automation's policy and EventBridge's one policy: " + ours);
        for (String id : ours) {
            String statements = String.valueOf(((Map<?, ?>) ((Map<?, ?>) policies.get(id).get("Properties"))
                    .get("PolicyDocument")).get("Statement"));
            assertFalse(statements.contains("*"), id + ": " + statements);
        }
        template.resourcePropertiesCountIs("AWS::IAM::Role", Map.of("Description",
                "Lets EventBridge start one automation document"), 1);
    }

    @Test
    void eachTierHasAStateParameterThatStartsEmpty() {
        template.resourcePropertiesCountIs("AWS::SSM::Parameter", Map.of("Type", "String", "Value", "{}"), 2);
    }

    /** The tier NACL's entries in the template, per direction, as the script's reserve counts them. */
    private static Map<String, Object> entriesIn(final Template t, final String tier) {
        int[] counts = new int[2];
        t.findResources("AWS::EC2::NetworkAclEntry").values().forEach(r -> {
            Map<?, ?> p = (Map<?, ?>) r.get("Properties");
            if (String.valueOf(p.get("NetworkAclId")).matches("\\{Ref=Network" + tier + "Acl.*\\}")) {
                counts[Boolean.TRUE.equals(p.get("Egress")) ? 1 : 0]++;
            }
        });
        assertTrue(counts[0] > 0 && counts[1] > 0, tier + ": " + counts[0] + "/" + counts[1]);
        return Map.of("inbound", counts[0], "outbound", counts[1]);
    }

    @Test
    void documentRunsThePackagedScriptWithEachTiersNaclAndTheReservedRange() {
        Object tiers = Map.of(
                "workload", Map.of("networkAclId", acl("workload"), "stateParameter", state("workload"),
                        "reservedRuleNumbers", List.of(), "blueprintEntries", entriesIn(template, "workload")),
                "endpoints", Map.of("networkAclId", acl("endpoints"), "stateParameter", state("endpoints"),
                        "reservedRuleNumbers", List.of(), "blueprintEntries", entriesIn(template, "endpoints")));
        Object config = Map.of("blockSeconds", 86400, "ruleFirst", 1, "ruleLast", 99,
                "topicArn", Map.of("Ref", Match.stringLikeRegexp("AlertsTopic.*")),
                "protectedCidrs", List.of("10.0.0.0/16"), "findingTypes", ThreatIntelFindings.TYPES,
                "entryQuota", 20, "entryReserve", 4, "tiers", tiers);
        Object payload = Match.objectLike(Map.of("action", "{{ Action }}", "tier", "{{ Tier }}", "ip", "{{ RemoteIp }}",
                "executionId", "{{ automation:EXECUTION_ID }}", "config", config));
        Object step = Match.objectLike(Map.of("name", "BlockOrLift", "action", "aws:executeScript", "maxAttempts", 1,
                "timeoutSeconds", 300, "inputs", Map.of("Runtime", "python3.11", "Handler", "handler",
                        "Script", MaliciousIpBlocking.script(), "InputPayload", payload)));
        Object parameters = Match.objectLike(Map.of(
                "Action", Match.objectLike(Map.of("allowedValues", List.of("Block", "Sweep", "Unblock"))),
                "Tier", Match.objectLike(Map.of("allowedPattern", "^(workload|endpoints)?$"))));
        template.hasResourceProperties("AWS::SSM::Document", Map.of("DocumentType", "Automation",
                "Content", Match.objectLike(Map.of("mainSteps", List.of(step), "parameters", parameters))));
    }

    @Test
    void findingRuleMatchesThreatIntelligenceTypesOnly() {
        assertEquals(List.of("Backdoor:EC2/C&CActivity.B", "CryptoCurrency:EC2/BitcoinTool.B",
                "Trojan:EC2/BlackholeTraffic", "Trojan:EC2/DropPoint", "UnauthorizedAccess:EC2/MaliciousIPCaller.Custom",
                "UnauthorizedAccess:EC2/TorClient", "UnauthorizedAccess:EC2/TorIPCaller",
                "UnauthorizedAccess:EC2/TorRelay"), ThreatIntelFindings.TYPES);
        template.resourcePropertiesCountIs("AWS::Events::Rule", Map.of(
                "Description", Match.stringLikeRegexp("GuardDuty finding naming a remote IPv4 on an instance in tier .*"),
                "EventPattern", Match.objectLike(Map.of("detail", Match.objectLike(Map.of(
                        "type", ThreatIntelFindings.TYPES))))), 2);
    }

    /** The NACL's own entries are counted at synth: entries SecureVpc adds after the construct count too. */
    @Test
    void entriesAddedAfterTheConstructAreCountedForTheReserve() {
        Stack stack = TestStacks.regionalStack();
        SecureVpc network = new SecureVpc(stack, "Network", null);
        SecurityAlerts alerts = new SecurityAlerts(stack, "Alerts", null);
        new MaliciousIpBlocking(stack, "Blocking", MaliciousIpBlockingProps.builder().secureVpc(network).alerts(alerts)
                .build());
        Map<String, Object> before = entriesIn(template, "workload");
        network.allowExternalTraffic("workload", List.of("172.16.0.0/16"), List.of(PortRange.tcp(443)), List.of());
        Template after = Template.fromStack(stack);
        Map<String, Object> counted = entriesIn(after, "workload");
        assertTrue((Integer) counted.get("inbound") + (Integer) counted.get("outbound")
                > (Integer) before.get("inbound") + (Integer) before.get("outbound"), before + " -> " + counted);
        after.hasResourceProperties("AWS::SSM::Document", Map.of("Content", Match.objectLike(Map.of(
                "mainSteps", List.of(Match.objectLike(Map.of("inputs", Match.objectLike(Map.of("InputPayload",
                        Match.objectLike(Map.of("config", Match.objectLike(Map.of("tiers", Match.objectLike(Map.of(
                                "workload", Match.objectLike(Map.of("blueprintEntries", counted)))))))))))))))));
    }

    @Test
    void allowListAndEntryReserveReachTheScriptAndAreValidated() {
        Stack stack = TestStacks.regionalStack();
        SecureVpc network = new SecureVpc(stack, "Network", null);
        SecurityAlerts alerts = new SecurityAlerts(stack, "Alerts", null);
        new MaliciousIpBlocking(stack, "Blocking", MaliciousIpBlockingProps.builder().secureVpc(network).alerts(alerts)
                .allowList(List.of("10.30.0.0/16", "198.51.100.0/24", "203.0.113.9/32")).reservedNaclEntries(6)
                .build());
        Template.fromStack(stack).hasResourceProperties("AWS::SSM::Document", Map.of("Content", Match.objectLike(Map.of(
                "mainSteps", List.of(Match.objectLike(Map.of("inputs", Match.objectLike(Map.of("InputPayload",
                        Match.objectLike(Map.of("config", Match.objectLike(Map.of(
                                "protectedCidrs", List.of("10.0.0.0/16", "10.30.0.0/16", "198.51.100.0/24",
                                        "203.0.113.9/32"),
                                "entryReserve", 6)))))))))))));
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () ->
                new MaliciousIpBlocking(stack, "Bad", MaliciousIpBlockingProps.builder().secureVpc(network)
                        .alerts(alerts).allowList(List.of("198.51.100.0/24", "2001:db8::/32", "on-premises"))
                        .reservedNaclEntries(20).build()));
        assertEquals(List.of(ErrorCode.INVALID_CIDR, ErrorCode.INVALID_CIDR, ErrorCode.REMEDIATION), e.getCodes());
        assertEquals("Invalid configuration of MaliciousIpBlocking Test/Bad (3 problems):\n"
                + "  - [SVPC-001] allowList[1] = '2001:db8::/32': an IPv4 CIDR such as 203.0.113.0/24 (an address "
                + "never blocked)\n"
                + "  - [SVPC-001] allowList[2] = 'on-premises': an IPv4 CIDR such as 203.0.113.0/24 (an address never "
                + "blocked)\n"
                + "  - [SVPC-022] reservedNaclEntries = 20: 0 to 19 free entries per direction of each NACL",
                e.getMessage());
    }

    @Test
    void findingRuleStartsTheDocumentWithItsTierAndTheFindingsAddress() {
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "Description", "GuardDuty finding naming a remote IPv4 on an instance in tier workload, severity >= 4.0",
                "Targets", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "RetryPolicy", Map.of("MaximumRetryAttempts", 4, "MaximumEventAgeInSeconds", 3600),
                        "InputTransformer", Match.objectLike(Map.of(
                                "InputPathsMap", Match.objectLike(Map.of(
                                        "detail-service-action-networkConnectionAction-remoteIpDetails-ipAddressV4",
                                        "$.detail.service.action.networkConnectionAction.remoteIpDetails.ipAddressV4")),
                                "InputTemplate", Map.of("Fn::Join", List.of("", Match.arrayWith(List.of(
                                        "{\"Action\":[\"Block\"],\"FindingType\":[<detail-type>],"
                                                + "\"InstanceId\":[<detail-resource-instanceDetails-instanceId>],"
                                                + "\"RemoteIp\":[<detail-service-action-networkConnectionAction-"
                                                + "remoteIpDetails-ipAddressV4>],\"Tier\":[\"workload\"],"
                                                + "\"AutomationAssumeRole\":[\""))))))))))));
    }

    @Test
    void notificationSaysWhatHappensToTheAddress() {
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "Description", "GuardDuty finding naming a remote IPv4 on an instance in tier endpoints, severity >= 4.0",
                "Targets", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Arn", Map.of("Ref", Match.stringLikeRegexp("AlertsTopic.*")),
                        "InputTransformer", Match.objectLike(Map.of("InputTemplate", Match.stringLikeRegexp(
                                ".*on instance <detail-resource-instanceDetails-instanceId> in tier 'endpoints' of "
                                        + "Test/Network: remote IP <detail-service-action-networkConnectionAction-"
                                        + "remoteIpDetails-ipAddressV4>.*\\[blocking it in the tier's network ACL for "
                                        + "24 hours; the outcome follows\\].*")))))))));
    }

    @Test
    void expiredBlocksAreLiftedEveryHour() {
        template.hasResourceProperties("AWS::Events::Rule", Map.of("ScheduleExpression", "rate(1 hour)",
                "Targets", List.of(Match.objectLike(Map.of("Input", Map.of("Fn::Join", List.of("", Match.arrayWith(
                        List.of("{\"Action\":[\"Sweep\"],\"AutomationAssumeRole\":[\"")))))))));
    }

    @Test
    void aFailedExecutionOfTheDocumentRaisesAnAlert() {
        template.hasResourceProperties("AWS::Events::Rule", Map.of("EventPattern", Map.of(
                "source", List.of("aws.ssm"),
                "detail-type", List.of("EC2 Automation Execution Status-change Notification"),
                "detail", Map.of(
                        "Definition", List.of(Map.of("Ref", Match.stringLikeRegexp("BlockingRunbookDocument.*"))),
                        "Status", List.of("Failed", "TimedOut", "Cancelled"))),
                "Targets", List.of(Match.objectLike(Map.of(
                        "Arn", Map.of("Ref", Match.stringLikeRegexp("AlertsTopic.*")))))));
    }

    @Test
    void alertOnlyNotifiesButCreatesNoRoleDocumentParameterOrScheduleAndWarns() {
        Stack stack = TestStacks.regionalStack();
        SecureVpc network = new SecureVpc(stack, "Network", null);
        SecurityAlerts alerts = new SecurityAlerts(stack, "Alerts", null);
        MaliciousIpBlocking dryRun = new MaliciousIpBlocking(stack, "Blocking", MaliciousIpBlockingProps.builder()
                .secureVpc(network).alerts(alerts).tiers(List.of("workload")).alertOnly(true).build());
        Template t = Template.fromStack(stack);
        t.resourceCountIs("AWS::SSM::Document", 0);
        t.resourceCountIs("AWS::SSM::Parameter", 0);
        assertTrue(t.findResources("AWS::IAM::Role").keySet().stream().noneMatch(id -> id.startsWith("Blocking")));
        t.resourcePropertiesCountIs("AWS::Events::Rule", Map.of("ScheduleExpression", Match.anyValue()), 0);
        t.hasResourceProperties("AWS::Events::Rule", Map.of("Targets", List.of(Match.objectLike(Map.of(
                "Arn", Map.of("Ref", Match.stringLikeRegexp("AlertsTopic.*")),
                "InputTransformer", Match.objectLike(Map.of("InputTemplate",
                        Match.stringLikeRegexp(".*\\[alert only: not blocked\\].*"))))))));
        assertNull(dryRun.getRunbook());
        Annotations.fromStack(stack).hasWarning("/Test/Blocking",
                Match.stringLikeRegexp("MaliciousIpBlocking is alert-only.*"));
    }

    @Test
    void failsOnUnknownDuplicateOrNoTiersAndOutOfRangeSeverityAndDuration() {
        Stack stack = TestStacks.regionalStack();
        SecureVpc network = new SecureVpc(stack, "Network", null);
        SecurityAlerts alerts = new SecurityAlerts(stack, "Alerts", null);
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () ->
                new MaliciousIpBlocking(stack, "Blocking", MaliciousIpBlockingProps.builder().secureVpc(network)
                        .alerts(alerts).tiers(List.of("workload", "web", "workload")).severityThreshold(0.5)
                        .blockDuration(Duration.minutes(30)).build()));
        assertEquals(List.of(ErrorCode.TIER, ErrorCode.TIER, ErrorCode.REMEDIATION, ErrorCode.REMEDIATION),
                e.getCodes());
        assertEquals("Invalid configuration of MaliciousIpBlocking Test/Blocking (4 problems):\n"
                + "  - [SVPC-007] tiers[1] = 'web': a tier of the network that is not reserved: workload, endpoints\n"
                + "  - [SVPC-007] tiers[2] = 'workload': each tier once\n"
                + "  - [SVPC-022] severityThreshold = 0.5: a GuardDuty severity from 1 to 10 (4 = medium, 7 = high)\n"
                + "  - [SVPC-022] blockDuration = '30 minutes': from 1 hour (expired blocks are lifted every hour) "
                + "to 30 days (block an address for longer through SecureVpc's blockList)", e.getMessage());
        BlueprintValidationException none = assertThrows(BlueprintValidationException.class, () ->
                new MaliciousIpBlocking(stack, "NoTiers", MaliciousIpBlockingProps.builder().secureVpc(network)
                        .alerts(alerts).tiers(List.of()).blockDuration(Duration.days(31)).build()));
        assertTrue(none.getMessage().contains(
                "[SVPC-007] tiers = '[]': at least one tier; leave unset to protect every tier (workload, endpoints)"),
                none.getMessage());
        assertTrue(none.getMessage().contains("[SVPC-022] blockDuration = '31 days': from 1 hour"), none.getMessage());
    }

    @Test
    void theBlueprintsOwnRuleNumbersAreKnownPerTierAndNoneIsInTheRangeLeftForRemediation() {
        Stack stack = TestStacks.regionalStack();
        SecureVpc network = new SecureVpc(stack, "Network", SecureVpcProps.builder()
                .blockList(List.of(BlockListEntry.cidr("192.0.2.0/24", "hostile"))).build());
        assertTrue(network.naclRuleNumbers("workload").contains(100), "block list");
        assertTrue(network.naclRuleNumbers("workload").contains(1000), "first allow");
        assertTrue(network.naclRuleNumbers("endpoints").first() >= 100, network.naclRuleNumbers("endpoints").toString());
        SortedSet<Integer> before = network.naclRuleNumbers("workload");
        network.allowExternalTraffic("workload", List.of("172.16.0.0/16"), List.of(PortRange.tcp(443)), List.of());
        SortedSet<Integer> after = network.naclRuleNumbers("workload");
        assertTrue(after.containsAll(before) && after.size() > before.size(), before + " -> " + after);
    }
}
