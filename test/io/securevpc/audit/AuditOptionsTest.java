package io.securevpc.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.securevpc.BlueprintValidationException;
import io.securevpc.ErrorCode;
import io.securevpc.TestStacks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;

/** The optional features of the audit constructs, their weakening warnings, and every validation. */
class AuditOptionsTest {

    @Test
    void objectLockInGovernanceModeWithTheGivenRetentionAndAnUnlockedBucketForConfig() {
        Stack stack = AuditTestStacks.regionalStack();
        LogArchive archive = new LogArchive(stack, "Archive",
                LogArchiveProps.builder().objectLockRetention(Duration.days(365)).build());
        new ConfigBaseline(stack, "Config", ConfigBaselineProps.builder(archive).build());
        Template template = Template.fromStack(stack);
        template.resourceCountIs("AWS::S3::Bucket", 3);
        template.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "ObjectLockEnabled", true,
                "ObjectLockConfiguration", Map.of("ObjectLockEnabled", "Enabled", "Rule", Map.of(
                        "DefaultRetention", Map.of("Mode", "GOVERNANCE", "Days", 365)))));
        template.hasResource("AWS::S3::Bucket", Map.of(
                "Properties", Match.objectLike(Map.of(
                        "ObjectLockEnabled", Match.absent(),
                        "VersioningConfiguration", Map.of("Status", "Enabled"),
                        "LoggingConfiguration", Match.objectLike(Map.of("LogFilePrefix", "config-archive/")),
                        "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Match.objectLike(Map.of(
                                "ServerSideEncryptionByDefault", Match.objectLike(Map.of("SSEAlgorithm", "aws:kms")))))))),
                "DeletionPolicy", "Retain"));
        template.hasResourceProperties("AWS::Config::DeliveryChannel", Map.of(
                "S3BucketName", Map.of("Ref", Match.stringLikeRegexp("ArchiveConfigBucket.*"))));
        template.hasResourceProperties("AWS::S3::BucketPolicy", Map.of(
                "Bucket", Map.of("Ref", Match.stringLikeRegexp("ArchiveConfigBucket.*")),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Sid", "DenyUploadsNotEncryptedWithKms")),
                        Match.objectLike(Map.of("Sid", "AllowConfigWrite")))))));
    }

    @Test
    void organizationTrailWritesUnderTheOrganizationPrefixToo() {
        Stack stack = AuditTestStacks.regionalStack();
        LogArchive archive = new LogArchive(stack, "Archive",
                LogArchiveProps.builder().organizationId("o-abcdef1234").build());
        new AuditTrail(stack, "Trail", AuditTrailProps.builder(archive).organizationTrail(true).build());
        Template template = Template.fromStack(stack);
        template.hasResourceProperties("AWS::CloudTrail::Trail", Map.of("IsOrganizationTrail", true));
        template.hasResourceProperties("AWS::S3::BucketPolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of("Sid", "AllowCloudTrailWrite", "Resource", List.of(
                        objects("/AWSLogs/111111111111/*"), objects("/AWSLogs/o-abcdef1234/*")))))))));
    }

    @Test
    void dataEventsAndInsightsWhenAsked() {
        Stack stack = AuditTestStacks.regionalStack();
        LogArchive archive = new LogArchive(stack, "Archive", null);
        new AuditTrail(stack, "Trail", AuditTrailProps.builder(archive)
                .s3DataEvents(true).lambdaDataEvents(true).insights(true).logRetention(RetentionDays.TWO_YEARS).build());
        Template template = Template.fromStack(stack);
        template.hasResourceProperties("AWS::CloudTrail::Trail", Map.of(
                "AdvancedEventSelectors", Match.arrayWith(List.of(
                        Map.of("Name", "S3 data events of every bucket", "FieldSelectors", List.of(
                                Map.of("Field", "eventCategory", "Equals", List.of("Data")),
                                Map.of("Field", "resources.type", "Equals", List.of("AWS::S3::Object")))),
                        Map.of("Name", "Lambda invocations of every function", "FieldSelectors", List.of(
                                Map.of("Field", "eventCategory", "Equals", List.of("Data")),
                                Map.of("Field", "resources.type", "Equals", List.of("AWS::Lambda::Function")))))),
                "InsightSelectors", List.of(Map.of("InsightType", "ApiCallRateInsight"),
                        Map.of("InsightType", "ApiErrorRateInsight"))));
        template.hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 731));
    }

    @Test
    void adoptingAnExistingTrailCreatesNothingAndAlarmsWatchItsLogGroup() {
        Stack stack = AuditTestStacks.regionalStack();
        AuditTrail trail = new AuditTrail(stack, "Trail", AuditTrailProps.builder()
                .existingTrailLogGroup(LogGroup.fromLogGroupName(stack, "OrgTrailLogs", "aws-controltower/CloudTrailLogs"))
                .build());
        new SecurityAlarms(stack, "Alarms", SecurityAlarmsProps.builder(trail.getLogGroup()).build());
        Template template = Template.fromStack(stack);
        assertNull(trail.getTrail());
        template.resourceCountIs("AWS::CloudTrail::Trail", 0);
        template.resourceCountIs("AWS::Logs::LogGroup", 0);
        template.resourceCountIs("AWS::IAM::Role", 0);
        template.allResourcesProperties("AWS::Logs::MetricFilter",
                Match.objectLike(Map.of("LogGroupName", "aws-controltower/CloudTrailLogs")));
    }

    @Test
    void leavingOutSecurityEventsWarns() {
        Stack stack = AuditTestStacks.regionalStack();
        new SecurityAlarms(stack, "Alarms", SecurityAlarmsProps.builder(
                        LogGroup.fromLogGroupName(stack, "Logs", "trail"))
                .events(List.of(SecurityEvent.ROOT_ACCOUNT_USAGE)).build());
        Template.fromStack(stack).resourceCountIs("AWS::CloudWatch::Alarm", 1);
        Annotations.fromStack(stack).hasWarning("/Test/Alarms", Match.stringLikeRegexp(
                "events leaves out \\[UNAUTHORIZED_API_CALLS, CONSOLE_SIGN_IN_WITHOUT_MFA, .*FLOW_LOG_CHANGES\\]: "
                        + "those changes raise no alarm \\(BP-MON-3\\)\\..*"));
    }

    @Test
    void conformancePackHoldsTheVpcRulesWithTheirScopesAndParameters() throws Exception {
        Stack stack = AuditTestStacks.regionalStack();
        new ConfigBaseline(stack, "Config", ConfigBaselineProps.builder().adoptExistingRecorder(true)
                .conformancePack(true).build());
        Template template = Template.fromStack(stack);
        template.resourceCountIs("AWS::Config::ConformancePack", 1);
        Map<String, Object> pack = template.findResources("AWS::Config::ConformancePack").values().iterator().next();
        Map<?, ?> properties = (Map<?, ?>) pack.get("Properties");
        assertEquals("securevpc-vpc-baseline", properties.get("ConformancePackName"));
        JsonNode resources = new ObjectMapper().readTree((String) properties.get("TemplateBody")).get("Resources");
        assertEquals(11, resources.size(), "the ten VPC rules and one endpoint rule (s3); not the account-level ones");
        JsonNode ports = resources.get("VpcSgOpenOnlyToAuthorizedPorts").get("Properties");
        assertEquals("securevpc-vpc-sg-open-only-to-authorized-ports", ports.get("ConfigRuleName").asText());
        assertEquals("VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS", ports.at("/Source/SourceIdentifier").asText());
        assertEquals("AWS::EC2::SecurityGroup", ports.at("/Scope/ComplianceResourceTypes/0").asText());
        assertEquals("443", ports.at("/InputParameters/authorizedTcpPorts").asText());
        assertNull(resources.get("CloudTrailEnabled"));
    }

    @Test
    void noConformancePackOrAggregatorByDefault() {
        Stack stack = AuditTestStacks.regionalStack();
        new ConfigBaseline(stack, "Config", ConfigBaselineProps.builder().adoptExistingRecorder(true).build());
        Template template = Template.fromStack(stack);
        template.resourceCountIs("AWS::Config::ConformancePack", 0);
        template.resourceCountIs("AWS::Config::ConfigurationAggregator", 0);
    }

    @Test
    void organizationAggregatorCoversEveryRegionThroughARoleOnlyThisAccountsConfigAssumes() {
        Stack stack = AuditTestStacks.regionalStack();
        new ConfigBaseline(stack, "Config", ConfigBaselineProps.builder().adoptExistingRecorder(true)
                .organizationAggregator(true).build());
        Template template = Template.fromStack(stack);
        template.hasResourceProperties("AWS::Config::ConfigurationAggregator", Map.of(
                "OrganizationAggregationSource", Map.of("AllAwsRegions", true,
                        "RoleArn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("ConfigAggregatorRole.*"), "Arn")))));
        template.hasResourceProperties("AWS::IAM::Role", Map.of("AssumeRolePolicyDocument", Map.of("Statement",
                List.of(Match.objectLike(Map.of("Principal", Map.of("Service", "config.amazonaws.com"),
                        "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", "111111111111"))))))));
        template.hasResourceProperties("AWS::IAM::ManagedPolicy", Map.of("PolicyDocument", Map.of("Statement",
                List.of(Map.of("Sid", "ReadTheOrganization", "Effect", "Allow", "Resource", "*",
                        "Action", List.of("organizations:DescribeOrganization",
                                "organizations:ListAWSServiceAccessForOrganization", "organizations:ListAccounts",
                                "organizations:ListDelegatedAdministrators"))))));
    }

    @Test
    void adoptingAnExistingRecorderCreatesOnlyRulesAndRemediations() {
        Stack stack = AuditTestStacks.regionalStack();
        new ConfigBaseline(stack, "Config", ConfigBaselineProps.builder().adoptExistingRecorder(true).build());
        Template template = Template.fromStack(stack);
        template.resourceCountIs("AWS::Config::ConfigurationRecorder", 0);
        template.resourceCountIs("AWS::Config::DeliveryChannel", 0);
        template.resourceCountIs("AWS::Config::ConfigRule", 15);
        template.resourceCountIs("AWS::Config::RemediationConfiguration", 3);
    }

    @Test
    void alertOnlyKeepsRemediationsManualAndWarns() {
        Stack stack = AuditTestStacks.regionalStack();
        new ConfigBaseline(stack, "Config", ConfigBaselineProps.builder().adoptExistingRecorder(true)
                .remediationMode(RemediationMode.ALERT_ONLY).build());
        Template.fromStack(stack).allResourcesProperties("AWS::Config::RemediationConfiguration",
                Match.objectLike(Map.of("Automatic", false, "MaximumAutomaticAttempts", Match.absent(),
                        "RetryAttemptSeconds", Match.absent())));
        Annotations.fromStack(stack).hasWarning("/Test/Config", Match.stringLikeRegexp(
                "remediationMode is ALERT_ONLY: non-compliant security groups and subnets stay as they are until an "
                        + "operator runs the remediation \\(BP-AUD-3\\)\\..*"));
    }

    @Test
    void globalResourcesOffOutsideTheHomeRegionRetryLimitsPortsAndEndpointServicesAsGiven() {
        Stack stack = AuditTestStacks.regionalStack();
        LogArchive archive = new LogArchive(stack, "Archive", null);
        new ConfigBaseline(stack, "Config", ConfigBaselineProps.builder(archive).recordGlobalResources(false)
                .maxAutomaticAttempts(5).retryAttemptSeconds(600).authorizedTcpPorts(List.of(443, 8443))
                .requiredEndpointServices(List.of("s3", "ssm")).build());
        Template template = Template.fromStack(stack);
        template.hasResourceProperties("AWS::Config::ConfigurationRecorder", Map.of("RecordingGroup",
                Map.of("AllSupported", true, "IncludeGlobalResourceTypes", false)));
        template.allResourcesProperties("AWS::Config::RemediationConfiguration", Match.objectLike(Map.of(
                "MaximumAutomaticAttempts", 5, "RetryAttemptSeconds", 600)));
        template.hasResourceProperties("AWS::Config::ConfigRule", Map.of(
                "InputParameters", Map.of("authorizedTcpPorts", "443,8443")));
        template.hasResourceProperties("AWS::Config::ConfigRule", Map.of("InputParameters", Map.of("serviceName", "ssm")));
        template.resourceCountIs("AWS::Config::ConfigRule", 16);
    }

    // ------------------------------------------------------------------ validation

    /** A log archive account's archive: the named bucket, written and encrypted by trails of the trail account only. */
    @Test
    void anArchiveForAnotherAccountsOrganizationTrailNamesThatAccountOnly() {
        Stack stack = AuditTestStacks.regionalStack();
        new LogArchive(stack, "Archive", LogArchiveProps.builder().organizationId("o-abcdef1234")
                .trailAccount("999988887777").bucketName("org-trail-archive-1").build());
        Template template = Template.fromStack(stack);
        template.hasResourceProperties("AWS::S3::Bucket", Map.of("BucketName", "org-trail-archive-1"));
        template.hasResourceProperties("AWS::S3::BucketPolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of("Sid", "AllowCloudTrailWrite", "Resource", List.of(
                        objects("/AWSLogs/999988887777/*"), objects("/AWSLogs/o-abcdef1234/*")),
                        "Condition", Match.objectLike(Map.of("StringEquals", Map.of("aws:SourceAccount", "999988887777",
                                "s3:x-amz-acl", "bucket-owner-full-control"))))))))));
        template.hasResourceProperties("AWS::KMS::Key", Map.of("KeyPolicy", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of("Sid", "AllowCloudTrailOfThisAccountToEncrypt",
                        "Condition", Match.objectLike(Map.of("StringEquals",
                                Map.of("aws:SourceAccount", "999988887777"))))))))));
    }

    @Test
    void failsOnABadTrailAccountAndBucketName() {
        Stack stack = TestStacks.regionalStack();
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () -> new LogArchive(stack,
                "Archive", LogArchiveProps.builder().trailAccount("9999-8888-7777").bucketName("Org_Trail").build()));
        assertEquals("Invalid configuration of LogArchive Test/Archive (2 problems):\n"
                + "  - [SVPC-017] trailAccount = '9999-8888-7777': a 12-digit account id, e.g. 111122223333\n"
                + "  - [SVPC-017] bucketName = 'Org_Trail': an S3 bucket name: 3 to 63 lower-case letters, digits, "
                + "dots and dashes, a letter or digit first and last, e.g. org-trail-archive-111122223333",
                e.getMessage());
    }

    @Test
    void failsOnObjectLockRetentionOutOfRangeAndABadOrganizationId() {
        Stack stack = TestStacks.regionalStack();
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () -> new LogArchive(stack,
                "Archive", LogArchiveProps.builder().objectLockRetention(Duration.hours(12))
                        .organizationId("org-1").build()));
        assertEquals("Invalid configuration of LogArchive Test/Archive (2 problems):\n"
                + "  - [SVPC-017] objectLockRetention = '12 hours': a whole number of days from 1 to 36500 (100 years)\n"
                + "  - [SVPC-017] organizationId = 'org-1': an organization id: o- and 10 to 32 lower-case "
                + "letters or digits, e.g. o-a1b2c3d4e5", e.getMessage());
    }

    @Test
    void failsOnATrailWithoutArchiveAndWithShortRetention() {
        Stack stack = TestStacks.regionalStack();
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () -> new AuditTrail(stack,
                "Trail", AuditTrailProps.builder().logRetention(RetentionDays.SIX_MONTHS).build()));
        assertEquals(List.of(ErrorCode.CONFLICTING_PROPS, ErrorCode.CONFLICTING_PROPS, ErrorCode.AUDIT_TRAIL),
                e.getCodes());
        assertEquals("Invalid configuration of AuditTrail Test/Trail (3 problems):\n"
                + "  - [SVPC-009] bucket = (unset): the archive bucket (e.g. AuditTrailProps.builder(logArchive)), "
                + "or existingTrailLogGroup to adopt an existing trail\n"
                + "  - [SVPC-009] encryptionKey = (unset): a customer-managed key (e.g. "
                + "AuditTrailProps.builder(logArchive)), or existingTrailLogGroup to adopt an existing trail\n"
                + "  - [SVPC-018] logRetention = SIX_MONTHS: at least ONE_YEAR (365 days)", e.getMessage());
    }

    @Test
    void failsOnTrailSettingsGivenForAnAdoptedTrail() {
        Stack stack = TestStacks.regionalStack();
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () -> new AuditTrail(stack,
                "Trail", AuditTrailProps.builder().existingTrailLogGroup(LogGroup.fromLogGroupName(stack, "L", "x"))
                        .insights(true).build()));
        assertEquals("Invalid configuration of AuditTrail Test/Trail (1 problem):\n"
                + "  - [SVPC-018] insights = true: unset when existingTrailLogGroup adopts an existing trail: "
                + "configure that trail itself", e.getMessage());
    }

    @Test
    void failsOnNoOrDuplicateSecurityEvents() {
        Stack stack = TestStacks.regionalStack();
        BlueprintValidationException none = assertThrows(BlueprintValidationException.class, () ->
                new SecurityAlarms(stack, "None", SecurityAlarmsProps.builder(
                        LogGroup.fromLogGroupName(stack, "L1", "x")).events(List.of()).build()));
        assertEquals("Invalid configuration of SecurityAlarms Test/None (1 problem):\n"
                + "  - [SVPC-009] events = '[]': at least one SecurityEvent; leave unset to watch all of them",
                none.getMessage());
        BlueprintValidationException twice = assertThrows(BlueprintValidationException.class, () ->
                new SecurityAlarms(stack, "Twice", SecurityAlarmsProps.builder(LogGroup.fromLogGroupName(stack, "L2",
                        "x")).events(List.of(SecurityEvent.VPC_CHANGES, SecurityEvent.VPC_CHANGES)).build()));
        assertEquals("Invalid configuration of SecurityAlarms Test/Twice (1 problem):\n"
                + "  - [SVPC-009] events = [VPC_CHANGES, VPC_CHANGES]: each SecurityEvent at most once",
                twice.getMessage());
    }

    @Test
    void failsOnConfigWithoutArchiveAndWithBadLimitsPortsAndServices() {
        Stack stack = TestStacks.regionalStack();
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () ->
                new ConfigBaseline(stack, "Config", ConfigBaselineProps.builder().maxAutomaticAttempts(26)
                        .retryAttemptSeconds(0).authorizedTcpPorts(List.of(443, 70000))
                        .requiredEndpointServices(List.of("S3 bucket")).build()));
        assertEquals("Invalid configuration of ConfigBaseline Test/Config (6 problems):\n"
                + "  - [SVPC-009] bucket = (unset): the archive bucket (e.g. ConfigBaselineProps.builder(logArchive)), "
                + "or adoptExistingRecorder true\n"
                + "  - [SVPC-009] encryptionKey = (unset): a customer-managed key (e.g. "
                + "ConfigBaselineProps.builder(logArchive)), or adoptExistingRecorder true\n"
                + "  - [SVPC-019] maxAutomaticAttempts = 26: 1 to 25\n"
                + "  - [SVPC-019] retryAttemptSeconds = 0: 1 to 2678000\n"
                + "  - [SVPC-010] authorizedTcpPorts[1] = 70000: a TCP port from 1 to 65535\n"
                + "  - [SVPC-019] requiredEndpointServices[0] = 'S3 bucket': the short name of an AWS service, "
                + "e.g. 's3', 'ssm', 'logs'", e.getMessage());
    }

    @Test
    void failsOnRecorderSettingsWhenAdoptingAndOnRetryLimitsInAlertOnlyMode() {
        Stack stack = TestStacks.regionalStack();
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () ->
                new ConfigBaseline(stack, "Config", ConfigBaselineProps.builder().adoptExistingRecorder(true)
                        .recordGlobalResources(true).remediationMode(RemediationMode.ALERT_ONLY)
                        .maxAutomaticAttempts(2).build()));
        assertEquals("Invalid configuration of ConfigBaseline Test/Config (2 problems):\n"
                + "  - [SVPC-009] recordGlobalResources = true: unset when adoptExistingRecorder is true: the "
                + "existing recorder is kept\n"
                + "  - [SVPC-009] remediationMode = 'ALERT_ONLY': AUTOMATIC when maxAutomaticAttempts or "
                + "retryAttemptSeconds is set: they limit automatic runs", e.getMessage());
    }

    @Test
    void failsClearlyWhenTheAccessLogFeatureFlagIsOff() {
        Stack stack = TestStacks.regionalStack();
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class,
                () -> new LogArchive(stack, "Archive", null));
        assertEquals("Invalid configuration of access-log bucket Test/Archive/AccessLogBucket (1 problem):\n"
                + "  - [SVPC-009] context @aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy = false: true (in cdk.json "
                + "context, or App context): without it CDK grants S3 log delivery through an ACL, which a "
                + "bucket-owner-enforced access-log bucket refuses", e.getMessage());
    }

    private static Object arn(final String rest) {
        return AuditBaselineDefaultsTest.arn(rest);
    }

    private static Object objects(final String suffix) {
        return Map.of("Fn::Join", List.of("", List.of(
                Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("ArchiveBucket.*"), "Arn")), suffix)));
    }
}
