package io.securevpc.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The lines {@link ComplianceGate#synth} prints after synth, from the gate's state at the last synth. */
final class GateLines {
    private GateLines() {
    }

    /**
     * @return the lines printed first after synth: per pack its verdict and, when it has warnings, one line
     *     counting them by rule; then, when any pack reported a finding, how to acknowledge one
     */
    static List<String> summary(final List<GatedPack> packs, final Exception failure) {
        List<String> lines = new ArrayList<>();
        boolean findings = false;
        for (GatedPack p : packs) {
            GatedPack.Verdict v = p.getLastVerdict();
            if (v == null) {
                lines.add(ComplianceGate.PREFIX + p.getName() + ": NOT RUN (" + (failure != null
                        ? "the gate failed: " + failure : "no stack to check") + ")");
                continue;
            }
            lines.add(ComplianceGate.PREFIX + v.render());
            Map<String, Integer> warnings = v.warningsByRule();
            if (!warnings.isEmpty()) {
                StringBuilder line = new StringBuilder(ComplianceGate.PREFIX + "  warnings by rule:");
                warnings.forEach((rule, n) -> line.append(' ').append(rule).append(" x").append(n));
                lines.add(line.toString());
            }
            findings |= !v.violations().isEmpty();
        }
        if (findings) {
            lines.add(ComplianceGate.PREFIX + "acknowledge a finding that cannot be fixed on its resource, with the rule id shown: "
                    + "io.securevpc.compliance.Acknowledgements.acknowledge(cfnResource, reason, \"<rule id>\")");
        }
        return lines;
    }
    /**
     * @return one line counting the acknowledgements of the last synth by source, and those refused; the warning of
     *     {@link ComplianceGate.Builder#allowBroadAcknowledgements()} when the gate was built with it
     */
    static List<String> acknowledgementLines(final List<AcknowledgementReport> acks, final boolean refuses) {
        List<String> lines = new ArrayList<>();
        if (!acks.isEmpty()) {
            Map<String, Integer> bySource = new java.util.TreeMap<>();
            acks.forEach(a -> bySource.merge(a.entry().source(), 1, Integer::sum));
            long refused = acks.stream().filter(AcknowledgementReport::refused).count();
            StringBuilder counts = new StringBuilder();
            bySource.forEach((source, n) -> counts.append(counts.length() == 0 ? "" : ", ").append(source).append(' ')
                    .append(n));
            lines.add(ComplianceGate.PREFIX + "acknowledgements: " + acks.size() + " (" + counts + ")" + (refused > 0 ? ", " + refused
                    + (refuses ? " refused" : " that would be refused") : ""));
        }
        if (!refuses) {
            lines.add(ComplianceGate.PREFIX + ComplianceGate.ALLOW_BROAD_WARNING);
        }
        return lines;
    }
    /**
     * @return one line per managed policy over IAM's size limit or within the margin of it, and per service quota
     *     over or near its limit
     */
    static List<String> policyLines(final List<ServiceQuotas.Usage> quotas,
                                    final List<ManagedPolicySizes.Size> policySizes) {
        List<String> lines = new ArrayList<>();
        quotas.stream().filter(q -> !"OK".equals(q.verdict())).forEach(q -> lines.add(ComplianceGate.PREFIX + (q.overLimit()
                ? "ERROR over a service quota: " : "WARNING at " + ServiceQuotas.WARNING_PERCENT + "% of a service "
                + "quota or more: ") + q.render()));
        for (ManagedPolicySizes.Size size : policySizes) {
            if (size.overLimit()) {
                lines.add(ComplianceGate.PREFIX + "ERROR managed policy over IAM's size limit: " + size.render());
            } else if (size.withinMargin()) {
                lines.add(ComplianceGate.PREFIX + "WARNING managed policy within " + ManagedPolicySizes.MARGIN + " characters of IAM's "
                        + "size limit: " + size.render());
            }
        }
        return lines;
    }
}
