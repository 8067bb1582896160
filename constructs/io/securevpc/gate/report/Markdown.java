package io.securevpc.gate.report;

import java.util.List;

/** The report as Markdown: the same sections and numbers as {@link Html}, the network as tables instead of SVG. */
final class Markdown {
    private Markdown() {
    }

    /** @return {@code text} safe in a Markdown table cell: no pipe, no line break, no raw HTML. */
    static String cell(final String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\r", " ").replace("\n", " ");
    }

    static String render(final SynthReport.Content c) {
        StringBuilder b = new StringBuilder("# Secure VPC synth report\n\n").append(SynthReport.intro(c)).append("\n\n");
        Verdicts v = c.verdicts();
        b.append("## Verdicts\n\n### Per pack\n\n| pack | verdict | errors | warnings |\n|---|---|---:|---:|\n");
        v.packs.forEach(p -> b.append("| ").append(cell(p.name())).append(" | ").append(p.passed() ? "PASS" : "FAIL")
                .append(" | ").append(p.errors()).append(" | ").append(p.warnings()).append(" |\n"));
        b.append("\n### Per stack\n\n| stack | environment | verdict | errors | warnings |\n|---|---|---|---:|---:|\n");
        v.stacks.forEach(s -> b.append("| ").append(cell(s.name())).append(" | ").append(cell(s.environment()))
                .append(" | ").append(s.passed() ? "PASS" : "FAIL").append(" | ").append(s.errors()).append(" | ")
                .append(s.warnings()).append(" |\n"));
        b.append("\n[").append(v.findings.size()).append(" findings](#findings), [").append(v.acknowledgements.size())
                .append(" acknowledgements](#acknowledgements) below.\n");
        controls(b, c.controls());
        b.append("\n## Network\n");
        for (NetworkView.Vpc vpc : c.vpcs()) {
            b.append("\n### ").append(cell(vpc.name() + " (" + vpc.cidr() + ")")).append("\n\n| tier |");
            vpc.zones().forEach(z -> b.append(' ').append(cell(z)).append(" |"));
            b.append(" NACL allows (in, out) |\n|---|");
            vpc.zones().forEach(z -> b.append("---|"));
            b.append("---|\n");
            for (String tier : vpc.tiers()) {
                b.append("| ").append(cell(tier)).append(" |");
                vpc.zones().forEach(z -> b.append(' ').append(vpc.subnet(tier, z).map(s -> cell(s.cidr())
                        + (s.routes().isEmpty() ? "" : " (" + cell(String.join(", ", s.routes())) + ")")).orElse(""))
                        .append(" |"));
                List<NetworkView.AclEntry> acl = vpc.aclByTier().getOrDefault(tier, List.of());
                b.append(' ').append(acl.stream().filter(e -> e.allow() && !e.egress()).count()).append(", ")
                        .append(acl.stream().filter(e -> e.allow() && e.egress()).count()).append(" |\n");
            }
            b.append("\nGateway endpoints: ").append(cell(vpc.gatewayEndpoints().isEmpty() ? "none"
                    : String.join(", ", vpc.gatewayEndpoints()))).append(". Interface endpoints: ")
                    .append(cell(vpc.interfaceEndpoints().isEmpty() ? "none" : String.join(", ", vpc.interfaceEndpoints())))
                    .append(".\n");
            NetworkSvg.details(vpc).forEach(line -> b.append('\n').append(cell(line)).append(".\n"));
            b.append("\n| tier | NACL entries (rule order: inbound, then outbound) |\n|---|---|\n");
            vpc.aclByTier().forEach((tier, entries) -> b.append("| ").append(cell(tier)).append(" | ")
                    .append(cell(entries.isEmpty() ? "no entry: denies all traffic (the NACL's final * deny)"
                            : String.join("; ", entries.stream().map(e -> "#" + e.number() + " " + e.text()).toList())))
                    .append(" |\n"));
        }
        b.append("\n## Bill of materials and estimated monthly cost\n\n").append(SynthReport.costDisclaimer()).append('\n');
        for (CostEstimate.Environment e : c.cost().environments) {
            b.append("\n### ").append(cell(e.name())).append("\n\n| item | quantity | USD/month | assumption |\n"
                    + "|---|---:|---:|---|\n");
            e.lines().forEach(l -> b.append("| ").append(cell(l.item())).append(" | ").append(l.quantity()).append(" | ")
                    .append(CostEstimate.usd(l.monthly())).append(" | ").append(cell(l.assumption())).append(" |\n"));
            b.append("| **environment total** | | **").append(CostEstimate.usd(e.total())).append("** | |\n");
            if (!e.cheapestChange().isEmpty()) {
                b.append("\n**Cheapest change:** ").append(cell(e.cheapestChange())).append('\n');
            }
        }
        b.append("\n**Estimated total: ").append(CostEstimate.usd(c.cost().total())).append(" per month**\n");
        b.append("\n## Changes since the previous report\n\n");
        ReportDiff d = c.diff();
        if (d == null) {
            b.append("No previous report in this output directory.\n");
            findings(b, v);
            return b.toString();
        }
        b.append("Estimated cost change: ").append(SynthReport.signed(d.costDelta())).append(" per month (")
                .append(CostEstimate.usd(d.previousCost())).append(" before).\n");
        list(b, "Resources added", d.resourcesAdded());
        list(b, "Resources removed", d.resourcesRemoved());
        list(b, "New findings", d.findingsNew());
        list(b, "Fixed findings", d.findingsFixed());
        findings(b, v);
        return b.toString();
    }

