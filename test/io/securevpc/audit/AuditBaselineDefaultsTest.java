package io.securevpc.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.securevpc.TestStacks;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The audit baseline with default props (BP-AUD-1..3, BP-MON-3): a log archive, the trail delivering to it,
 * the alarms on the trail's log group and AWS Config, in one shared template.
 */
class AuditBaselineDefaultsTest {
    private static Template template;
    private static Stack stack;

    @BeforeAll
    static void synth() {
        stack = AuditTestStacks.regionalStack();
        LogArchive archive = new LogArchive(stack, "Archive", null);
        AuditTrail trail = new AuditTrail(stack, "Trail", AuditTrailProps.builder(archive).build());
        new SecurityAlarms(stack, "Alarms", SecurityAlarmsProps.builder(trail.getLogGroup()).build());
        new ConfigBaseline(stack, "Config", ConfigBaselineProps.builder(archive).build());
        template = Template.fromStack(stack);
    }

    // ------------------------------------------------------------------ log archive

    @Test
    void archiveBucketIsKmsEncryptedVersionedPrivateLoggedAndRetained() {
        template.hasResource("AWS::S3::Bucket", Map.of(
                "Properties", Match.objectLike(Map.of(
                        "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
                                "BucketKeyEnabled", true,
                                "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "aws:kms",
                                        "KMSMasterKeyID", Map.of("Fn::GetAtt", List.of(
                                                Match.stringLikeRegexp("ArchiveKey.*"), "Arn")))))),
                        "VersioningConfiguration", Map.of("Status", "Enabled"),
                        "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                                "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                        "OwnershipControls", Map.of("Rules", List.of(Map.of("ObjectOwnership", "BucketOwnerEnforced"))),
                        "LoggingConfiguration", Map.of(
                                "DestinationBucketName", Map.of("Ref", Match.stringLikeRegexp("ArchiveAccessLogBucket.*")),
                                "LogFilePrefix", "audit-archive/"),
                        "LifecycleConfiguration", Map.of("Rules", List.of(Match.objectLike(Map.of(
                                "Id", "ArchiveAgeingLogs", "Status", "Enabled",
                                "Transitions", List.of(
                                        Map.of("StorageClass", "STANDARD_IA", "TransitionInDays", 30),
                                        Map.of("StorageClass", "GLACIER", "TransitionInDays", 90)))))))),
                "DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain"));
    }

    @Test
    void accessLogBucketIsSeparateSseS3AndRetained() {
        template.resourceCountIs("AWS::S3::Bucket", 2);
        template.hasResource("AWS::S3::Bucket", Map.of(
                "Properties", Match.objectLike(Map.of(
                        "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
                                "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
                        "VersioningConfiguration", Map.of("Status", "Enabled"))),
                "DeletionPolicy", "Retain"));
    }

    @Test
    void noObjectLockUnlessAsked() {
        template.allResourcesProperties("AWS::S3::Bucket", Match.not(Match.objectLike(
                Map.of("ObjectLockEnabled", true))));
    }

    @Test
    void archivePolicyDeniesInsecureTransportAndUploadsAskingForOtherEncryptionButCloudTrailDigests() {
        template.hasResourceProperties("AWS::S3::BucketPolicy", Map.of(
                "Bucket", Map.of("Ref", Match.stringLikeRegexp("ArchiveBucket.*")),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Effect", "Deny", "Action", "s3:*",
                                "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))),
                        Match.objectLike(Map.of("Sid", "DenyUploadsNotEncryptedWithKms", "Effect", "Deny",
                                "Principal", Map.of("AWS", "*"), "Action", "s3:PutObject",
                                "NotResource", Map.of("Fn::Join", List.of("", List.of(
                                        Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("ArchiveBucket.*"), "Arn")),
                                        "/AWSLogs/*/CloudTrail-Digest/*"))),
                                "Condition", Map.of(
                                        "Null", Map.of("s3:x-amz-server-side-encryption", "false"),
                                        "StringNotEquals", Map.of("s3:x-amz-server-side-encryption", "aws:kms")))))))));
    }

    @Test
    void archivePolicyLetsOnlyTrailsOfThisAccountWriteUnderItsOwnPrefix() {
        template.hasResourceProperties("AWS::S3::BucketPolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Sid", "AllowCloudTrailWrite",
                        "Effect", "Allow",
                        "Principal", Map.of("Service", "cloudtrail.amazonaws.com"),
                        "Action", "s3:PutObject",
                        "Resource", Map.of("Fn::Join", List.of("", List.of(
                                Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("ArchiveBucket.*"), "Arn")),
                                "/AWSLogs/111111111111/*"))),
                        "Condition", Map.of(
                                "StringEquals", Map.of("aws:SourceAccount", "111111111111",
                                        "s3:x-amz-acl", "bucket-owner-full-control"),
                                "ArnLike", Map.of("aws:SourceArn",
                                        arn(":cloudtrail:*:111111111111:trail/*"))))))))));
    }

    @Test
    void archivePolicyLetsConfigOfThisAccountWriteUnderConfigPrefix() {
        template.hasResourceProperties("AWS::S3::BucketPolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Sid", "AllowConfigAclCheck",
                                "Action", List.of("s3:GetBucketAcl", "s3:ListBucket"),
                                "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", "111111111111")))),
                        Match.objectLike(Map.of("Sid", "AllowConfigWrite",
                                "Principal", Map.of("Service", "config.amazonaws.com"),
                                "Resource", Map.of("Fn::Join", List.of("", List.of(
                                        Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("ArchiveBucket.*"), "Arn")),
                                        "/AWSLogs/111111111111/Config/*"))),
                                "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", "111111111111",
                                        "s3:x-amz-acl", "bucket-owner-full-control")))))))));
    }

    @Test
    void archiveKeyRotatesIsRetainedAndLetsOnlyTheWritingServicesOfThisAccountUseIt() {
        template.hasResource("AWS::KMS::Key", Map.of(
                "Properties", Match.objectLike(Map.of("EnableKeyRotation", true,
                        "KeyPolicy", Map.of("Statement", Match.arrayWith(List.of(
                                Match.objectLike(Map.of("Sid", "AllowCloudTrailOfThisAccountToEncrypt",
                                        "Principal", Map.of("Service", "cloudtrail.amazonaws.com"),
                                        "Action", "kms:GenerateDataKey*",
                                        "Condition", Map.of(
                                                "StringEquals", Map.of("aws:SourceAccount", "111111111111"),
                                                "StringLike", Map.of("kms:EncryptionContext:aws:cloudtrail:arn",
                                                        arn(":cloudtrail:*:111111111111:trail/*"))))),
                                Match.objectLike(Map.of("Sid", "AllowConfigOfThisAccount",
                                        "Principal", Map.of("Service", "config.amazonaws.com"),
                                        "Action", List.of("kms:Decrypt", "kms:GenerateDataKey"),
                                        "Condition", Map.of("StringEquals",
                                                Map.of("aws:SourceAccount", "111111111111")))),
                                Match.objectLike(Map.of("Sid", "AllowCloudWatchLogsOfThisAccountAndRegion",
                                        "Principal", Map.of("Service", "logs.eu-west-1.amazonaws.com"),
                                        "Condition", Map.of("ArnLike", Map.of("kms:EncryptionContext:aws:logs:arn",
                                                arn(":logs:eu-west-1:111111111111:log-group:*")))))))))),
                "DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain"));
    }

    // ------------------------------------------------------------------ trail

    @Test
    void trailIsMultiRegionWithGlobalEventsValidationKmsAndBothDestinations() {
        template.resourceCountIs("AWS::CloudTrail::Trail", 1);
        template.hasResourceProperties("AWS::CloudTrail::Trail", Map.of(
                "IsLogging", true,
                "IsMultiRegionTrail", true,
                "IncludeGlobalServiceEvents", true,
                "EnableLogFileValidation", true,
                "IsOrganizationTrail", false,
                "KMSKeyId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("ArchiveKey.*"), "Arn")),
                "S3BucketName", Map.of("Ref", Match.stringLikeRegexp("ArchiveBucket.*")),
                "CloudWatchLogsLogGroupArn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("TrailLogGroup.*"), "Arn")),
                "AdvancedEventSelectors", Match.arrayWith(List.of(Map.of("Name", "Management events",
                        "FieldSelectors", List.of(Map.of("Field", "eventCategory", "Equals", List.of("Management"))))))));
        template.hasResource("AWS::CloudTrail::Trail", Map.of("DeletionPolicy", "Retain",
                "UpdateReplacePolicy", "Retain"));
        template.hasResource("AWS::CloudTrail::Trail", Map.of("DependsOn", Match.arrayWith(List.of(
                Match.stringLikeRegexp("ArchiveBucketPolicy.*"), Match.stringLikeRegexp("TrailLogsPolicy.*")))));
    }

    @Test
    void trailLogGroupIsKmsEncryptedKeptAYearAndRetained() {
        template.hasResource("AWS::Logs::LogGroup", Map.of(
                "Properties", Map.of("RetentionInDays", 365,
                        "KmsKeyId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("ArchiveKey.*"), "Arn"))),
                "DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain"));
    }

    @Test
    void trailLogsRoleIsConfusedDeputySafeWithACustomerManagedPolicyOnOneLogGroup() {
        TestStacks.assertServiceRoleTrust(template, "cloudtrail.amazonaws.com", ":cloudtrail:eu-west-1:111111111111:trail/*");
        template.hasResourceProperties("AWS::IAM::ManagedPolicy", Map.of("PolicyDocument", Map.of("Statement",
                List.of(Map.of("Effect", "Allow", "Action", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                        "Resource", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("TrailLogGroup.*"), "Arn")))))));
    }

    @Test
    void noInlinePoliciesAndNoAwsManagedPolicies() {
        template.resourceCountIs("AWS::IAM::Policy", 0);
        template.allResourcesProperties("AWS::IAM::Role", Match.not(Match.objectLike(
                Map.of("ManagedPolicyArns", Match.anyValue()))));
    }

    // ------------------------------------------------------------------ alarms

    @Test
    void oneMetricFilterAndOneAlarmPerSecurityEvent() {
        int events = SecurityEvent.values().length;
        template.resourceCountIs("AWS::Logs::MetricFilter", events);
        template.resourceCountIs("AWS::CloudWatch::Alarm", events);
        for (SecurityEvent event : SecurityEvent.values()) {
            template.hasResourceProperties("AWS::Logs::MetricFilter", Map.of(
                    "LogGroupName", Map.of("Ref", Match.stringLikeRegexp("TrailLogGroup.*")),
                    "FilterPattern", event.pattern(),
                    "MetricTransformations", List.of(Map.of("MetricNamespace", SecurityAlarms.NAMESPACE,
                            "MetricName", event.metricName(), "MetricValue", "1", "DefaultValue", 0))));
        }
    }

    @Test
    void alarmsFireOnTheFirstMatchingRecordAndNotifyTheTopic() {
        template.allResourcesProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "Namespace", SecurityAlarms.NAMESPACE,
                "Statistic", "Sum",
                "Period", 300,
                "Threshold", 1,
                "EvaluationPeriods", 1,
                "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                "TreatMissingData", "notBreaching",
                "AlarmActions", List.of(Map.of("Ref", Match.stringLikeRegexp("AlarmsTopic.*"))))));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "RootAccountUsage"));
    }

    @Test
    void topicIsEncryptedWithARotatedKeyThatOnlyCloudWatchOfThisAccountMayUse() {
        template.hasResourceProperties("AWS::SNS::Topic", Map.of("KmsMasterKeyId",
                Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("AlarmsTopicKey.*"), "Arn"))));
        template.hasResource("AWS::KMS::Key", Map.of(
                "Properties", Match.objectLike(Map.of("EnableKeyRotation", true,
                        "KeyPolicy", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                                "Sid", "AllowCloudWatchAlarmsOfThisAccount",
                                "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                                "Action", List.of("kms:Decrypt", "kms:GenerateDataKey*"),
                                "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", "111111111111"))))))))),
                "DeletionPolicy", "Retain"));
    }

    @Test
    void topicAcceptsSslOnlyAndOnlyAlarmsOfThisAccountMayPublish() {
        template.hasResourceProperties("AWS::SNS::TopicPolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Effect", "Deny", "Action", "sns:Publish",
                                "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))),
                        Match.objectLike(Map.of("Sid", "AllowCloudWatchAlarmsOfThisAccount", "Effect", "Allow",
                                "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                                "Action", "sns:Publish",
                                "Condition", Map.of(
                                        "StringEquals", Map.of("aws:SourceAccount", "111111111111"),
                                        "ArnLike", Map.of("aws:SourceArn",
                                                arn(":cloudwatch:eu-west-1:111111111111:alarm:*"))))))))));
    }

    // ------------------------------------------------------------------ config

    @Test
    void recorderRecordsEverythingIncludingGlobalResourcesWithTheServiceLinkedRole() {
        template.hasResourceProperties("AWS::Config::ConfigurationRecorder", Map.of(
                "RoleARN", arn(":iam::111111111111:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"),
                "RecordingGroup", Map.of("AllSupported", true, "IncludeGlobalResourceTypes", true)));
    }

    @Test
    void deliveryChannelWritesToTheArchiveUnderItsKey() {
        template.hasResource("AWS::Config::DeliveryChannel", Map.of(
                "Properties", Map.of(
                        "S3BucketName", Map.of("Ref", Match.stringLikeRegexp("ArchiveBucket.*")),
                        "S3KmsKeyArn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("ArchiveKey.*"), "Arn")),
                        "ConfigSnapshotDeliveryProperties", Map.of("DeliveryFrequency", "TwentyFour_Hours")),
                "DependsOn", Match.arrayWith(List.of(Match.stringLikeRegexp("ArchiveBucketPolicy.*"),
                        Match.stringLikeRegexp("ConfigRecorder.*")))));
    }

    @Test
    void theVpcRuleSetOfTheIssueIsComplete() {
        List<String> identifiers = template.findResources("AWS::Config::ConfigRule").values().stream()
                .map(r -> (String) source(r).get("SourceIdentifier")).sorted().toList();
        assertEquals(List.of("CLOUD_TRAIL_ENABLED", "CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED",
                "EC2_INSTANCE_NO_PUBLIC_IP", "GUARDDUTY_ENABLED_CENTRALIZED", "INCOMING_SSH_DISABLED",
                "INTERNET_GATEWAY_AUTHORIZED_VPC_ONLY", "MULTI_REGION_CLOUD_TRAIL_ENABLED",
                "NACL_NO_UNRESTRICTED_SSH_RDP", "NO_UNRESTRICTED_ROUTE_TO_IGW", "RESTRICTED_INCOMING_TRAFFIC",
                "SERVICE_VPC_ENDPOINT_ENABLED", "SUBNET_AUTO_ASSIGN_PUBLIC_IP_DISABLED",
                "VPC_DEFAULT_SECURITY_GROUP_CLOSED", "VPC_FLOW_LOGS_ENABLED", "VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS"),
                identifiers);
        template.hasResourceProperties("AWS::Config::ConfigRule", Map.of(
                "Source", Map.of("Owner", "AWS", "SourceIdentifier", "VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS"),
                "InputParameters", Map.of("authorizedTcpPorts", "443")));
        template.hasResourceProperties("AWS::Config::ConfigRule", Map.of(
                "Source", Map.of("Owner", "AWS", "SourceIdentifier", "SERVICE_VPC_ENDPOINT_ENABLED"),
                "InputParameters", Map.of("serviceName", "s3")));
    }

    @Test
    void rulesWaitForTheRecorderAndTheDeliveryChannel() {
        template.allResources("AWS::Config::ConfigRule", Map.of("DependsOn", Match.arrayWith(List.of(
                Match.stringLikeRegexp("ConfigDeliveryChannel.*"), Match.stringLikeRegexp("ConfigRecorder.*")))));
    }

    @Test
    void threeSafeRemediationsRunAutomaticallyWithRetryLimits() {
        Map<String, Map<String, Object>> remediations = template.findResources("AWS::Config::RemediationConfiguration");
        assertEquals(Map.of(
                        "AWS-DisablePublicAccessForSecurityGroup", "AWS::EC2::SecurityGroup",
                        "AWSConfigRemediation-RemoveVPCDefaultSecurityGroupRules", "AWS::EC2::SecurityGroup",
                        "AWSConfigRemediation-DisableSubnetAutoAssignPublicIP", "AWS::EC2::Subnet"),
                remediations.values().stream().map(AuditBaselineDefaultsTest::props).collect(Collectors.toMap(
                        p -> (String) p.get("TargetId"), p -> (String) p.get("ResourceType"))));
        template.allResourcesProperties("AWS::Config::RemediationConfiguration", Match.objectLike(Map.of(
                "TargetType", "SSM_DOCUMENT",
                "Automatic", true,
                "MaximumAutomaticAttempts", 3,
                "RetryAttemptSeconds", 60)));
        template.hasResourceProperties("AWS::Config::RemediationConfiguration", Map.of(
                "TargetId", "AWS-DisablePublicAccessForSecurityGroup",
                "ConfigRuleName", Map.of("Ref", Match.stringLikeRegexp("ConfigRestrictedSsh.*")),
                "Parameters", Map.of(
                        "GroupId", Map.of("ResourceValue", Map.of("Value", "RESOURCE_ID")),
                        "AutomationAssumeRole", Map.of("StaticValue", Map.of("Values", List.of(
                                Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("ConfigRemediationRole.*"), "Arn"))))))));
    }

    @Test
    void automationRoleIsAssumableOnlyBySsmAutomationOfThisAccountAndRegion() {
        TestStacks.assertServiceRoleTrust(template, "ssm.amazonaws.com", ":ssm:eu-west-1:111111111111:automation-execution/*");
    }

    @Test
    void automationPolicyNamesEachActionAndNarrowsWritesToThisAccountAndRegion() {
        Map<String, Object> thisAccountAndRegion = Map.of("StringEquals", Map.of(
                "aws:ResourceAccount", Map.of("Ref", "AWS::AccountId"),
                "aws:RequestedRegion", Map.of("Ref", "AWS::Region")));
        template.hasResourceProperties("AWS::IAM::ManagedPolicy", Map.of("PolicyDocument", Map.of("Statement", List.of(
                Map.of("Sid", "DescribeHasNoResourceLevelPermissions", "Effect", "Allow",
                        "Action", List.of("ec2:DescribeSecurityGroups", "ec2:DescribeSubnets"), "Resource", "*"),
                Map.of("Sid", "RevokeSecurityGroupRules", "Effect", "Allow",
                        "Action", List.of("ec2:RevokeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress"),
                        "Resource", "arn:*:ec2:*:*:security-group/*", "Condition", thisAccountAndRegion),
                Map.of("Sid", "DisableSubnetPublicIpAutoAssignment", "Effect", "Allow",
                        "Action", "ec2:ModifySubnetAttribute",
                        "Resource", "arn:*:ec2:*:*:subnet/*", "Condition", thisAccountAndRegion)))));
    }

    @Test
    void trailRecordsWritesToTheArchiveButItsOwnDeliveries() {
        template.hasResourceProperties("AWS::CloudTrail::Trail", Map.of("AdvancedEventSelectors", Match.arrayWith(List.of(
                Map.of("Name", "Writes to the archive buckets but log deliveries", "FieldSelectors", List.of(
                        Map.of("Field", "eventCategory", "Equals", List.of("Data")),
                        Map.of("Field", "resources.type", "Equals", List.of("AWS::S3::Object")),
                        Map.of("Field", "readOnly", "Equals", List.of("false")),
                        Map.of("Field", "eventName", "NotEquals", List.of("PutObject")),
                        Map.of("Field", "resources.ARN", "StartsWith", List.of(Map.of("Fn::Join", List.of("",
                                List.of(Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("ArchiveBucket.*"), "Arn")),
                                        "/")))))))))));
    }

    @Test
    void defaultsWarnOnlyThatTheArchiveIsUnlockedAndTheAlarmsHaveNoSubscriber() {
        var annotations = TestStacks.annotations(stack);
        annotations.hasWarning("/Test/Archive", Match.stringLikeRegexp(".*objectLockRetention is unset.*"));
        annotations.hasWarning("/Test/Alarms", Match.stringLikeRegexp(".*subscriptions is unset.*"));
        assertEquals(2, annotations.findWarning("*", Match.anyValue()).size());
    }

    /** An ARN rendered as {@code arn:<partition><rest>}. */
    static Object arn(final String rest) {
        return TestStacks.arn(rest);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> props(final Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> source(final Map<String, Object> resource) {
        return (Map<String, Object>) props(resource).get("Source");
    }
}
