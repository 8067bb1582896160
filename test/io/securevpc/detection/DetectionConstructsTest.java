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
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.s3.Bucket;

/** The detection constructs' resources: detector, topic, automations and their roles (BP-MON-2/4/5). */
class DetectionConstructsTest {
    private static final Object PARTITION = Map.of("Ref", "AWS::Partition");
    private static Template template;

    @BeforeAll
    static void synth() {
        Stack stack = TestStacks.regionalStack();
        Vpc vpc = Vpc.Builder.create(stack, "Vpc").maxAzs(1).natGateways(0).build();
        new ThreatDetection(stack, "GuardDuty", null);
        SecurityAlerts alerts = new SecurityAlerts(stack, "Alerts", null);
        new InstanceIsolation(stack, "Isolation", InstanceIsolationProps.builder().vpc(vpc).alerts(alerts).build());
        new TamperResponse(stack, "Tamper", alerts, "arn:aws:cloudtrail:eu-west-1:111111111111:trail/audit", false,
                false);
        template = Template.fromStack(stack);
    }

    @Test
    void detectorHasEveryProtectionFeatureOnAndPublishesEveryFifteenMinutes() {
        template.hasResourceProperties("AWS::GuardDuty::Detector", Map.of(
                "Enable", true,
                "FindingPublishingFrequency", "FIFTEEN_MINUTES",
                "Features", Match.arrayWith(List.of(
                        Map.of("Name", "S3_DATA_EVENTS", "Status", "ENABLED"),
                        Map.of("Name", "EKS_AUDIT_LOGS", "Status", "ENABLED"),
                        Map.of("Name", "EBS_MALWARE_PROTECTION", "Status", "ENABLED"),
                        Map.of("Name", "RDS_LOGIN_EVENTS", "Status", "ENABLED"),
                        Match.objectLike(Map.of("Name", "RUNTIME_MONITORING", "Status", "ENABLED",
                                "AdditionalConfiguration", List.of(
                                        Map.of("Name", "EKS_ADDON_MANAGEMENT", "Status", "ENABLED"),
                                        Map.of("Name", "ECS_FARGATE_AGENT_MANAGEMENT", "Status", "ENABLED"),
                                        Map.of("Name", "EC2_AGENT_MANAGEMENT", "Status", "ENABLED")))),
                        Map.of("Name", "LAMBDA_NETWORK_LOGS", "Status", "ENABLED")))));
    }

