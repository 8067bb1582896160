package io.securevpc.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The monitoring guardrails (BP-MON-3/4/5, BP-AUD-1/2), evaluated on the generated service control policy: nobody
 * but the pipeline and break-glass roles may blind monitoring; the scope is the blueprint's component tag, the
 * archive's buckets and the alert topics.
 */
class MonitoringGuardrailsTest {
    private static final String VPC = "arn:aws:ec2:eu-west-1:111111111111:vpc/vpc-a";
    private static final String PIPELINE = "arn:aws:iam::111111111111:role/cdk-hnb659fds-cfn-exec-role-111111111111-eu-west-1";
    private static final String BREAK_GLASS = "arn:aws:iam::111111111111:role/BreakGlass";
    private static final String OPERATOR = "arn:aws:iam::111111111111:role/NetworkAdmin";
    private static final String ARCHIVE = "arn:aws:s3:::secure-vpc-archive";
    private static final String TOPIC = "arn:aws:sns:eu-west-1:111111111111:SecurityAlerts";
    private static final Guardrails.Settings ORG = new Guardrails.Settings("aws", List.of("eu-west-1"),
            List.of(VPC), List.of("arn:aws:logs:eu-west-1:111111111111:log-group:flow-logs:*"),
            "arn:aws:iam::111111111111:policy/NetworkBoundary");
    private static final Guardrails.Monitoring MONITORING = new Guardrails.Monitoring("aws",
            Guardrails.Monitoring.pipelineAndBreakGlass(null, "BreakGlass"), List.of(ARCHIVE), List.of(TOPIC),
            List.of("arn:aws:cloudformation:*:*:stack/SecureVpc-Audit*", "arn:aws:cloudformation:*:*:stack/SecureVpc-Detection*"));

    private static List<PolicyRule> scp() throws Exception {
        // Read back from the JSON document: what an organization would attach.
        Map<?, ?> doc = new ObjectMapper().readValue(Guardrails.serviceControlPolicy(ORG, MONITORING), Map.class);
        List<PolicyRule> rules = new ArrayList<>();
        for (Object s : (List<?>) doc.get("Statement")) {
            rules.add(fromJson((Map<?, ?>) s));
        }
        return rules;
    }

    @SuppressWarnings("unchecked")
    private static PolicyRule fromJson(final Map<?, ?> s) {
        PolicyRule.Builder b = PolicyRule.deny((String) s.get("Sid"));
        if (s.containsKey("Action")) {
            b.actions(list(s.get("Action")));
        } else {
            b.notActions(list(s.get("NotAction")));
        }
        if (s.containsKey("Resource")) {
            b.resources(list(s.get("Resource")));
        } else {
            b.notResources(list(s.get("NotResource")));
        }
        Map<String, Map<String, Object>> conditions = (Map<String, Map<String, Object>>) s.get("Condition");
        if (conditions != null) {
            conditions.forEach((op, byKey) -> byKey.forEach((key, v) -> b.when(op, key, list(v))));
        }
        return b.build();
    }