    private static void controls(final StringBuilder b, final ControlMapping m) {
        b.append("\n## Controls\n\n").append(SynthReport.controlsNote()).append("\n\n| family | pack | controls named | "
                + "checked | passing | acknowledged | failing | no resource in scope |\n|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (ControlMapping.Family f : m.families) {
            ControlMapping.Coverage c = f.coverage();
            b.append("| ").append(cell(f.name())).append(" | ").append(cell(f.pack())).append(" | ").append(c.named())
                    .append(" | ").append(c.checked()).append(" | ").append(c.passing()).append(" | ").append(c.acknowledged())
                    .append(" | ").append(c.failing()).append(" | ").append(c.notExercised()).append(" |\n");
        }
        if (!m.unmapped.isEmpty()) {
            b.append("\n**Stock rules with findings that the control table does not know (a newer cdk-nag?):** ")
                    .append(cell(String.join(", ", m.unmapped))).append('\n');
        }
        for (ControlMapping.Family f : m.families) {
            b.append("\n### ").append(cell(f.name() + " (" + f.pack() + ")")).append("\n\n| control | verdict | rules | "
                    + "resources (those not passing named) |\n|---|---|---|---|\n");
            for (ControlMapping.Control control : f.controls()) {
                b.append("| ").append(cell(control.id())).append(" | ").append(control.verdict() == null ? "no resource"
                        : control.verdict().name()).append(" | ").append(cell(String.join(", ", control.rules()))).append(" | ");
                if (!control.resources().isEmpty()) {
                    b.append(cell(control.summary() + String.join("", control.notPassing().stream().map(r -> "; "
                            + r.path() + " " + r.verdict().name() + " (" + String.join("; ", r.notPassing()) + ")").toList())));
                }
                b.append(" |\n");
            }
            b.append("\n| rule | resources it applies to, by verdict |\n|---|---|\n");
            f.rules().forEach((rule, verdicts) -> b.append("| ").append(cell(rule)).append(" | ")
                    .append(cell(ControlMapping.byVerdict(verdicts))).append(" |\n"));
        }
    }

    private static void findings(final StringBuilder b, final Verdicts v) {
        b.append("\n## Findings (").append(v.findings.size()).append(")\n\n");
        if (!v.findings.isEmpty()) {
            b.append("| rule | level | resource | message | fix |\n|---|---|---|---|---|\n");
            v.findings.forEach(f -> b.append("| ").append(cell(f.rule())).append(" | ").append(cell(f.level()
                    + (f.baselined() ? " (baselined)" : ""))).append(" | ").append(cell(f.path())).append(" | ")
                    .append(cell(f.messageWithoutFix())).append(" | ").append(cell(f.fix())).append(" |\n"));
        }
        b.append("\n## Acknowledgements (").append(v.acknowledgements.size()).append(")\n\n");
        if (!v.acknowledgements.isEmpty()) {
            b.append(SynthReport.bySource(v)).append("\n\n| rule | resource | reason | source | gate |\n|---|---|---|---|---|\n");
            v.acknowledgements.forEach(a -> b.append("| ").append(cell(a.rule())).append(" | ").append(cell(a.path()))
                    .append(" | ").append(cell(a.reason())).append(" | ").append(cell(a.source())).append(" | ")
                    .append(cell(a.verdict())).append(" |\n"));
        }
    }

    private static void list(final StringBuilder b, final String title, final List<String> items) {
        b.append("\n### ").append(title).append(" (").append(items.size()).append(")\n\n");
        items.forEach(i -> b.append("- ").append(cell(i)).append('\n'));
    }
}
