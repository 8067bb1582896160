package io.securevpc.audit;

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
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.s3.ObjectLockMode;

/**
 * The archive cannot be erased from its own account (BP-AUD-1/2): Object Lock, bucket policies that deny erasing
 * and re-keying to all but a break-glass principal, a key nobody else may disable, delete or re-policy, every log
 * bucket's events on EventBridge, and the recorder kept when the stack goes. One template with Object Lock and a
 * break-glass role, one with the defaults.
 */
class ArchiveProtectionTest {
    private static final String BREAK_GLASS = "arn:aws:iam::111111111111:role/AuditBreakGlass";
    private static Template locked;
    private static Template defaults;

    @BeforeAll
    static void synth() {
        Stack stack = AuditTestStacks.regionalStack();
        LogArchive archive = new LogArchive(stack, "Archive", LogArchiveProps.builder()
                .objectLockRetention(Duration.days(365)).objectLockMode(ObjectLockMode.COMPLIANCE)
                .breakGlassPrincipalArn(BREAK_GLASS).build());
        new ConfigBaseline(stack, "Config", ConfigBaselineProps.builder(archive).build());
        locked = Template.fromStack(stack);
        Stack plain = AuditTestStacks.regionalStack();
        new LogArchive(plain, "Archive", null);
        defaults = Template.fromStack(plain);
    }