    private static List<String> list(final Object v) {
        return v instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(v));
    }

    private static AccessRequest call(final String action, final String resource, final String principal) {
        return AccessRequest.of(action, resource).with("aws:RequestedRegion", "eu-west-1")
                .with("aws:PrincipalArn", principal);
    }

    private static PolicyEvaluator.Decision tagged(final String action, final String resource, final String principal)
            throws Exception {
        return PolicyEvaluator.evaluate(scp(), call(action, resource, principal)
                .with("aws:ResourceTag/blueprint:component", "detection").with("aws:TagKeys", "blueprint:component"));
    }

    @ParameterizedTest
    @CsvSource({
        "events:DisableRule, arn:aws:events:eu-west-1:111111111111:rule/TamperAlert",
        "events:DeleteRule, arn:aws:events:eu-west-1:111111111111:rule/TamperAlert",
        "events:RemoveTargets, arn:aws:events:eu-west-1:111111111111:rule/TamperAlert",
        "events:PutRule, arn:aws:events:eu-west-1:111111111111:rule/TamperAlert",
        "cloudwatch:DisableAlarmActions, arn:aws:cloudwatch:eu-west-1:111111111111:alarm:RootUsage",
        "cloudwatch:DeleteAlarms, arn:aws:cloudwatch:eu-west-1:111111111111:alarm:RootUsage",
        "logs:DeleteMetricFilter, arn:aws:logs:eu-west-1:111111111111:log-group:trail:*",
        "logs:DeleteLogGroup, arn:aws:logs:eu-west-1:111111111111:log-group:trail:*",
        "logs:PutRetentionPolicy, arn:aws:logs:eu-west-1:111111111111:log-group:trail:*",
        "sns:DeleteTopic, arn:aws:sns:eu-west-1:111111111111:SecurityAlerts",
        "sns:SetTopicAttributes, arn:aws:sns:eu-west-1:111111111111:SecurityAlerts",
        "ssm:UpdateDocument, arn:aws:ssm:eu-west-1:111111111111:document/IsolateInstance",
        "ssm:UpdateDocumentDefaultVersion, arn:aws:ssm:eu-west-1:111111111111:document/IsolateInstance",
        "ssm:DeleteDocument, arn:aws:ssm:eu-west-1:111111111111:document/IsolateInstance",
        "config:PutConfigRule, arn:aws:config:eu-west-1:111111111111:config-rule/config-rule-a1b2c3",
        "config:DeleteConfigRule, arn:aws:config:eu-west-1:111111111111:config-rule/config-rule-a1b2c3",
        "kms:PutKeyPolicy, arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        "kms:ScheduleKeyDeletion, arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        "kms:DisableKey, arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        "cloudformation:UpdateTerminationProtection, arn:aws:cloudformation:eu-west-1:111111111111:stack/SecureVpc-Audit/1",
        "cloudformation:DeleteStack, arn:aws:cloudformation:eu-west-1:111111111111:stack/SecureVpc-Detection/1",
        "guardduty:CreateThreatIntelSet, arn:aws:guardduty:eu-west-1:111111111111:detector/12abc34d567e8fa901bc2d34e56789f0",
        "guardduty:ArchiveFindings, arn:aws:guardduty:eu-west-1:111111111111:detector/12abc34d567e8fa901bc2d34e56789f0",
        "guardduty:DeleteDetector, arn:aws:guardduty:eu-west-1:111111111111:detector/12abc34d567e8fa901bc2d34e56789f0",
        "config:PutRemediationConfigurations, arn:aws:config:eu-west-1:111111111111:remediation-configuration/r/1",
        "config:DeleteRemediationConfiguration, arn:aws:config:eu-west-1:111111111111:remediation-configuration/r/1",
        "events:UntagResource, arn:aws:events:eu-west-1:111111111111:rule/TamperAlert",
        "guardduty:DeletePublishingDestination, arn:aws:guardduty:eu-west-1:111111111111:detector/12abc34d567e8fa901bc2d34e56789f0/publishingDestination/1",
        "guardduty:UpdatePublishingDestination, arn:aws:guardduty:eu-west-1:111111111111:detector/12abc34d567e8fa901bc2d34e56789f0/publishingDestination/1",
        "securityhub:DisableSecurityHub, arn:aws:securityhub:eu-west-1:111111111111:hub/default",
        "securityhub:BatchDisableStandards, arn:aws:securityhub:eu-west-1:111111111111:hub/default",
        "securityhub:UpdateStandardsControl, arn:aws:securityhub:eu-west-1:111111111111:control/cis-aws-foundations-benchmark/v/3.0.0/3.1",
        "securityhub:BatchUpdateStandardsControlAssociations, arn:aws:securityhub:eu-west-1:111111111111:hub/default",
        "securityhub:DisableImportFindingsForProduct, arn:aws:securityhub:eu-west-1:111111111111:product-subscription/aws/guardduty",
    })
    void deniesEveryoneButThePipelineAndBreakGlassOnTheBlueprintsResources(final String action, final String resource)
            throws Exception {
        assertEquals(PolicyEvaluator.Decision.DENIED, tagged(action, resource, OPERATOR), action);
        assertNotEquals(PolicyEvaluator.Decision.DENIED, tagged(action, resource, PIPELINE), action);
        assertNotEquals(PolicyEvaluator.Decision.DENIED, tagged(action, resource, BREAK_GLASS), action);
    }

    @ParameterizedTest
    @CsvSource({
        "securityhub:DescribeStandardsControls, arn:aws:securityhub:eu-west-1:111111111111:hub/default",
        "securityhub:BatchGetStandardsControlAssociations, arn:aws:securityhub:eu-west-1:111111111111:hub/default",
        "securityhub:GetFindings, arn:aws:securityhub:eu-west-1:111111111111:hub/default",
    })
    void leavesSecurityHubsReadsToEveryone(final String action, final String resource) throws Exception {
        assertNotEquals(PolicyEvaluator.Decision.DENIED, tagged(action, resource, OPERATOR), action);
    }

    @ParameterizedTest
    @CsvSource({
        "events:DisableRule, arn:aws:events:eu-west-1:111111111111:rule/TeamRule",
        "kms:ScheduleKeyDeletion, arn:aws:kms:eu-west-1:111111111111:key/another-teams-key",
        "cloudformation:DeleteStack, arn:aws:cloudformation:eu-west-1:111111111111:stack/AnotherTeam/1",
        "logs:DeleteLogGroup, arn:aws:logs:eu-west-1:111111111111:log-group:another-team:*",
    })
    void leavesResourcesWithoutTheComponentTagToTheirOwners(final String action, final String resource)
            throws Exception {
        assertNotEquals(PolicyEvaluator.Decision.DENIED, PolicyEvaluator.evaluate(scp(),
                call(action, resource, OPERATOR)), action);
    }

    @Test
    void keepsTheArchiveAndTheAlertSubscriptionsByArnAndTheComponentTagOnTheResources() throws Exception {
        for (String action : List.of("s3:PutBucketPolicy", "s3:DeleteBucketPolicy", "s3:PutLifecycleConfiguration",
                "s3:PutBucketObjectLockConfiguration")) {
            assertEquals(PolicyEvaluator.Decision.DENIED, PolicyEvaluator.evaluate(scp(),
                    call(action, ARCHIVE, OPERATOR)), action);
            assertNotEquals(PolicyEvaluator.Decision.DENIED, PolicyEvaluator.evaluate(scp(),
                    call(action, ARCHIVE, BREAK_GLASS)), action);
            assertNotEquals(PolicyEvaluator.Decision.DENIED, PolicyEvaluator.evaluate(scp(),
                    call(action, "arn:aws:s3:::another-bucket", OPERATOR)), action + " elsewhere");
        }
        assertEquals(PolicyEvaluator.Decision.DENIED, PolicyEvaluator.evaluate(scp(),
                call("sns:Unsubscribe", TOPIC + ":5f2a3b4c-0000-4000-8000-000000000000", OPERATOR)));
        assertEquals(PolicyEvaluator.Decision.DENIED, PolicyEvaluator.evaluate(scp(),
                call("kms:UntagResource", "arn:aws:kms:eu-west-1:111111111111:key/k", OPERATOR)
                        .with("aws:TagKeys", "blueprint:component")));
        assertNotEquals(PolicyEvaluator.Decision.DENIED, PolicyEvaluator.evaluate(scp(),
                call("kms:UntagResource", "arn:aws:kms:eu-west-1:111111111111:key/k", OPERATOR)
                        .with("aws:TagKeys", "cost-centre")), "another tag");
    }

    @Test
    void theScpExemptsThePipelineFromTheTrailRecorderAndDetectorDeniesSoCloudFormationCanUpdateThem()
            throws Exception {
        for (String action : List.of("cloudtrail:UpdateTrail", "config:PutConfigurationRecorder",
                "guardduty:UpdateDetector", "ec2:DeleteFlowLogs")) {
            assertNotEquals(PolicyEvaluator.Decision.DENIED, PolicyEvaluator.evaluate(scp(),
                    call(action, "*", PIPELINE)), action);
            assertEquals(PolicyEvaluator.Decision.DENIED, PolicyEvaluator.evaluate(scp(),
                    call(action, "*", OPERATOR)), action);
        }
        // The network guardrails are no monitoring deny: they hold for the pipeline too.
        assertEquals(PolicyEvaluator.Decision.DENIED, PolicyEvaluator.evaluate(scp(),
                call("ec2:RunInstances", "arn:aws:ec2:eu-central-1:1:instance/*", PIPELINE)
                        .with("aws:RequestedRegion", "eu-central-1")));
    }

    @Test
    void aRoleNameBecomesARoleArnPatternAndTheDefaultPipelineIsCdksDeploymentRole() {
        assertEquals(List.of("arn:aws:iam::*:role/cdk-*-cfn-exec-role-*", "arn:aws:iam::*:role/BreakGlass"),
                MONITORING.exemptPrincipals());
        assertEquals(List.of("arn:aws:iam::111111111111:role/Deployer"), new Guardrails.Monitoring("aws",
                Guardrails.Monitoring.pipelineAndBreakGlass("arn:aws:iam::111111111111:role/Deployer", null),
                List.of(), List.of(), List.of()).exemptPrincipals());
    }

    @Test
    void theScpWithTheMonitoringDeniesFitsTheScpSizeLimit() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String compact = json.writeValueAsString(json.readValue(Guardrails.serviceControlPolicy(ORG, MONITORING),
                Map.class));
        assertTrue(compact.length() <= 5120, "SCPs are limited to 5,120 characters; got " + compact.length());
    }
}
