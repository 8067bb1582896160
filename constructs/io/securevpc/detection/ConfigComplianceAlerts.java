package io.securevpc.detection;

import io.securevpc.ErrorCode;
import io.securevpc.internal.Maps;
import io.securevpc.internal.Problems;
import java.util.ArrayList;
import java.util.List;
import org.jetbrains.annotations.NotNull;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.events.EventField;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.constructs.Construct;

/**
 * An alert whenever a resource becomes {@code NON_COMPLIANT} with one of the named AWS Config rules (BP-AUD-3,
 * BP-MON-4): AWS Config's {@code Config Rules Compliance Change} events of those rules whose new evaluation is
 * {@code NON_COMPLIANT}, with a message naming the rule, the resource type and id, the account and the region. The
 * rules with an automatic remediation are reported too: the alert is the record that something drifted, and a
 * failed remediation has its own alert ({@link RunbookFailureAlerts}).
 *
 * <p>The names are split over several EventBridge rules of at most {@value #NAMES_PER_RULE} names each
 * ({@code Rule1}, {@code Rule2}, ...), so that an event pattern stays well under EventBridge's size limit once
 * CloudFormation has resolved generated rule names (about 80 characters each). The rules are {@code RETAIN}.
 */
public final class ConfigComplianceAlerts extends Construct {
    /** How many rule names one EventBridge rule matches. */
    public static final int NAMES_PER_RULE = 10;

    private final List<Rule> rules = new ArrayList<>();

    /** @param configRuleNames the AWS Config rules' names (e.g. {@code ManagedRule.getConfigRuleName()}), at least one */
    public ConfigComplianceAlerts(final @NotNull Construct scope, final @NotNull String id,
                                  final @NotNull SecurityAlerts alerts, final @NotNull List<String> configRuleNames) {
        super(scope, id);
        if (configRuleNames.isEmpty() || configRuleNames.stream().anyMatch(n -> n == null || n.isBlank())) {
            Problems problems = new Problems();
            problems.add(ErrorCode.CONFIG_RULES, "configRuleNames", configRuleNames,
                    "at least one AWS Config rule name, none blank");
            problems.throwIfAny(() -> "ConfigComplianceAlerts " + getNode().getPath());
        }
        int groups = (configRuleNames.size() + NAMES_PER_RULE - 1) / NAMES_PER_RULE;
        for (int g = 0; g < groups; g++) {
            List<String> names = List.copyOf(configRuleNames.subList(g * NAMES_PER_RULE,
                    Math.min(configRuleNames.size(), (g + 1) * NAMES_PER_RULE)));
            Rule rule = Rule.Builder.create(this, "Rule" + (g + 1))
                    .description("AWS Config rule turned NON_COMPLIANT (rules " + (g * NAMES_PER_RULE + 1) + "-"
                            + (g * NAMES_PER_RULE + names.size()) + " of " + configRuleNames.size() + ")")
                    .eventPattern(pattern(names))
                    .build();
            rule.applyRemovalPolicy(RemovalPolicy.RETAIN);
            rule.addTarget(alerts.target(RuleTargetInput.fromText("AWS Config: "
                    + EventField.fromPath("$.detail.resourceType") + " "
                    + EventField.fromPath("$.detail.resourceId") + " is NON_COMPLIANT with rule "
                    + EventField.fromPath("$.detail.configRuleName") + " in account " + EventField.getAccount() + " "
                    + EventField.getRegion() + ": see the rule's compliance in AWS Config")));
            rules.add(rule);
        }
    }

    /** Compliance changes of these rules to NON_COMPLIANT. */
    static EventPattern pattern(final List<String> names) {
        return EventPattern.builder()
                .source(List.of("aws.config"))
                .detailType(List.of("Config Rules Compliance Change"))
                .detail(Maps.of(
                        "messageType", List.of("ComplianceChangeNotification"),
                        "configRuleName", names,
                        "newEvaluationResult", Maps.of("complianceType", List.of("NON_COMPLIANT"))))
                .build();
    }

    /** @return the EventBridge rules, in the order of the names. */
    public @NotNull List<Rule> getRules() {
        return List.copyOf(rules);
    }
}
