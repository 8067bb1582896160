package io.securevpc.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.BlueprintValidationException;
import io.securevpc.ErrorCode;
import io.securevpc.TestStacks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;

/**
 * Alerts reach people and nothing fails silently (BP-MON-4/5): the topic's subscriptions, EventBridge and CloudWatch
 * pinned to this account's rules and alarms, an alarm on the dead-letter queue, a failure alert for every runbook,
 * and the detector and every rule kept when the stack goes.
 */
class AlertDeliveryTest {
    private static Template template;
    private static Stack stack;

    @BeforeAll
    static void synth() {
        stack = TestStacks.regionalStack();
        Vpc vpc = Vpc.Builder.create(stack, "Vpc").maxAzs(1).natGateways(0).build();
        new ThreatDetection(stack, "GuardDuty", null);
        SecurityAlerts alerts = new SecurityAlerts(stack, "Alerts", null,
                List.of(new EmailSubscription("soc@example.com")));
        new InstanceIsolation(stack, "Isolation", InstanceIsolationProps.builder().vpc(vpc).alerts(alerts).build());
        new TamperResponse(stack, "Tamper", alerts, "arn:aws:cloudtrail:eu-west-1:111111111111:trail/audit", true,
                false);
        new PublicIngressRevocation(stack, "WorldOpenIngress", alerts, null, null, false);
        new InstanceFindingAlerts(stack, "InstanceFindings", alerts, 4.0);
        new RunbookFailureAlerts(stack, "ConfigRemediationFailures", alerts,
                List.of("AWS-DisablePublicAccessForSecurityGroup", "AWSConfigRemediation-DisableSubnetAutoAssignPublicIP"));
        template = Template.fromStack(stack);
    }

