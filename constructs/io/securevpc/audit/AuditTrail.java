package io.securevpc.audit;

import io.securevpc.ErrorCode;
import io.securevpc.internal.LogRetention;
import io.securevpc.internal.Maps;
import io.securevpc.internal.Problems;
import io.securevpc.internal.RequiredProps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudtrail.CfnTrail;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * The account's CloudTrail trail (BP-AUD-1): every API call of every region, global service events (IAM,
 * STS, CloudFront), log file integrity validation, SSE-KMS with a customer-managed key, delivered to an
 * archive bucket and to a CloudWatch Logs group (customer-managed key, at least a year, {@code RETAIN}) where
 * {@link SecurityAlarms} watch it (BP-MON-3).
 *
 * <p>Built on {@code CfnTrail} rather than the {@code Trail} L2, which adds unconditioned bucket-policy
 * statements and an inline policy on its log role: here the bucket policy comes from {@link LogArchive}
 * (with {@code aws:SourceAccount}/{@code aws:SourceArn}) and the log role has a customer-managed policy on
 * one log group and a confused-deputy-safe trust policy (BP-IAM-1/2/3).
 *
 * <p>With {@link AuditTrailProps#getExistingTrailLogGroup()} an existing trail is adopted: nothing is
 * created, and {@link #getLogGroup()} is that trail's log group.
 */
public final class AuditTrail extends Construct {

    private final ILogGroup logGroup;
    private final CfnTrail trail;
    private ManagedPolicy logsPolicy;

    public AuditTrail(final @NotNull Construct scope, final @NotNull String id, final @NotNull AuditTrailProps props) {
        super(scope, id);
        RequiredProps.of("AuditTrail").require("props", props).check();
        validate(props);
        if (props.getExistingTrailLogGroup() != null) {
            this.logGroup = props.getExistingTrailLogGroup();
            this.trail = null;
        } else {
            LogGroup group = createLogGroup(props);
            Role role = createLogsRole(group);
            this.logGroup = group;
            this.trail = createTrail(props, group, role);
        }
    }

    /** @return the CloudWatch Logs group the trail delivers to (created, or the adopted trail's). */
    public ILogGroup getLogGroup() {
        return logGroup;
    }

    /** @return the trail, or {@code null} when an existing trail was adopted. */
    public @Nullable CfnTrail getTrail() {
        return trail;
    }

    private void validate(final AuditTrailProps p) {
        Problems problems = new Problems();
        if (p.getExistingTrailLogGroup() == null) {
            if (p.getBucket() == null) {
                problems.add(ErrorCode.CONFLICTING_PROPS, "bucket", null,
                        "the archive bucket (e.g. AuditTrailProps.builder(logArchive)), or existingTrailLogGroup "
                                + "to adopt an existing trail");
            }
            if (p.getEncryptionKey() == null) {
                problems.add(ErrorCode.CONFLICTING_PROPS, "encryptionKey", null,
                        "a customer-managed key (e.g. AuditTrailProps.builder(logArchive)), or "
                                + "existingTrailLogGroup to adopt an existing trail");
            }
            RetentionDays retention = p.getLogRetention();
            if (retention != null && LogRetention.days(retention) < LogRetention.MIN_DAYS) {
                problems.add(ErrorCode.AUDIT_TRAIL, "logRetention", retention,
                        "at least ONE_YEAR (" + LogRetention.MIN_DAYS + " days)");
            }
        } else {
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("bucket", p.getBucket() != null ? "(a bucket)" : null);
            settings.put("encryptionKey", p.getEncryptionKey() != null ? "(a key)" : null);
            settings.put("logGroupKey", p.getLogGroupKey() != null ? "(a key)" : null);
            settings.put("logRetention", p.getLogRetention());
            settings.put("s3DataEvents", p.getS3DataEvents());
            settings.put("lambdaDataEvents", p.getLambdaDataEvents());
            settings.put("insights", p.getInsights());
            settings.put("organizationTrail", p.getOrganizationTrail());
            settings.put("watchedBuckets", p.getWatchedBuckets() == null || p.getWatchedBuckets().isEmpty() ? null
                    : "(buckets)");
            settings.forEach((name, value) -> {
                if (value != null) {
                    problems.add(ErrorCode.AUDIT_TRAIL, name, value,
                            "unset when existingTrailLogGroup adopts an existing trail: configure that trail itself");
                }
            });
        }
        problems.throwIfAny(() -> "AuditTrail " + getNode().getPath());
    }

    private LogGroup createLogGroup(final AuditTrailProps p) {
        return LogGroup.Builder.create(this, "LogGroup")
                .encryptionKey(p.getLogGroupKey() != null ? p.getLogGroupKey() : p.getEncryptionKey())
                .retention(p.getLogRetention() != null ? p.getLogRetention() : RetentionDays.ONE_YEAR)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
    }

    private Role createLogsRole(final LogGroup group) {
        Stack stack = Stack.of(this);
        Role role = Role.Builder.create(this, "LogsRole")
                .description("Lets CloudTrail of this account write to " + getNode().getPath())
                .assumedBy(new ServicePrincipal("cloudtrail.amazonaws.com", null).withConditions(Maps.of(
                        "StringEquals", Maps.of("aws:SourceAccount", stack.getAccount()),
                        "ArnLike", Maps.of("aws:SourceArn", "arn:" + stack.getPartition() + ":cloudtrail:"
                                + stack.getRegion() + ":" + stack.getAccount() + ":trail/*"))))
                .build();
        this.logsPolicy = ManagedPolicy.Builder.create(this, "LogsPolicy")
                .description("Write access to exactly one CloudTrail log group")
                .statements(List.of(PolicyStatement.Builder.create()
                        .effect(Effect.ALLOW)
                        .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                        .resources(List.of(group.getLogGroupArn()))
                        .build()))
                .roles(List.of(role))
                .build();
        return role;
    }

    private CfnTrail createTrail(final AuditTrailProps p, final LogGroup group, final Role role) {
        CfnTrail.Builder builder = CfnTrail.Builder.create(this, "Resource")
                .isLogging(true)
                .isMultiRegionTrail(true)
                .includeGlobalServiceEvents(true)
                .enableLogFileValidation(true)
                .isOrganizationTrail(Boolean.TRUE.equals(p.getOrganizationTrail()))
                .kmsKeyId(p.getEncryptionKey().getKeyArn())
                .s3BucketName(p.getBucket().getBucketName())
                .cloudWatchLogsLogGroupArn(group.getLogGroupArn())
                .cloudWatchLogsRoleArn(role.getRoleArn())
                .advancedEventSelectors(eventSelectors(p));
        if (Boolean.TRUE.equals(p.getInsights())) {
            builder.insightSelectors(List.of(
                    CfnTrail.InsightSelectorProperty.builder().insightType("ApiCallRateInsight").build(),
                    CfnTrail.InsightSelectorProperty.builder().insightType("ApiErrorRateInsight").build()));
        }
        CfnTrail created = builder.build();
        created.applyRemovalPolicy(RemovalPolicy.RETAIN);
        // CloudTrail checks at creation that it can write to the bucket and the log group.
        created.getNode().addDependency(role, logsPolicy);
        if (p.getBucket().getPolicy() != null) {
            created.getNode().addDependency(p.getBucket().getPolicy());
        }
        return created;
    }


    /**
     * Advanced event selectors (a trail has either these or basic ones): every management event, and the data
     * events asked for. Write events of the watched buckets leave out {@code PutObject}: CloudTrail's own log-file
     * deliveries would otherwise be recorded again on every delivery.
     */
    private List<CfnTrail.AdvancedEventSelectorProperty> eventSelectors(final AuditTrailProps p) {
        List<CfnTrail.AdvancedEventSelectorProperty> selectors = new ArrayList<>();
        selectors.add(selector("Management events", field("eventCategory", "Management")));
        if (Boolean.TRUE.equals(p.getS3DataEvents())) {
            selectors.add(selector("S3 data events of every bucket", field("eventCategory", "Data"),
                    field("resources.type", "AWS::S3::Object")));
        }
        if (Boolean.TRUE.equals(p.getLambdaDataEvents())) {
            selectors.add(selector("Lambda invocations of every function", field("eventCategory", "Data"),
                    field("resources.type", "AWS::Lambda::Function")));
        }
        List<IBucket> watched = p.getWatchedBuckets() != null ? p.getWatchedBuckets() : List.of();
        if (!watched.isEmpty()) {
            selectors.add(selector("Writes to the archive buckets but log deliveries", field("eventCategory", "Data"),
                    field("resources.type", "AWS::S3::Object"), field("readOnly", "false"),
                    CfnTrail.AdvancedFieldSelectorProperty.builder().field("eventName")
                            .notEquals(List.of("PutObject")).build(),
                    CfnTrail.AdvancedFieldSelectorProperty.builder().field("resources.ARN")
                            .startsWith(watched.stream().map(b -> b.getBucketArn() + "/").toList()).build()));
        }
        return selectors;
    }

    private static CfnTrail.AdvancedEventSelectorProperty selector(final String name,
                                                                   final CfnTrail.AdvancedFieldSelectorProperty... fields) {
        return CfnTrail.AdvancedEventSelectorProperty.builder().name(name).fieldSelectors(List.of(fields)).build();
    }

    private static CfnTrail.AdvancedFieldSelectorProperty field(final String name, final String value) {
        return CfnTrail.AdvancedFieldSelectorProperty.builder().field(name).equalTo(List.of(value)).build();
    }
}