    private static Map<String, Object> bucketPolicyOf(final String bucket, final Object statement) {
        return Map.of("Bucket", Map.of("Ref", Match.stringLikeRegexp(bucket + ".*")),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(statement))));
    }

    @Test
    void bothArchiveBucketsDenyErasingToAllButTheBreakGlassPrincipal() {
        for (String bucket : List.of("ArchiveBucket", "ArchiveConfigBucket")) {
            locked.hasResourceProperties("AWS::S3::BucketPolicy", bucketPolicyOf(bucket, Map.of(
                    "Sid", "DenyErasingTheArchive", "Effect", "Deny", "Principal", Map.of("AWS", "*"),
                    "Action", List.of("s3:BypassGovernanceRetention", "s3:DeleteBucket", "s3:DeleteBucketPolicy",
                            "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:PutBucketObjectLockConfiguration",
                            "s3:PutBucketPolicy", "s3:PutBucketVersioning", "s3:PutLifecycleConfiguration"),
                    "Resource", Match.arrayWith(List.of(Map.of("Fn::GetAtt",
                            List.of(Match.stringLikeRegexp(bucket + ".*"), "Arn")))),
                    "Condition", Map.of("StringNotLike", Map.of("aws:PrincipalArn", BREAK_GLASS)))));
        }
    }

    @Test
    void withoutABreakGlassPrincipalTheBucketDeniesErasingToEveryone() {
        defaults.hasResourceProperties("AWS::S3::BucketPolicy", bucketPolicyOf("ArchiveBucket", Match.objectEquals(Map.of(
                "Sid", "DenyErasingTheArchive", "Effect", "Deny", "Principal", Map.of("AWS", "*"),
                "Action", LogArchive.ERASING_ACTIONS,
                "Resource", List.of(Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("ArchiveBucket.*"), "Arn")),
                        Map.of("Fn::Join", List.of("", List.of(Map.of("Fn::GetAtt", List.of(
                                Match.stringLikeRegexp("ArchiveBucket.*"), "Arn")), "/*"))))))));
    }

    @Test
    void uploadsNamingAnotherKeyThanTheArchiveKeyAreDenied() {
        for (String bucket : List.of("ArchiveBucket", "ArchiveConfigBucket")) {
            locked.hasResourceProperties("AWS::S3::BucketPolicy", bucketPolicyOf(bucket, Match.objectLike(Map.of(
                    "Sid", "DenyUploadsUnderAnotherKey", "Effect", "Deny", "Action", "s3:PutObject",
                    "Condition", Map.of("StringNotEqualsIfExists", Map.of(
                            "s3:x-amz-server-side-encryption-aws-kms-key-id",
                            Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("ArchiveKey.*"), "Arn"))))))));
        }
    }

    @Test
    void complianceModeLocksTheCloudTrailBucketAndConfigsBucketHasNoLock() {
        locked.hasResourceProperties("AWS::S3::Bucket", Map.of("ObjectLockEnabled", true,
                "ObjectLockConfiguration", Map.of("ObjectLockEnabled", "Enabled", "Rule", Map.of("DefaultRetention",
                        Map.of("Mode", "COMPLIANCE", "Days", 365)))));
        assertEquals(1, locked.findResources("AWS::S3::Bucket", Map.of("Properties",
                Match.objectLike(Map.of("ObjectLockEnabled", true)))).size());
    }

    @Test
    void governanceIsTheDefaultMode() {
        Stack stack = AuditTestStacks.regionalStack();
        new LogArchive(stack, "Archive", LogArchiveProps.builder().objectLockRetention(Duration.days(30)).build());
        Template.fromStack(stack).hasResourceProperties("AWS::S3::Bucket", Map.of("ObjectLockConfiguration",
                Map.of("ObjectLockEnabled", "Enabled", "Rule", Map.of("DefaultRetention",
                        Map.of("Mode", "GOVERNANCE", "Days", 30)))));
    }

    @Test
    void keyDeniesDisablingDeletionAndRepolicyingToAllButTheBreakGlassPrincipal() {
        locked.hasResourceProperties("AWS::KMS::Key", Map.of("BypassPolicyLockoutSafetyCheck", true,
                "KeyPolicy", Map.of("Statement", Match.arrayWith(List.of(
                        Map.of("Sid", "DenyKeyDestructionExceptBreakGlass", "Effect", "Deny",
                                "Principal", Map.of("AWS", "*"), "Resource", "*",
                                "Action", List.of("kms:DisableKey", "kms:PutKeyPolicy", "kms:ScheduleKeyDeletion"),
                                "Condition", Map.of("StringNotLike", Map.of("aws:PrincipalArn", BREAK_GLASS))),
                        Map.of("Sid", "DenyGrantsNotForAwsResources", "Effect", "Deny",
                                "Principal", Map.of("AWS", "*"), "Resource", "*", "Action", "kms:CreateGrant",
                                "Condition", Map.of("BoolIfExists", Map.of("kms:GrantIsForAWSResource", "false"))))))));
    }

    @Test
    void withoutABreakGlassPrincipalOnlyTheRootUserMayChangeTheKey() {
        defaults.hasResourceProperties("AWS::KMS::Key", Map.of("KeyPolicy", Map.of("Statement", Match.arrayWith(
                List.of(Match.objectLike(Map.of("Sid", "DenyKeyDestructionExceptBreakGlass",
                        "Condition", Map.of("StringNotLike", Map.of("aws:PrincipalArn",
                                TestStacks.arn(":iam::111111111111:root"))))))))));
    }

    @Test
    void cloudTrailMayUseTheKeyOnlyForTrailsOfThisAccountBySourceArn() {
        Object trails = TestStacks.arn(":cloudtrail:*:111111111111:trail/*");
        locked.hasResourceProperties("AWS::KMS::Key", Map.of("KeyPolicy", Map.of("Statement", Match.arrayWith(List.of(
                Match.objectLike(Map.of("Sid", "AllowCloudTrailOfThisAccountToEncrypt", "Condition", Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", "111111111111"),
                        "StringLike", Map.of("kms:EncryptionContext:aws:cloudtrail:arn", trails),
                        "ArnLike", Map.of("aws:SourceArn", trails)))),
                Match.objectLike(Map.of("Sid", "AllowCloudTrailOfThisAccountToDescribe", "Condition", Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", "111111111111"),
                        "ArnLike", Map.of("aws:SourceArn", trails)))),
                Match.objectLike(Map.of("Sid", "AllowCloudTrailOfThisAccountToDecryptForTheBucketKey",
                        "Action", "kms:Decrypt", "Condition", Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", "111111111111"),
                        "ArnLike", Map.of("aws:SourceArn", trails)))))))));
    }

    @Test
    void everyArchiveBucketSendsItsEventsToEventBridge() {
        assertEquals(3, locked.findResources("AWS::S3::Bucket").size());
        locked.allResourcesProperties("AWS::S3::Bucket", Match.objectLike(Map.of("NotificationConfiguration",
                Map.of("EventBridgeConfiguration", Map.of("EventBridgeEnabled", true)))));
    }

    @Test
    void recorderAndDeliveryChannelOutliveTheStack() {
        for (String type : List.of("AWS::Config::ConfigurationRecorder", "AWS::Config::DeliveryChannel")) {
            locked.hasResource(type, Map.of("DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain"));
        }
    }

    @Test
    void failsOnAModeWithoutRetentionAndOnABreakGlassPrincipalThatIsNoArn() {
        Stack stack = AuditTestStacks.regionalStack();
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () -> new LogArchive(stack,
                "Archive", LogArchiveProps.builder().objectLockMode(ObjectLockMode.COMPLIANCE)
                        .breakGlassPrincipalArn("AuditBreakGlass").build()));
        assertEquals(List.of(ErrorCode.LOG_ARCHIVE, ErrorCode.LOG_ARCHIVE), e.getCodes());
        assertTrue(e.getMessage().contains("objectLockMode = COMPLIANCE: unset unless objectLockRetention is set"),
                e.getMessage());
        assertTrue(e.getMessage().contains("breakGlassPrincipalArn = 'AuditBreakGlass': an IAM role or user ARN"),
                e.getMessage());
    }
}