    @Test
    void alertsTopicAndDeadLetterQueueAreEncryptedWithTheRotatedKey() {
        template.hasResourceProperties("AWS::SNS::Topic", Map.of("KmsMasterKeyId",
                Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("AlertsKey.*"), "Arn"))));
        template.hasResourceProperties("AWS::SQS::Queue", Map.of("KmsMasterKeyId",
                Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("AlertsKey.*"), "Arn")),
                "MessageRetentionPeriod", 1209600));
        template.hasResourceProperties("AWS::SNS::TopicPolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of("Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
    }

    @Test
    void isolationDocumentSkipsATaggedInstanceQuarantinesEveryInterfaceAndTagsLastWithBoundedRetries() {
        template.hasResourceProperties("AWS::SSM::Document", Map.of("DocumentType", "Automation",
                "Content", Match.objectLike(Map.of("mainSteps", List.of(
                        Match.objectLike(Map.of("name", "CheckQuarantineTag", "action", "aws:executeAwsApi",
                                "maxAttempts", 3, "onFailure", "Abort",
                                "inputs", Match.objectLike(Map.of("Service", "ec2", "Api", "DescribeTags")),
                                "outputs", List.of(Map.of("Name", "TagValues", "Type", "StringList",
                                        "Selector", "$.Tags..Value")))),
                        Map.of("name", "SkipWhenIsolated", "action", "aws:branch", "inputs", Map.of("Choices",
                                List.of(Map.of("NextStep", "TagInstance", "Variable",
                                        "{{ CheckQuarantineTag.TagValues }}", "Contains", "true")))),
                        Match.objectLike(Map.of("name", "DescribeInstance", "onFailure", "Abort",
                                "outputs", List.of(Map.of("Name", "NetworkInterfaceIds", "Type", "StringList",
                                        "Selector", "$.Reservations[0].Instances[0].NetworkInterfaces..NetworkInterfaceId")))),
                        Match.objectLike(Map.of("name", "QuarantineEveryInterface", "action", "aws:loop",
                                "onFailure", "Abort", "inputs", Map.of(
                                        "Iterators", "{{ DescribeInstance.NetworkInterfaceIds }}",
                                        "IteratorDataType", "String",
                                        "Steps", List.of(Match.objectLike(Map.of("name", "ReplaceInterfaceGroups",
                                                "onFailure", "Abort", "inputs", Map.of("Service", "ec2",
                                                        "Api", "ModifyNetworkInterfaceAttribute",
                                                        "NetworkInterfaceId",
                                                        "{{ QuarantineEveryInterface.CurrentIteratorValue }}",
                                                        "Groups", List.of("{{ QuarantineSecurityGroupId }}")))))))),
                        Match.objectLike(Map.of("name", "SnapshotVolumes", "onFailure", "Abort",
                                "inputs", Match.objectLike(Map.of("Api", "CreateSnapshots")))),
                        Match.objectLike(Map.of("name", "FindInstanceProfile", "onFailure", "Abort",
                                "inputs", Match.objectLike(Map.of("Api", "DescribeIamInstanceProfileAssociations")),
                                "outputs", List.of(Map.of("Name", "AssociationIds", "Type", "StringList",
                                        "Selector", "$.IamInstanceProfileAssociations..AssociationId")))),
                        Match.objectLike(Map.of("name", "DetachEveryInstanceProfile", "action", "aws:loop",
                                "inputs", Match.objectLike(Map.of("Iterators", "{{ FindInstanceProfile.AssociationIds }}",
                                        "Steps", List.of(Match.objectLike(Map.of("name", "DetachInstanceProfile",
                                                "onFailure", "Abort", "inputs", Map.of("Service", "ec2",
                                                        "Api", "DisassociateIamInstanceProfile", "AssociationId",
                                                        "{{ DetachEveryInstanceProfile.CurrentIteratorValue }}")))))))),
                        Match.objectLike(Map.of("name", "TagInstance", "action", "aws:executeAwsApi",
                                "isEnd", true, "inputs", Match.objectLike(Map.of("Service", "ec2",
                                        "Api", "CreateTags")))))))));
    }

    @Test
    void quarantineGroupHasNoIngressAndOnlyCdksDisallowAllEgress() {
        template.hasResourceProperties("AWS::EC2::SecurityGroup", Map.of(
                "GroupDescription", "Quarantine: no ingress, no egress",
                "SecurityGroupEgress", List.of(Map.of("CidrIp", "255.255.255.255/32", "Description",
                        "Disallow all traffic", "FromPort", 252, "IpProtocol", "icmp", "ToPort", 86))));
    }

    @Test
    void isolationRoleActsOnlyOnThisVpcsInterfacesAndOnThisAccountAndRegionsInstances() {
        Object quarantineGroupArn = Map.of("Fn::Join", List.of("", List.of("arn:", PARTITION,
                ":ec2:eu-west-1:111111111111:security-group/",
                Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("IsolationQuarantineGroup.*"), "GroupId")))));
        Object thisVpc = Map.of("ArnEquals", Map.of("ec2:Vpc", Map.of("Fn::Join", List.of("", List.of("arn:",
                PARTITION, ":ec2:eu-west-1:111111111111:vpc/", Map.of("Ref", Match.stringLikeRegexp("Vpc.*")))))));
        Map<String, Object> thisAccountAndRegion = Map.of("aws:ResourceAccount", "111111111111",
                "aws:RequestedRegion", "eu-west-1");
        Object anyInstance = Map.of("Fn::Join", List.of("", List.of("arn:", PARTITION,
                ":ec2:eu-west-1:111111111111:instance/*")));
        Object anyInterface = Map.of("Fn::Join", List.of("", List.of("arn:", PARTITION,
                ":ec2:eu-west-1:111111111111:network-interface/*")));
        template.hasResourceProperties("AWS::IAM::ManagedPolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(
                        Map.of("Sid", "TagWithTheQuarantineTagOnly", "Effect", "Allow", "Action", "ec2:CreateTags",
                                "Resource", anyInstance, "Condition", Map.of(
                                        "ForAllValues:StringEquals", Map.of("aws:TagKeys", List.of("securevpc:quarantine")),
                                        "StringEquals", thisAccountAndRegion)),
                        Map.of("Sid", "FindInterfacesAndInstanceProfile", "Effect", "Allow", "Action",
                                List.of("ec2:DescribeIamInstanceProfileAssociations", "ec2:DescribeInstances",
                                        "ec2:DescribeTags"),
                                "Resource", "*"),
                        Map.of("Sid", "QuarantineInterfacesOfThisVpc", "Effect", "Allow",
                                "Action", "ec2:ModifyNetworkInterfaceAttribute",
                                "Resource", List.of(anyInterface, quarantineGroupArn), "Condition", thisVpc),
                        Map.of("Sid", "DetachInstanceProfile", "Effect", "Allow",
                                "Action", "ec2:DisassociateIamInstanceProfile", "Resource", anyInstance,
                                "Condition", Map.of("StringEquals", thisAccountAndRegion)),
                        Match.objectLike(Map.of("Sid", "SnapshotVolumesAsEvidence", "Action", "ec2:CreateSnapshots",
                                "Condition", Map.of("StringEquals", thisAccountAndRegion))))))));
        template.resourcePropertiesCountIs("AWS::IAM::ManagedPolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of("Action", "ec2:ModifyInstanceAttribute")))))), 0);
    }

    private static final Map<String, Object> READ_THE_GROUP = Map.of("Sid", "ReadTheGroupsRules", "Effect", "Allow",
            "Action", "ec2:DescribeSecurityGroups", "Resource", "*");

    @Test
    void revocationRevokesOnlyOnTheGivenVpcsGroupsOrElseOnThisAccountAndRegionsGroups() {
        Object anyGroup = Map.of("Fn::Join", List.of("", List.of("arn:", PARTITION,
                ":ec2:eu-west-1:111111111111:security-group/*")));
        Template withVpc = TestStacks.template(stack -> new PublicIngressRevocation(stack, "Revoke",
                new SecurityAlerts(stack, "Alerts", null), Vpc.Builder.create(stack, "Vpc").maxAzs(1).natGateways(0)
                .build(), null, false));
        withVpc.hasResourceProperties("AWS::IAM::ManagedPolicy", Map.of("PolicyDocument", Map.of("Statement",
                List.of(READ_THE_GROUP, Map.of("Sid", "RevokeWorldOpenIngress", "Effect", "Allow",
                        "Action", "ec2:RevokeSecurityGroupIngress", "Resource", anyGroup,
                        "Condition", Map.of("ArnEquals", Map.of("ec2:Vpc", Map.of("Fn::Join", List.of("", List.of(
                                "arn:", PARTITION, ":ec2:eu-west-1:111111111111:vpc/",
                                Map.of("Ref", Match.stringLikeRegexp("Vpc.*"))))))))))));
        Template anyVpc = TestStacks.template(stack -> new PublicIngressRevocation(stack, "Revoke",
                new SecurityAlerts(stack, "Alerts", null), null, null, false));
        anyVpc.hasResourceProperties("AWS::IAM::ManagedPolicy", Map.of("PolicyDocument", Map.of("Statement",
                List.of(READ_THE_GROUP, Map.of("Sid", "RevokeWorldOpenIngress", "Effect", "Allow",
                        "Action", "ec2:RevokeSecurityGroupIngress", "Resource", anyGroup,
                        "Condition", Map.of("StringEquals", Map.of("aws:ResourceAccount", "111111111111",
                                "aws:RequestedRegion", "eu-west-1")))))));
    }

    @Test
    void eventBridgeMayStartOnlyItsDocumentAndPassOnlyItsRoleToSsm() {
        template.hasResourceProperties("AWS::IAM::ManagedPolicy", Map.of("PolicyDocument", Map.of("Statement",
                List.of(
                        Map.of("Effect", "Allow", "Action", "ssm:StartAutomationExecution", "Resource",
                                Map.of("Fn::Join", List.of("", List.of("arn:", PARTITION,
                                        ":ssm:eu-west-1:111111111111:automation-definition/",
                                        Map.of("Ref", Match.stringLikeRegexp("IsolationRunbookDocument.*")),
                                        ":$DEFAULT")))),
                        Match.objectLike(Map.of("Action", "iam:PassRole", "Condition", Map.of("StringEquals",
                                Map.of("iam:PassedToService", "ssm.amazonaws.com"))))))));
    }

    @Test
    void automationTargetsRetryBoundedAndDeadLetterUndeliveredEvents() {
        template.hasResourceProperties("AWS::Events::Rule", Map.of("Targets", Match.arrayWith(List.of(
                Match.objectLike(Map.of(
                        "RetryPolicy", Map.of("MaximumRetryAttempts", 4, "MaximumEventAgeInSeconds", 3600),
                        "DeadLetterConfig", Map.of("Arn", Map.of("Fn::GetAtt",
                                List.of(Match.stringLikeRegexp("AlertsDeadLetterQueue.*"), "Arn"))),
                        "InputTransformer", Match.objectLike(Map.of("InputPathsMap", Map.of("detail-resource-instanceDetails-instanceId",
                                "$.detail.resource.instanceDetails.instanceId")))))))));
    }

    @Test
    void trailRestartCanStartTheOneConfiguredTrailOnly() {
        template.hasResourceProperties("AWS::IAM::ManagedPolicy", Map.of("PolicyDocument", Map.of("Statement",
                List.of(Map.of("Effect", "Allow", "Action", "cloudtrail:StartLogging",
                        "Resource", "arn:aws:cloudtrail:eu-west-1:111111111111:trail/audit")))));
        template.resourcePropertiesCountIs("AWS::Events::Rule",
                Map.of("Description", "Config recorder stopped: start it again"), 0);
    }

    @Test
    void adoptsAnExistingDetectorInsteadOfCreatingOne() {
        Stack stack = TestStacks.regionalStack();
        ThreatDetection adopted = new ThreatDetection(stack, "GuardDuty",
                ThreatDetectionProps.builder().existingDetectorId("12abc34d567e8fa901bc2d34e56789f0").build());
        Template.fromStack(stack).resourceCountIs("AWS::GuardDuty::Detector", 0);
        assertEquals("12abc34d567e8fa901bc2d34e56789f0", adopted.getDetectorId());
    }

    @Test
    void exportsFindingsToTheArchiveBucketEncryptedWithTheGivenKey() {
        Stack stack = TestStacks.regionalStack();
        Key key = Key.Builder.create(stack, "ArchiveKey").enableKeyRotation(true).build();
        Bucket bucket = Bucket.Builder.create(stack, "Archive").build();
        new ThreatDetection(stack, "GuardDuty", ThreatDetectionProps.builder().findingsBucket(bucket)
                .findingsKey(key).build());
        Template t = Template.fromStack(stack);
        t.hasResourceProperties("AWS::GuardDuty::PublishingDestination", Map.of("DestinationType", "S3",
                "DestinationProperties", Map.of("KmsKeyArn", Map.of("Fn::GetAtt",
                        List.of(Match.stringLikeRegexp("ArchiveKey.*"), "Arn")))));
        t.hasResourceProperties("AWS::S3::BucketPolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of("Sid", "GuardDutyWritesFindings",
                        "Action", "s3:PutObject", "Principal", Map.of("Service", "guardduty.amazonaws.com"),
                        "Resource", Map.of("Fn::Join", List.of("", List.of(Map.of("Fn::GetAtt",
                                List.of(Match.stringLikeRegexp("Archive.*"), "Arn")),
                                "/AWSLogs/111111111111/GuardDuty/*"))),
                        "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", "111111111111"),
                                "ArnLike", Map.of("aws:SourceArn",
                                        TestStacks.arn(":guardduty:eu-west-1:111111111111:detector/*"))))))))));
        t.hasResource("AWS::GuardDuty::PublishingDestination", Map.of("DeletionPolicy", "Retain",
                "Properties", Match.objectLike(Map.of("DestinationProperties", Match.objectLike(Map.of(
                        "DestinationArn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("Archive.*"), "Arn"))))))));
        t.hasResourceProperties("AWS::KMS::Key", Map.of("KeyPolicy", Map.of("Statement", Match.arrayWith(List.of(
                Match.objectLike(Map.of("Sid", "GuardDutyEncryptsFindings", "Action", "kms:GenerateDataKey")))))));
        t.hasResource("AWS::GuardDuty::PublishingDestination", Map.of("DependsOn",
                List.of(Match.stringLikeRegexp("ArchivePolicy.*"))));
    }

    @Test
    void failsToExportFindingsWithoutAKey() {
        Stack stack = TestStacks.regionalStack();
        Bucket bucket = Bucket.Builder.create(stack, "Archive").build();
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () ->
                new ThreatDetection(stack, "GuardDuty", ThreatDetectionProps.builder().findingsBucket(bucket).build()));
        assertTrue(e.getMessage().contains("findingsKey = (unset): set together with findingsBucket"), e.getMessage());
    }

    @Test
    void switchingAFeatureOffWarns() {
        Stack stack = TestStacks.regionalStack();
        new ThreatDetection(stack, "GuardDuty", ThreatDetectionProps.builder()
                .disabledFeatures(List.of(ThreatDetection.Feature.RDS_LOGIN_EVENTS)).build());
        Template.fromStack(stack).hasResourceProperties("AWS::GuardDuty::Detector", Map.of("Features",
                Match.arrayWith(List.of(Map.of("Name", "RDS_LOGIN_EVENTS", "Status", "DISABLED")))));
        Annotations.fromStack(stack).hasWarning("/Test/GuardDuty",
                Match.stringLikeRegexp("GuardDuty feature RDS_LOGIN_EVENTS is off.*"));
    }

    @Test
    void alertOnlyIsolationNotifiesButStartsNoAutomationAndWarns() {
        Stack stack = TestStacks.regionalStack();
        Vpc vpc = Vpc.Builder.create(stack, "Vpc").maxAzs(1).natGateways(0).build();
        SecurityAlerts alerts = new SecurityAlerts(stack, "Alerts", null);
        new InstanceIsolation(stack, "Isolation", InstanceIsolationProps.builder().vpc(vpc).alerts(alerts)
                .alertOnly(true).build());
        Template t = Template.fromStack(stack);
        t.resourceCountIs("AWS::SSM::Document", 0);
        t.hasResourceProperties("AWS::Events::Rule", Map.of("Targets", List.of(Match.objectLike(Map.of(
                "Arn", Map.of("Ref", Match.stringLikeRegexp("AlertsTopic.*")))))));
        Annotations.fromStack(stack).hasWarning("/Test/Isolation",
                Match.stringLikeRegexp("InstanceIsolation is alert-only.*"));
    }

    @Test
    void failsOnASeverityOutsideGuardDutysScale() {
        Stack stack = TestStacks.regionalStack();
        Vpc vpc = Vpc.Builder.create(stack, "Vpc").maxAzs(1).natGateways(0).build();
        SecurityAlerts alerts = new SecurityAlerts(stack, "Alerts", null);
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () ->
                new InstanceIsolation(stack, "Isolation", InstanceIsolationProps.builder().vpc(vpc).alerts(alerts)
                        .severityThreshold(11.0).build()));
        assertEquals(List.of(ErrorCode.CONFLICTING_PROPS), e.getCodes());
        assertTrue(e.getMessage().contains("severityThreshold = 11.0: a GuardDuty severity from 1 to 10"),
                e.getMessage());
    }

    @Test
    void failsOnAProtectedPortOutOfRange() {
        Stack stack = TestStacks.regionalStack();
        SecurityAlerts alerts = new SecurityAlerts(stack, "Alerts", null);
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () ->
                new PublicIngressRevocation(stack, "Revoke", alerts, null, List.of(22, 70000), false));
        assertTrue(e.getMessage().contains("[SVPC-010] protectedPorts = 70000: ports from 0 to 65535"),
                e.getMessage());
    }
}
