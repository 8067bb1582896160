package io.securevpc.detection;

import io.securevpc.internal.Maps;
import java.util.List;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.EventField;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;

/**
 * Someone switching off the record of what happens (BP-AUD-1/2, BP-MON-1/2): deleting flow logs, stopping or
 * deleting the trail, deleting or disabling GuardDuty, stopping or deleting the Config recorder → a
 * high-priority alert. Where restarting is safe it is automatic: the trail given as {@code trailArn} is
 * started again whenever a trail is stopped (StartLogging on a running trail changes nothing, and the role
 * can start that one trail only); the Config recorder only when {@code restartConfigRecorder} is set,
 * because its API has no resource-level permission and the role then needs {@code Resource: *}. Deleted
 * flow logs, trails and detectors are not recreated: their configuration is not in the event. Only
 * successful calls fire.
 */
public class TamperResponse extends Construct {
    /** Calls that remove monitoring, by event source. */
    static final List<String> TAMPER_CALLS = List.of("DeleteFlowLogs", "StopLogging", "DeleteTrail",
            "DeleteDetector", "DisassociateFromMasterAccount", "DisassociateFromAdministratorAccount",
            "StopConfigurationRecorder", "DeleteConfigurationRecorder", "DeleteDeliveryChannel");

    private final Rule alertRule;
    private final Rule restartTrailRule;
    private final Rule restartRecorderRule;

    /**
     * @param trailArn the trail to restart when a trail is stopped; {@code null}: alert only
     * @param restartConfigRecorder restart a stopped Config recorder (needs {@code Resource: *})
     * @param alertOnly change nothing, alert only
     */
    public TamperResponse(final @NotNull Construct scope, final @NotNull String id,
                          final @NotNull SecurityAlerts alerts, final @Nullable String trailArn,
                          final boolean restartConfigRecorder, final boolean alertOnly) {
        super(scope, id);
        this.alertRule = Rule.Builder.create(this, "AlertRule")
                .description("Monitoring switched off: flow logs, trail, GuardDuty or Config recorder")
                .eventPattern(alertPattern())
                .build();
        this.alertRule.applyRemovalPolicy(RemovalPolicy.RETAIN);
        alertRule.addTarget(alerts.target(RuleTargetInput.fromText("HIGH PRIORITY: "
                + EventField.fromPath("$.detail.eventName") + " by " + EventField.fromPath("$.detail.userIdentity.arn")
                + " from " + EventField.fromPath("$.detail.sourceIPAddress") + " in account "
                + EventField.getAccount() + " " + EventField.getRegion()
                + " - monitoring of the VPC was switched off")));
        this.restartTrailRule = alertOnly || trailArn == null ? null : restartTrail(alerts, trailArn);
        this.restartRecorderRule = alertOnly || !restartConfigRecorder ? null : restartRecorder(alerts);
    }

    private Rule restartTrail(final SecurityAlerts alerts, final String trailArn) {
        Rule rule = Rule.Builder.create(this, "RestartTrailRule")
                .description("Trail stopped: start it again")
                .eventPattern(apiCall("aws.cloudtrail", "cloudtrail.amazonaws.com", "StopLogging"))
                .build();
        rule.applyRemovalPolicy(RemovalPolicy.RETAIN);
        AutomationRunbook startLogging = new AutomationRunbook(this, "StartLogging",
                "Starts logging of the audit trail again (BP-AUD-1)",
                Maps.of("TrailName", Maps.of("type", "String")),
                List.of(AutomationRunbook.apiStep("StartLogging", "cloudtrail", "StartLogging",
                        Maps.of("Name", "{{ TrailName }}"), false)),
                List.of(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                        .actions(List.of("cloudtrail:StartLogging"))
                        .resources(List.of(trailArn))
                        .build()),
                "(no wildcard: the role names one trail)");
        rule.addTarget(startLogging.target(Maps.of("TrailName", trailArn), alerts.getDeadLetterQueue()));
        startLogging.alertOnFailure(alerts, "Restarting the stopped audit trail");
        return rule;
    }

    private Rule restartRecorder(final SecurityAlerts alerts) {
        Stack stack = Stack.of(this);
        Rule rule = Rule.Builder.create(this, "RestartRecorderRule")
                .description("Config recorder stopped: start it again")
                .eventPattern(apiCall("aws.config", "config.amazonaws.com", "StopConfigurationRecorder"))
                .build();
        rule.applyRemovalPolicy(RemovalPolicy.RETAIN);
        AutomationRunbook startRecorder = new AutomationRunbook(this, "StartRecorder",
                "Starts a Config recorder that was stopped (BP-AUD-2)",
                Maps.of("RecorderName", Maps.of("type", "String")),
                List.of(AutomationRunbook.apiStep("StartConfigurationRecorder", "config",
                        "StartConfigurationRecorder", Maps.of("ConfigurationRecorderName", "{{ RecorderName }}"), false)),
                List.of(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                        .actions(List.of("config:StartConfigurationRecorder"))
                        // The Config recorder has no ARN: the action takes no resource-level permission.
                        .resources(List.of("*"))
                        .conditions(Maps.of("StringEquals", Maps.of("aws:RequestedRegion", stack.getRegion())))
                        .build()),
                "config:StartConfigurationRecorder has no resource-level permission (the recorder has no ARN); "
                        + "the statement is limited to this region and to that one action.");
        rule.addTarget(startRecorder.target(
                Maps.of("RecorderName", EventField.fromPath("$.detail.requestParameters.configurationRecorderName")),
                alerts.getDeadLetterQueue()));
        startRecorder.alertOnFailure(alerts, "Restarting the stopped Config recorder");
        return rule;
    }

    static EventPattern alertPattern() {
        return EventPattern.builder()
                .source(List.of("aws.ec2", "aws.cloudtrail", "aws.guardduty", "aws.config"))
                .detailType(List.of("AWS API Call via CloudTrail"))
                .detail(Maps.of(
                        "errorCode", List.of(Maps.of("exists", false)),
                        "$or", List.of(
                                Maps.of("eventName", TAMPER_CALLS),
                                Maps.of("eventName", List.of("UpdateDetector"),
                                        "requestParameters", Maps.of("enable", List.of(false))))))
                .build();
    }

    static EventPattern apiCall(final String source, final String eventSource, final String eventName) {
        return CloudTrailPatterns.successfulCall(source, eventSource, List.of(eventName), null);
    }

    public @NotNull Rule getAlertRule() {
        return alertRule;
    }

    /** @return the rule restarting a stopped trail, or {@code null} in alert-only mode. */
    public @Nullable Rule getRestartTrailRule() {
        return restartTrailRule;
    }

    /** @return the rule restarting a stopped Config recorder, or {@code null} in alert-only mode. */
    public @Nullable Rule getRestartRecorderRule() {
        return restartRecorderRule;
    }
}
