package io.securevpc.gate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jetbrains.annotations.NotNull;

/**
 * One acknowledgement as the gate reports it: the rule id, the construct, the reason, who made it
 * ({@code library}, {@code app} or {@code aws-cdk-lib}) and the gate's verdict.
 *
 * @param problems why the gate refused it; empty when accepted
 * @param covers for an id CDK matches across the whole app ({@code CloudFormation-Validate::F3002}), the resources
 *     with a finding of that rule that it covers (those below its construct); findings elsewhere are not covered
 */
public record AcknowledgementReport(AcknowledgementInventory.Entry entry, List<String> problems, List<String> covers) {
    public AcknowledgementReport {
        problems = List.copyOf(problems);
        covers = List.copyOf(covers);
    }

    /** @return whether the gate refused it. */
    public boolean refused() {
        return !problems.isEmpty();
    }

    /** @return the row of {@code compliance-report.json}'s {@code acknowledgements}. */
    public @NotNull Map<String, Object> json() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("rule", entry.rule());
        row.put("path", entry.path());
        row.put("reason", entry.reason());
        row.put("source", entry.source());
        row.put("by", entry.by());
        row.put("scope", entry.scope().name());
        if (entry.rule().contains("::") && !entry.rule().startsWith(
                io.securevpc.compliance.Acknowledgements.ANNOTATION_ID_PREFIX)) {
            row.put("appliesTo", "resources below " + entry.where() + " only (CDK would apply it app-wide)");
            row.put("covers", covers);
        }
        row.put("verdict", refused() ? "REFUSED" : "ACCEPTED");
        if (refused()) {
            row.put("problems", problems);
        }
        return row;
    }

    /** @return one line of the text report. */
    public @NotNull String render() {
        return "  " + (refused() ? "REFUSED " : "") + entry.rule() + "  " + entry.where() + "  [" + entry.source()
                + (entry.by().isEmpty() || entry.by().equals(entry.source()) ? "" : ": " + entry.by()) + "]  "
                + entry.reason() + (refused() ? "  -- " + String.join("; ", problems) : "");
    }
}
