package io.securevpc.detection;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jetbrains.annotations.NotNull;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.events.EventField;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.constructs.Construct;

/**
 * An alert for every successful call that could blind monitoring (BP-MON-3/4/5, BP-AUD-1/2): the calls the
 * monitoring guardrails deny to everyone but the pipeline and break-glass roles
 * ({@code io.securevpc.iam.Guardrails#monitoringStatements}), so that when one happens anyway — break-glass, the
 * pipeline, or a principal outside the guardrails — the security alerts topic says who did what. One EventBridge
 * rule per service on its CloudTrail events ({@code AWS API Call via CloudTrail}, source {@code aws.<service>},
 * the service's {@code eventSource} and the event names): an event name another service also uses (Elastic Load
 * Balancing's {@code DeleteRule}) does not fire, nor does a read or a failed call.
 *
 * <p>EventBridge receives these events only where CloudTrail records management events (the audit trail).
 */
public class MonitoringChangeAlerts extends Construct {
    /** The watched calls: rule id → (event source, CloudTrail event names). */
    static final Map<String, Watched> WATCHED = watched();

    /**
     * @param source the EventBridge source, e.g. {@code aws.events}
     * @param eventSource the CloudTrail event source, e.g. {@code events.amazonaws.com}
     * @param eventNames the CloudTrail event names
     */
    record Watched(String source, String eventSource, List<String> eventNames) {
    }

    private final List<Rule> rules;

    public MonitoringChangeAlerts(final @NotNull Construct scope, final @NotNull String id,
                                  final @NotNull SecurityAlerts alerts) {
        super(scope, id);
        this.rules = WATCHED.entrySet().stream().map(e -> rule(alerts, e.getKey(), e.getValue())).toList();
    }

    private Rule rule(final SecurityAlerts alerts, final String id, final Watched w) {
        Rule rule = Rule.Builder.create(this, id)
                .description("Monitoring guardrail bypassed: " + String.join(", ", w.eventNames()))
                .eventPattern(pattern(w))
                .build();
        rule.applyRemovalPolicy(RemovalPolicy.RETAIN);
        rule.addTarget(alerts.target(RuleTargetInput.fromText("HIGH PRIORITY: "
                + EventField.fromPath("$.detail.eventName") + " by " + EventField.fromPath("$.detail.userIdentity.arn")
                + " in account " + EventField.getAccount() + " " + EventField.getRegion()
                + " - a monitoring guardrail was bypassed (break-glass or pipeline); check it was intended")));
        return rule;
    }

    static EventPattern pattern(final Watched w) {
        return CloudTrailPatterns.successfulCall(w.source(), w.eventSource(), w.eventNames(), null);
    }

    private static Map<String, Watched> watched() {
        Map<String, Watched> m = new LinkedHashMap<>();
        m.put("EventBridge", new Watched("aws.events", "events.amazonaws.com",
                List.of("DisableRule", "DeleteRule", "RemoveTargets", "PutRule")));
        m.put("CloudWatch", new Watched("aws.monitoring", "monitoring.amazonaws.com",
                List.of("DisableAlarmActions", "DeleteAlarms")));
        m.put("Logs", new Watched("aws.logs", "logs.amazonaws.com",
                List.of("DeleteMetricFilter", "DeleteLogGroup", "PutRetentionPolicy")));
        m.put("Sns", new Watched("aws.sns", "sns.amazonaws.com",
                List.of("Unsubscribe", "DeleteTopic", "SetTopicAttributes")));
        m.put("Ssm", new Watched("aws.ssm", "ssm.amazonaws.com",
                List.of("UpdateDocument", "UpdateDocumentDefaultVersion", "UpdateDocumentMetadata", "DeleteDocument")));
        m.put("GuardDuty", new Watched("aws.guardduty", "guardduty.amazonaws.com",
                List.of("CreateThreatIntelSet", "ArchiveFindings", "UpdateDetector", "DeletePublishingDestination",
                        "UpdatePublishingDestination")));
        m.put("SecurityHub", new Watched("aws.securityhub", "securityhub.amazonaws.com",
                List.of("DisableSecurityHub", "BatchDisableStandards", "UpdateStandardsControl",
                        "BatchUpdateStandardsControlAssociations", "DisableImportFindingsForProduct")));
        m.put("Config", new Watched("aws.config", "config.amazonaws.com",
                List.of("PutConfigRule", "DeleteConfigRule", "PutRemediationConfigurations",
                        "PutRemediationExceptions", "DeleteRemediationConfiguration", "DeleteRemediationExceptions")));
        m.put("S3", new Watched("aws.s3", "s3.amazonaws.com",
                List.of("PutBucketPolicy", "DeleteBucketPolicy", "PutBucketLifecycle", "DeleteBucketLifecycle",
                        "PutObjectLockConfiguration", "PutBucketVersioning")));
        m.put("Kms", new Watched("aws.kms", "kms.amazonaws.com",
                List.of("PutKeyPolicy", "ScheduleKeyDeletion", "DisableKey")));
        m.put("CloudFormation", new Watched("aws.cloudformation", "cloudformation.amazonaws.com",
                List.of("UpdateTerminationProtection", "DeleteStack")));
        return Collections.unmodifiableMap(m);
    }

    /** @return the rules, one per service, in a fixed order. */
    public @NotNull List<Rule> getRules() {
        return rules;
    }
}