    @Test
    void theTopicHasTheSubscriptionsGiven() {
        template.hasResourceProperties("AWS::SNS::Subscription", Map.of("Protocol", "email",
                "Endpoint", "soc@example.com",
                "TopicArn", Map.of("Ref", Match.stringLikeRegexp("AlertsTopic.*")),
                "RedrivePolicy", Map.of("deadLetterTargetArn", Map.of("Fn::GetAtt",
                        List.of(Match.stringLikeRegexp("AlertsDeadLetterQueue.*"), "Arn")))));
        template.hasResourceProperties("AWS::KMS::Key", Map.of("KeyPolicy", Map.of("Statement", Match.arrayWith(
                List.of(Match.objectLike(Map.of("Sid", "AllowSnsRedriveOfThisAccountsTopic",
                        "Principal", Map.of("Service", "sns.amazonaws.com"),
                        "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", "111111111111"),
                                "ArnLike", Map.of("aws:SourceArn",
                                        TestStacks.arn(":sns:eu-west-1:111111111111:*"))))))))));
    }

    @Test
    void withoutSubscriptionsTheTopicWarns() {
        Stack other = TestStacks.regionalStack();
        new SecurityAlerts(other, "Alerts", null);
        TestStacks.annotations(other).hasWarning("/Test/Alerts",
                Match.stringLikeRegexp(".*SecurityAlerts has no subscription.*"));
        TestStacks.annotations(stack).hasNoWarning("/Test/Alerts", Match.anyValue());
    }

    @Test
    void onlyRulesAndAlarmsOfThisAccountAndRegionMayPublishAndNoStatementIsUnconditioned() {
        template.hasResourceProperties("AWS::SNS::TopicPolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Sid", "EventBridgeOfThisAccount",
                                "Principal", Map.of("Service", "events.amazonaws.com"), "Action", "sns:Publish",
                                "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", "111111111111"),
                                        "ArnLike", Map.of("aws:SourceArn",
                                                TestStacks.arn(":events:eu-west-1:111111111111:rule/*"))))),
                        Match.objectLike(Map.of("Sid", "CloudWatchAlarmsOfThisAccount",
                                "Principal", Map.of("Service", "cloudwatch.amazonaws.com"), "Action", "sns:Publish",
                                "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", "111111111111"),
                                        "ArnLike", Map.of("aws:SourceArn",
                                                TestStacks.arn(":cloudwatch:eu-west-1:111111111111:alarm:*"))))))))));
        // CDK's SnsTopic target would add an Allow for events.amazonaws.com without any condition.
        int serviceStatements = 0;
        for (Map<String, Object> policy : template.findResources("AWS::SNS::TopicPolicy").values()) {
            Map<?, ?> document = (Map<?, ?>) ((Map<?, ?>) policy.get("Properties")).get("PolicyDocument");
            for (Object o : (List<?>) document.get("Statement")) {
                Map<?, ?> statement = (Map<?, ?>) o;
                if ("Allow".equals(statement.get("Effect"))
                        && ((Map<?, ?>) statement.get("Principal")).containsKey("Service")) {
                    serviceStatements++;
                    Map<?, ?> condition = (Map<?, ?>) statement.get("Condition");
                    assertTrue(condition != null && condition.containsKey("ArnLike")
                            && condition.containsKey("StringEquals"), statement.toString());
                }
            }
        }
        assertEquals(2, serviceStatements);
        template.hasResourceProperties("AWS::KMS::Key", Map.of("KeyPolicy", Map.of("Statement", Match.arrayWith(
                List.of(Match.objectLike(Map.of("Sid", "AllowcloudwatchOfThisAccount",
                        "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", "111111111111"),
                                "ArnLike", Map.of("aws:SourceArn",
                                        TestStacks.arn(":cloudwatch:eu-west-1:111111111111:alarm:*"))))))))));
    }

    @Test
    void anEventInTheDeadLetterQueueAlarmsOnTheTopic() {
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "MetricName", "ApproximateNumberOfMessagesVisible", "Namespace", "AWS/SQS",
                "Dimensions", List.of(Map.of("Name", "QueueName", "Value", Map.of("Fn::GetAtt",
                        List.of(Match.stringLikeRegexp("AlertsDeadLetterQueue.*"), "QueueName")))),
                "Threshold", 1, "ComparisonOperator", "GreaterThanOrEqualToThreshold", "EvaluationPeriods", 1,
                "TreatMissingData", "notBreaching",
                "AlarmActions", List.of(Map.of("Ref", Match.stringLikeRegexp("AlertsTopic.*")))));
    }

    @Test
    void everyRunbookHasAFailureAlert() {
        Map<String, Map<String, Object>> documents = template.findResources("AWS::SSM::Document");
        assertEquals(4, documents.size(), "isolation, start logging, start recorder, revoke ingress");
        for (String document : documents.keySet()) {
            template.hasResourceProperties("AWS::Events::Rule", Map.of(
                    "EventPattern", Map.of("source", List.of("aws.ssm"),
                            "detail-type", List.of("EC2 Automation Execution Status-change Notification"),
                            "detail", Map.of("Definition", List.of(Map.of("Ref", document)),
                                    "Status", List.of("Failed", "TimedOut", "Cancelled"))),
                    "Targets", List.of(Match.objectLike(Map.of("Arn", Map.of("Ref",
                            Match.stringLikeRegexp("AlertsTopic.*")))))));
        }
    }

    @Test
    void failedExecutionsOfRunbooksOwnedElsewhereAlertToo() {
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventPattern", Map.of("source", List.of("aws.ssm"),
                        "detail-type", List.of("EC2 Automation Execution Status-change Notification"),
                        "detail", Map.of("Definition", List.of("AWS-DisablePublicAccessForSecurityGroup",
                                        "AWSConfigRemediation-DisableSubnetAutoAssignPublicIP"),
                                "Status", List.of("Failed", "TimedOut", "Cancelled"))),
                "Targets", List.of(Match.objectLike(Map.of("Arn", Map.of("Ref",
                        Match.stringLikeRegexp("AlertsTopic.*")))))));
    }

    @Test
    void failsOnRunbookFailureAlertsWithoutADocument() {
        Stack other = TestStacks.regionalStack();
        SecurityAlerts alerts = new SecurityAlerts(other, "Alerts", null);
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class,
                () -> new RunbookFailureAlerts(other, "Failures", alerts, List.of()));
        assertEquals(List.of(ErrorCode.REMEDIATION), e.getCodes());
        assertTrue(e.getMessage().contains("documentNames = []: at least one SSM document name, none blank"),
                e.getMessage());
    }

    @Test
    void detectorAndEveryRuleOutliveTheStack() {
        template.hasResource("AWS::GuardDuty::Detector", Map.of("DeletionPolicy", "Retain",
                "UpdateReplacePolicy", "Retain"));
        Map<String, Map<String, Object>> rules = template.findResources("AWS::Events::Rule");
        assertTrue(rules.size() >= 10, "alert, restarts, revocation, findings, isolation and 5 failure rules");
        rules.forEach((id, rule) -> {
            assertEquals("Retain", rule.get("DeletionPolicy"), id);
            assertEquals("Retain", rule.get("UpdateReplacePolicy"), id);
        });
    }
}
