package io.securevpc.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.securevpc.TestStacks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * The input EventBridge passes to a runbook is rendered as one JSON string in the template; its parameters come
 * in name order, so the same app always synthesizes the same template (a Map's order may change between JVMs).
 */
class AutomationRunbookTargetTest {
    @Test
    void targetInputListsParametersInNameOrderThenTheRole() {
        Stack stack = TestStacks.regionalStack();
        SecurityAlerts alerts = new SecurityAlerts(stack, "Alerts", null);
        Map<String, Object> declared = Map.of(
                "Zeta", Map.of("type", "String"), "Alpha", Map.of("type", "String"), "Mu", Map.of("type", "String"),
                "Beta", Map.of("type", "String"), "Omega", Map.of("type", "String"), "Kappa", Map.of("type", "String"));
        AutomationRunbook runbook = new AutomationRunbook(stack, "Runbook", "Test runbook", declared,
                List.of(AutomationRunbook.apiStep("Describe", "ec2", "DescribeVpcs", Map.of(), false)),
                List.of(PolicyStatement.Builder.create().effect(Effect.ALLOW).actions(List.of("ec2:DescribeVpcs"))
                        .resources(List.of("arn:aws:ec2:eu-west-1:111111111111:vpc/vpc-0123456789abcdef0")).build()),
                "not used: no wildcard");
        Rule rule = Rule.Builder.create(stack, "Rule").eventPattern(EventPattern.builder()
                .source(List.of("aws.ec2")).build()).build();
        rule.addTarget(runbook.target(Map.of("Zeta", "z", "Alpha", "a", "Mu", "m", "Beta", "b", "Omega", "o",
                "Kappa", "k"), alerts.getDeadLetterQueue()));

        String input = Template.fromStack(stack).toJSON().toString();
        List<String> keys = new ArrayList<>();
        Matcher k = Pattern.compile("\"([A-Za-z]+)\":\\[").matcher(input.substring(input.indexOf("Input=")));
        while (k.find() && keys.size() < 7) {
            keys.add(k.group(1));
        }
        assertEquals(List.of("Alpha", "Beta", "Kappa", "Mu", "Omega", "Zeta", "AutomationAssumeRole"), keys, input);
    }

    @Test
    void theSharedEventsRoleHasOneIdWhicheverBindOverloadJsiiCalls() {
        // GIVEN two runbooks, one bound as bind(rule) and one as bind(rule, "Target0"): jsii may call either
        // overload for the same JavaScript call, depending on the order reflection lists the methods
        Stack stack = TestStacks.regionalStack();
        SecurityAlerts alerts = new SecurityAlerts(stack, "Alerts", null);
        Rule rule = Rule.Builder.create(stack, "Rule").eventPattern(EventPattern.builder()
                .source(List.of("aws.ec2")).build()).build();
        List<String> roleIds = new ArrayList<>();
        for (String id : List.of("One", "Two")) {
            AutomationRunbook runbook = new AutomationRunbook(stack, id, "Test runbook", Map.of(),
                    List.of(AutomationRunbook.apiStep("Describe", "ec2", "DescribeVpcs", Map.of(), false)),
                    List.of(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                            .actions(List.of("ec2:DescribeVpcs")).resources(List.of(
                                    "arn:aws:ec2:eu-west-1:111111111111:vpc/vpc-0123456789abcdef0")).build()),
                    "not used: no wildcard");
            var target = runbook.target(Map.of(), alerts.getDeadLetterQueue());
            // WHEN each overload binds
            if (id.equals("One")) {
                target.bind(rule);
            } else {
                target.bind(rule, "Target0");
            }
            roleIds.add(runbook.getNode().tryFindChild("EventsRole") == null ? "missing" : "EventsRole");
        }
        // THEN both runbooks' roles (and policies) have the same construct id
        assertEquals(List.of("EventsRole", "EventsRole"), roleIds);
        Template.fromStack(stack).resourceCountIs("AWS::IAM::ManagedPolicy", 4);
    }
}
