package io.securevpc.nag;

import io.github.cdklabs.cdknag.NagMessageLevel;
import io.securevpc.nag.rules.BlueprintRule;
import java.util.List;
import org.jetbrains.annotations.NotNull;

/**
 * One row of the pack's table ({@link RuleTable}). The rule's id is its class name, as cdk-nag derives a rule's
 * id from its file name: {@code BlueprintChecks-<RuleClass>}.
 *
 * @param category the group the rule is listed in
 * @param level ERROR fails synth through the gate, WARN is reported
 * @param bestPractices the BP-* ids of docs/guidance.md the rule enforces; each is cited in {@code explanation}
 * @param info what is checked: the start of every finding's message
 * @param detail what {@code RULES.md} adds to {@code info} (what is not checked, and why); empty for none
 * @param explanation why: the best practice, with its BP-* ids
 * @param fix how to fix a finding: the prop, construct or change that makes the resource compliant; the end of
 *     every finding's message and a column of {@code RULES.md}
 * @param findingIds the granular ids of the rule's findings, for {@code RULES.md}; empty when the rule has none
 * @param rule the rule
 */
public record RuleSpec(RuleCategory category, NagMessageLevel level, List<String> bestPractices, String info,
                       String detail, String explanation, String fix, String findingIds, BlueprintRule rule) {
    public RuleSpec {
        bestPractices = List.copyOf(bestPractices);
        if (fix == null || fix.isBlank()) {
            throw new IllegalArgumentException("rule " + rule.getClass().getSimpleName() + " has no fix line");
        }
    }

    /** @return the rule's name, the id suffix: its class's simple name, e.g. {@code VpcFlowLogAllTraffic}. */
    public @NotNull String suffix() {
        return rule.getClass().getSimpleName();
    }

    /** @return the full rule id, e.g. {@code BlueprintChecks-VpcFlowLogAllTraffic}. */
    public @NotNull String id() {
        return BlueprintChecks.PACK_NAME + "-" + suffix();
    }
}
