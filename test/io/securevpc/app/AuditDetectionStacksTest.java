package io.securevpc.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.AppContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The app's audit and detection stacks as one environment with alert subscriptions configures them (BP-AUD-1/2,
 * BP-MON-3/4/5): subscriptions on both topics, the archive's protections that the acknowledgement reasons of
 * {@link AuditStack} claim, and termination protection. Built without the gate (the gate has its own test).
 */
class AuditDetectionStacksTest {
    private static AuditStack audit;
    private static DetectionStack detection;
    private static Template auditTemplate;
    private static Template detectionTemplate;

    @BeforeAll
    static void build() {
        Map<String, Object> context = new HashMap<>(AppContext.cdkJsonContext());
        context.put(BlueprintConfig.CONTEXT_KEY, Map.of("environments", List.of(Map.of(
                "name", "dev", "profile", "dev", "shape", "private-only", "cidr", "10.10.0.0/16", "region", "eu-west-1",
                "gatewayPrefixLists", Map.of("s3", "pl-6da54004", "dynamodb", "pl-6fa54006"),
                "availabilityZones", List.of("eu-west-1a", "eu-west-1b"),
                "requireAlertSubscriptions", true,
                "alertSubscriptions", Map.of("emails", List.of("soc@example.com"),
                        "httpsEndpoints", List.of("https://alerts.example.com/aws"))))));
        App app = App.Builder.create().context(context).build();
        BlueprintApp.Result result = BlueprintApp.buildStacks(app);
        audit = result.auditStacks().get(0);
        detection = result.detectionStacks().get(0);
        auditTemplate = Template.fromStack(audit);
        detectionTemplate = Template.fromStack(detection);
    }

    @Test
    void bothTopicsHaveTheConfiguredEmailAndHttpsSubscriptions() {
        for (Template template : List.of(auditTemplate, detectionTemplate)) {
            template.resourceCountIs("AWS::SNS::Subscription", 2);
            template.hasResourceProperties("AWS::SNS::Subscription", Map.of("Protocol", "email",
                    "Endpoint", "soc@example.com"));
            template.hasResourceProperties("AWS::SNS::Subscription", Map.of("Protocol", "https",
                    "Endpoint", "https://alerts.example.com/aws"));
            template.allResourcesProperties("AWS::SNS::Subscription", Match.objectLike(Map.of("RedrivePolicy",
                    Map.of("deadLetterTargetArn", Match.anyValue()))));
        }
    }

