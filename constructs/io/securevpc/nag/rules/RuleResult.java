package io.securevpc.nag.rules;

import java.util.List;
import org.jetbrains.annotations.NotNull;

/**
 * What a rule says about one resource: not applicable, compliant, or non-compliant with its findings.
 * Rules return this from plain data; the pack turns it into cdk-nag's {@code NagRuleCompliance} or list of
 * granular findings.
 */
public record RuleResult(Verdict verdict, List<Finding> findings) {
    /** The three verdicts of a cdk-nag rule. */
    public enum Verdict { NOT_APPLICABLE, COMPLIANT, NON_COMPLIANT }

    private static final RuleResult NOT_APPLICABLE = new RuleResult(Verdict.NOT_APPLICABLE, List.of());
    private static final RuleResult COMPLIANT = new RuleResult(Verdict.COMPLIANT, List.of());

    public RuleResult {
        findings = List.copyOf(findings);
    }

    public static @NotNull RuleResult notApplicable() {
        return NOT_APPLICABLE;
    }

    public static @NotNull RuleResult compliant() {
        return COMPLIANT;
    }

    /** @return compliant when {@code findings} is empty, else non-compliant with them. */
    public static @NotNull RuleResult of(final @NotNull List<Finding> findings) {
        return findings.isEmpty() ? COMPLIANT : new RuleResult(Verdict.NON_COMPLIANT, findings);
    }

    /** @return non-compliant as a whole resource. */
    public static @NotNull RuleResult nonCompliant(final @NotNull String message) {
        return of(List.of(Finding.of(null, message)));
    }

    public boolean isNonCompliant() {
        return verdict == Verdict.NON_COMPLIANT;
    }
}
