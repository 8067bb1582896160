package io.securevpc.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.AppContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ec2.Vpc;

/**
 * A VPC's remediation in its own stack, reporting to the alerts of another stack (BP-MON-4/5): the reference
 * runs one way, and the alerts stack opens its queue and topic to the account's rules once.
 */
class SecurityAlertsReferenceTest {
    private static final Environment ENV = Environment.builder().account("111111111111").region("eu-west-1").build();
    private static Template alertsTemplate;
    private static Template vpcTemplate;
    private static String alertsJson;
    private static String vpcJson;

    @BeforeAll
    static void synth() {
        App app = AppContext.app();
        Stack detection = new Stack(app, "Detection", StackProps.builder().env(ENV).build());
        SecurityAlerts alerts = new SecurityAlerts(detection, "Alerts", null);
        for (String name : List.of("VpcA", "VpcB")) {
            Stack network = new Stack(app, name, StackProps.builder().env(ENV).build());
            Vpc vpc = Vpc.Builder.create(network, "Vpc").maxAzs(1).natGateways(0).build();
            new InstanceIsolation(network, "Isolation", InstanceIsolationProps.builder().vpc(vpc)
                    .alerts(alerts.referenceFrom(network, "Alerts")).build());
        }
        alertsTemplate = Template.fromStack(detection);
        vpcTemplate = Template.fromStack((Stack) app.getNode().findChild("VpcA"));
        alertsJson = alertsTemplate.toJSON().toString();
        vpcJson = vpcTemplate.toJSON().toString();
    }

    @Test
    void deadLetterQueueAcceptsEveryRuleOfTheAccountAndRegionOnce() {
        Map<String, Object> statement = Map.of(
                "Sid", "EventBridgeRulesOfThisAccount",
                "Effect", "Allow",
                "Principal", Map.of("Service", "events.amazonaws.com"),
                "Action", "sqs:SendMessage",
                "Condition", Map.of("ArnLike", Map.of("aws:SourceArn",
                        "arn:aws:events:eu-west-1:111111111111:rule/*")));
        alertsTemplate.hasResourceProperties("AWS::SQS::QueuePolicy", Map.of("PolicyDocument", Map.of(
                "Statement", Match.arrayWith(List.of(Match.objectLike(statement))))));
        assertEquals(1, alertsJson.split("EventBridgeRulesOfThisAccount", -1).length - 1,
                "two references, one statement");
    }

    @Test
    void topicAcceptsEventBridgeOfThisAccount() {
        alertsTemplate.hasResourceProperties("AWS::SNS::TopicPolicy", Map.of("PolicyDocument", Map.of(
                "Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Sid", "EventBridgeOfThisAccount",
                        "Principal", Map.of("Service", "events.amazonaws.com"),
                        "Action", "sns:Publish",
                        "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", "111111111111")))))))));
    }

    @Test
    void referenceRunsFromTheVpcStackToTheAlertsStackOnly() {
        // CDK 2.263 writes a cross-stack reference as Fn::GetStackOutput (Fn::ImportValue with strong references)
        assertTrue(vpcJson.contains("Fn::GetStackOutput") || vpcJson.contains("Fn::ImportValue"),
                "the VPC's stack refers to the topic and queue");
        assertFalse(alertsJson.contains("Fn::GetStackOutput") || alertsJson.contains("Fn::ImportValue"),
                "the alerts stack refers to no VPC stack");
        vpcTemplate.resourceCountIs("AWS::SNS::Topic", 0);
        vpcTemplate.resourceCountIs("AWS::SQS::Queue", 0);
        vpcTemplate.resourceCountIs("AWS::SQS::QueuePolicy", 0);
        vpcTemplate.hasResourceProperties("AWS::Events::Rule", Map.of("Targets", Match.arrayWith(List.of(
                Match.objectLike(Map.of("DeadLetterConfig", Map.of("Arn",
                        Map.of("Fn::GetStackOutput", Match.objectLike(Map.of("StackName", "Detection"))))))))));
    }
}
