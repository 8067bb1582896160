package io.securevpc.detection;

import io.securevpc.internal.Maps;
import java.util.ArrayList;
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
 * Every GuardDuty finding of the account and region reaches the alerts topic, whatever the resource it is about
 * (BP-MON-2, BP-MON-4): IAM access keys, S3 buckets, EKS clusters, RDS logins, Lambda functions, Runtime Monitoring,
 * Malware Protection, EC2 instances. One EventBridge rule per severity band, each with a message naming the band,
 * the finding type, its severity, the resource type, the account, the region and GuardDuty's title (which names the
 * resource, e.g. the bucket or the user):
 *
 * <ul>
 *   <li>{@code High}: severity 7 and above (GuardDuty's high and critical);</li>
 *   <li>{@code Medium}: 4 to below 7;</li>
 *   <li>{@code Low}: below 4, only with {@link GuardDutyFindingAlertsProps#getAlertOnLowSeverity()}.</li>
 * </ul>
 *
 * <p>Archived findings are ignored. With {@link GuardDutyFindingAlertsProps#getExcludeInstanceFindings()}, findings
 * on an EC2 instance are left to {@link InstanceFindingAlerts} (whose message names the instance), so one finding is
 * reported once.
 */
public final class GuardDutyFindingAlerts extends Construct {
    /** The lowest severity of the high band. */
    public static final double HIGH = 7.0;
    /** The lowest severity of the medium band. */
    public static final double MEDIUM = 4.0;

    private final List<Rule> rules = new ArrayList<>();

    public GuardDutyFindingAlerts(final @NotNull Construct scope, final @NotNull String id,
                                  final @NotNull GuardDutyFindingAlertsProps props) {
        super(scope, id);
        boolean withoutInstances = Boolean.TRUE.equals(props.getExcludeInstanceFindings());
        addBand(props.getAlerts(), "High", "HIGH", List.of(">=", HIGH), withoutInstances);
        addBand(props.getAlerts(), "Medium", "MEDIUM", List.of(">=", MEDIUM, "<", HIGH), withoutInstances);
        if (Boolean.TRUE.equals(props.getAlertOnLowSeverity())) {
            addBand(props.getAlerts(), "Low", "LOW", List.of(">", 0, "<", MEDIUM), withoutInstances);
        }
    }

    /** The pattern of one band: GuardDuty findings, not archived, severity in the range, maybe not on instances. */
    static EventPattern pattern(final List<Object> severityRange, final boolean withoutInstances) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("severity", List.of(Maps.of("numeric", severityRange)));
        if (withoutInstances) {
            detail.put("resource", Maps.of("resourceType", List.of(Maps.of("anything-but", List.of("Instance")))));
        }
        detail.put("service", Maps.of("archived", List.of(false)));
        return EventPattern.builder()
                .source(List.of("aws.guardduty"))
                .detailType(List.of("GuardDuty Finding"))
                .detail(detail)
                .build();
    }

    private void addBand(final SecurityAlerts alerts, final String id, final String label,
                         final List<Object> severityRange, final boolean withoutInstances) {
        Rule rule = Rule.Builder.create(this, id)
                .description("GuardDuty finding" + (withoutInstances ? " not on an EC2 instance" : "")
                        + ", severity " + label + " (" + describe(severityRange) + ")")
                .eventPattern(pattern(severityRange, withoutInstances))
                .build();
        rule.applyRemovalPolicy(RemovalPolicy.RETAIN);
        rule.addTarget(alerts.target(RuleTargetInput.fromText(
                "GuardDuty " + label + " finding " + EventField.fromPath("$.detail.type") + " (severity "
                        + EventField.fromPath("$.detail.severity") + ") on "
                        + EventField.fromPath("$.detail.resource.resourceType") + " in account "
                        + EventField.getAccount() + " " + EventField.getRegion() + ": "
                        + EventField.fromPath("$.detail.title") + " (finding "
                        + EventField.fromPath("$.detail.id") + ")")));
        rules.add(rule);
    }

    private static String describe(final List<Object> range) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < range.size(); i += 2) {
            text.append(i == 0 ? "" : " and ").append(range.get(i)).append(' ').append(range.get(i + 1));
        }
        return text.toString();
    }

    /** @return the rules, high first. */
    public @NotNull List<Rule> getRules() {
        return List.copyOf(rules);
    }
}
