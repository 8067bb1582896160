package io.securevpc.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.AppContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The shipped app wires the monitoring guardrails (BP-MON-3/4/5, BP-AUD-1/2): every network stack's operator roles
 * carry the deny policy, the detection and network stacks tag their resources with the component tag the denies
 * are scoped by, and the detection stack alerts on every call the denies name. Built without the gate.
 */
class MonitoringGuardrailsAppTest {
    private static BlueprintApp.Result result;

    @BeforeAll
    static void build() {
        App app = AppContext.app();
        result = BlueprintApp.buildStacks(app);
    }

    @Test
    void everyOperatorRoleOfEveryNetworkStackCarriesTheMonitoringDenies() {
        for (NetworkStack stack : result.stacks()) {
            Template template = Template.fromStack(stack);
            Map<String, Map<String, Object>> policies = template.findResources("AWS::IAM::ManagedPolicy",
                    Map.of("Properties", Map.of("PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(
                            Match.objectLike(Map.of("Sid", "ProtectTaggedMonitoring", "Effect", "Deny",
                                    "Condition", Map.of("Null", Map.of("aws:ResourceTag/blueprint:component", "false"),
                                            "ArnNotLike", Map.of("aws:PrincipalArn",
                                                    "arn:aws:iam::*:role/cdk-*-cfn-exec-role-*"))))))))));
            assertEquals(1, policies.size(), stack.getStackName());
            List<?> roles = (List<?>) ((Map<?, ?>) policies.values().iterator().next().get("Properties")).get("Roles");
            assertEquals(4, roles.size(), "the four operator roles of " + stack.getStackName());
            String stacks = policies.values().iterator().next().toString();
            assertTrue(stacks.contains("Sid=ProtectTheStacks") && stacks.contains(":stack/SecureVpc-Audit-eu-west-1/*")
                    && stacks.contains(":stack/SecureVpc-Detection-eu-west-1/*"), stacks);
            template.hasResourceProperties("AWS::EC2::VPC", Match.objectLike(Map.of("Tags",
                    Match.arrayWith(List.of(Map.of("Key", "blueprint:component", "Value", "network"))))));
        }
    }

    @Test
    void theDetectionStackAlertsOnEveryServiceTheDeniesNameAndTagsItsResources() {
        Template detection = Template.fromStack(result.detectionStacks().get(0));
        for (String source : List.of("aws.events", "aws.monitoring", "aws.logs", "aws.sns", "aws.ssm",
                "aws.guardduty", "aws.config", "aws.s3", "aws.kms", "aws.cloudformation")) {
            detection.hasResourceProperties("AWS::Events::Rule", Map.of("EventPattern", Match.objectLike(Map.of(
                    "source", List.of(source), "detail-type", List.of("AWS API Call via CloudTrail"))),
                    "Targets", List.of(Match.objectLike(Map.of("Arn", Map.of("Ref", Match.stringLikeRegexp(
                            "^AlertsTopic")))))));
        }
        detection.hasResourceProperties("AWS::SNS::Topic", Match.objectLike(Map.of("Tags",
                Match.arrayWith(List.of(Map.of("Key", "blueprint:component", "Value", "detection"))))));
    }
}