    @Test
    void archiveBucketsDenyErasingToEveryoneAsTheAcknowledgementsSay() {
        for (String bucket : List.of("LogArchiveBucket", "LogArchiveConfigBucket")) {
            auditTemplate.hasResourceProperties("AWS::S3::BucketPolicy", Map.of(
                    "Bucket", Map.of("Ref", Match.stringLikeRegexp(bucket + "[0-9A-F]{8}")),
                    "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                            "Sid", "DenyErasingTheArchive", "Effect", "Deny", "Principal", Map.of("AWS", "*"),
                            "Action", Match.arrayWith(List.of("s3:DeleteObject", "s3:DeleteObjectVersion",
                                    "s3:PutBucketPolicy", "s3:PutBucketVersioning", "s3:PutLifecycleConfiguration")),
                            "Condition", Match.absent())))))));
        }
        auditTemplate.hasResourceProperties("AWS::S3::Bucket", Map.of("ObjectLockConfiguration", Map.of(
                "ObjectLockEnabled", "Enabled", "Rule", Map.of("DefaultRetention",
                        Map.of("Mode", "GOVERNANCE", "Days", 30))))); // the dev profile's lock
    }

    @Test
    void trailRecorderDetectorAndRulesAreRetained() {
        for (String type : List.of("AWS::CloudTrail::Trail", "AWS::Config::ConfigurationRecorder")) {
            auditTemplate.hasResource(type, Map.of("DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain"));
        }
        detectionTemplate.hasResource("AWS::GuardDuty::Detector", Map.of("DeletionPolicy", "Retain"));
        detectionTemplate.findResources("AWS::Events::Rule").forEach((id, rule) ->
                assertEquals("Retain", rule.get("DeletionPolicy"), id));
    }

    @Test
    void failedConfigRemediationsAlertInTheDetectionStack() {
        detectionTemplate.hasResourceProperties("AWS::Events::Rule", Map.of("EventPattern", Match.objectLike(Map.of(
                "detail", Map.of("Definition", List.of("AWS-DisablePublicAccessForSecurityGroup",
                                "AWSConfigRemediation-RemoveVPCDefaultSecurityGroupRules",
                                "AWSConfigRemediation-DisableSubnetAutoAssignPublicIP"),
                        "Status", List.of("Failed", "TimedOut", "Cancelled"))))));
    }

    @Test
    void guardDutyExportsFindingsToTheArchiveUnderTheArchiveKey() {
        Map<String, Map<String, Object>> exports = detectionTemplate.findResources(
                "AWS::GuardDuty::PublishingDestination", Map.of("DeletionPolicy", "Retain",
                        "Properties", Match.objectLike(Map.of(
                                "DetectorId", Map.of("Ref", Match.stringLikeRegexp("GuardDutyDetector.*")),
                                "DestinationType", "S3"))));
        assertEquals(1, exports.size());
        // The bucket and the key are the audit stack's, read through its outputs.
        Map<?, ?> destination = (Map<?, ?>) ((Map<?, ?>) exports.values().iterator().next().get("Properties"))
                .get("DestinationProperties");
        assertTrue(destination.get("DestinationArn").toString().matches(".*LogArchiveConfigBucket[0-9A-F]{8}.*Arn.*"),
                destination.toString());
        assertTrue(destination.get("KmsKeyArn").toString().matches(".*LogArchiveKey[0-9A-F]{8}.*Arn.*"),
                destination.toString());
        auditTemplate.hasResourceProperties("AWS::S3::BucketPolicy", Map.of(
                "Bucket", Map.of("Ref", Match.stringLikeRegexp("LogArchiveConfigBucket[0-9A-F]{8}")),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Sid", "GuardDutyWritesFindings", "Principal", Map.of("Service", "guardduty.amazonaws.com"))))))));
        auditTemplate.hasResourceProperties("AWS::KMS::Key", Map.of("KeyPolicy", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of("Sid", "GuardDutyEncryptsFindings")))))));
    }

    @Test
    void everyGuardDutyFindingTypeAlertsOnceBesideTheInstanceFindingAlert() {
        detectionTemplate.hasResourceProperties("AWS::Events::Rule", Map.of(
                "Description", "GuardDuty finding not on an EC2 instance, severity HIGH (>= 7.0)"));
        detectionTemplate.hasResourceProperties("AWS::Events::Rule", Map.of(
                "Description", "GuardDuty finding not on an EC2 instance, severity MEDIUM (>= 4.0 and < 7.0)"));
        detectionTemplate.hasResourceProperties("AWS::Events::Rule", Map.of(
                "Description", "GuardDuty finding on an EC2 instance in any VPC, severity >= 4.0"));
    }

    @Test
    void everyConfigRuleOfTheAuditStackTurningNonCompliantAlerts() {
        int count = audit.getConfig().getRules().size();
        Map<String, Map<String, Object>> rules = detectionTemplate.findResources("AWS::Events::Rule", Map.of(
                "Properties", Match.objectLike(Map.of("EventPattern", Match.objectLike(Map.of(
                        "detail-type", List.of("Config Rules Compliance Change")))))));
        int named = 0;
        for (Map<String, Object> rule : rules.values()) {
            Map<?, ?> detail = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) rule.get("Properties")).get("EventPattern"))
                    .get("detail");
            assertEquals(Map.of("complianceType", List.of("NON_COMPLIANT")), detail.get("newEvaluationResult"));
            named += ((List<?>) detail.get("configRuleName")).size();
        }
        assertEquals(count, named, "every rule of the audit stack, once");
        assertEquals((count + 9) / 10, rules.size());
    }

    @Test
    void securityHubRunsBothStandardsAndAlertsOnItsOwnHighFindings() {
        detectionTemplate.resourceCountIs("AWS::SecurityHub::Hub", 1);
        detectionTemplate.resourceCountIs("AWS::SecurityHub::Standard", 2);
        detectionTemplate.hasResourceProperties("AWS::Events::Rule", Map.of(
                "Description", "Security Hub finding HIGH or CRITICAL, new and active, not from GuardDuty or Security Hub"));
        // Security Hub's own control findings, except the controls the audit stack's Config rules already report
        detectionTemplate.hasResourceProperties("AWS::Events::Rule", Map.of("EventPattern", Match.objectLike(Map.of(
                "detail", Map.of("findings", Match.objectLike(Map.of("Compliance", Map.of("SecurityControlId",
                        List.of(Map.of("anything-but", List.of("EC2.2", "EC2.9", "EC2.13", "EC2.14", "EC2.15", "EC2.18",
                                "EC2.21", "CloudTrail.4", "GuardDuty.1")))))))))));
    }

    @Test
    void auditAndDetectionStacksHaveTerminationProtection() {
        assertTrue(audit.getTerminationProtection());
        assertTrue(detection.getTerminationProtection());
    }
}
