package io.securevpc.nag.rules.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.securevpc.TestStacks;
import io.securevpc.nag.PackFindings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.CfnAlarm;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.SnsTopic;
import software.amazon.awscdk.services.sns.CfnSubscription;
import software.amazon.awscdk.services.sns.CfnTopic;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;

/** AlertTopicSubscribed (BP-MON-3/5): a topic that alarms or event rules notify has a subscriber. One stack. */
class AlertTopicSubscribedTest {
    private static final String RULE = "AlertTopicSubscribed";
    private static final String ID = "BlueprintChecks-" + RULE;
    private static PackFindings findings;

    @BeforeAll
    static void check() {
        Stack stack = TestStacks.regionalStack();
        Metric metric = Metric.Builder.create().namespace("Test").metricName("Changes").build();
        // L1: an alarm notifying a topic nobody subscribed to
        CfnTopic l1 = CfnTopic.Builder.create(stack, "L1Topic").build();
        CfnAlarm.Builder.create(stack, "L1Alarm").namespace("Test").metricName("Changes").statistic("Sum").period(300)
                .evaluationPeriods(1).threshold(1).comparisonOperator("GreaterThanOrEqualToThreshold")
                .alarmActions(List.of(l1.getRef())).build();
        // L2: an EventBridge rule notifying a topic nobody subscribed to
        Topic l2 = Topic.Builder.create(stack, "L2Topic").build();
        Rule.Builder.create(stack, "L2Rule").eventPattern(EventPattern.builder().source(List.of("aws.ec2")).build())
                .targets(List.of(new SnsTopic(l2))).build();
        // compliant: subscribed by an L2 subscription, and by an L1 subscription
        Topic subscribed = Topic.Builder.create(stack, "Subscribed").build();
        subscribed.addSubscription(new EmailSubscription("security@example.com"));
        Alarm.Builder.create(stack, "Alarm").metric(metric).threshold(1).evaluationPeriods(1).build()
                .addAlarmAction(new SnsAction(subscribed));
        CfnTopic l1Subscribed = CfnTopic.Builder.create(stack, "L1Subscribed").build();
        CfnSubscription.Builder.create(stack, "L1Subscription").topicArn(l1Subscribed.getRef()).protocol("email")
                .endpoint("security@example.com").build();
        Rule.Builder.create(stack, "Rule").eventPattern(EventPattern.builder().source(List.of("aws.ec2")).build())
                .targets(List.of(new SnsTopic(Topic.fromTopicArn(stack, "Imported", l1Subscribed.getRef())))).build();
        // not an alert topic: nothing notifies it
        Topic.Builder.create(stack, "Unused").build();
        findings = PackFindings.checkOnly(stack, AlertTopicSubscribed.class);
    }

    @Test
    void warnsOnAnL1TopicThatAnAlarmNotifiesAndNobodyReads() {
        assertEquals(List.of(ID), findings.at("Test/L1Topic", RULE));
        assertEquals("warning", findings.severity(ID));
    }

    @Test
    void warnsOnAnL2TopicThatAnEventRuleNotifiesAndNobodyReads() {
        assertEquals(List.of(ID), findings.at("Test/L2Topic/Resource", RULE));
    }

    @Test
    void passesSubscribedTopicsAndTopicsNothingNotifies() {
        assertEquals(Map.of("Test/L1Topic", List.of(ID), "Test/L2Topic/Resource", List.of(ID)), findings.all());
    }
}
