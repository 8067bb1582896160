package io.securevpc.gate.report;

import java.util.List;

/**
 * The report as one self-contained HTML page: inline CSS, inline SVG, no script, no font, image or style fetched
 * from anywhere. Every text from the app (names, paths, reasons, messages) is escaped.
 */
final class Html {
    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;color:#1b1f24;\
            max-width:1340px}
            h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin-top:32px;border-bottom:2px solid #d0d7de}
            h3{font-size:16px;margin-top:20px}
            table{border-collapse:collapse;margin:8px 0;font-size:13px;width:100%}
            th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
            th{background:#f6f8fa}td.num{text-align:right;white-space:nowrap}
            .PASS{color:#1a7f37;font-weight:700}.FAIL{color:#cf222e;font-weight:700}
            .note{font-size:12px;fill:#57606a;color:#57606a}
            svg text{font-family:inherit}svg .title{font-size:15px;font-weight:700}
            svg .zone{font-size:13px;font-weight:700}svg .tier{font-size:14px;font-weight:700}
            svg .cidr{font-size:14px;font-weight:700;font-family:ui-monospace,Menlo,monospace}
            svg .route{font-size:11px;font-family:ui-monospace,Menlo,monospace}
            svg .frame{fill:#fff;stroke:#8c959f}
            svg .tier-public{fill:#ddf4ff;stroke:#54aeff}svg .tier-private{fill:#fff8c5;stroke:#d4a72c}
            svg .tier-isolated{fill:#eef1f4;stroke:#8c959f}
            .total{font-size:18px;font-weight:700}
            .ACKNOWLEDGED{color:#9a6700;font-weight:700}.NOT_EXERCISED{color:#57606a}
            table.fixed{table-layout:fixed}
            details summary{cursor:pointer;margin:6px 0}
            """;

    private Html() {
    }

    /** @return {@code text} safe inside an HTML or SVG element and inside a double-quoted attribute. */
    static String escape(final String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        b.append(' ');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    static String render(final SynthReport.Content c) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width\"><title>Secure VPC synth report</title><style>\n")
                .append(CSS).append("</style></head><body>\n<h1>Secure VPC synth report</h1>\n<p class=\"note\">")
                .append(escape(SynthReport.intro(c))).append("</p>\n");
        verdicts(b, c.verdicts());
        controls(b, c.controls());
        network(b, c.vpcs());
        cost(b, c.cost());
        diff(b, c.diff());
        findings(b, c.verdicts());
        return b.append("</body></html>\n").toString();
    }

    private static void verdicts(final StringBuilder b, final Verdicts v) {
        b.append("<h2 id=\"verdicts\">Verdicts</h2>\n<h3>Per pack</h3>\n<table class=\"verdicts packs\"><tr><th>pack</th>"
                + "<th>verdict</th><th>errors</th><th>warnings</th></tr>\n");
        v.packs.forEach(p -> b.append("<tr class=\"verdict\"><td>").append(escape(p.name())).append("</td>")
                .append(verdict(p.passed())).append(num(p.errors())).append(num(p.warnings())).append("</tr>\n"));
        b.append("</table>\n<h3>Per stack</h3>\n<table class=\"verdicts stacks\"><tr><th>stack</th><th>environment</th>"
                + "<th>verdict</th><th>errors</th><th>warnings</th></tr>\n");
        v.stacks.forEach(s -> b.append("<tr class=\"verdict\"><td>").append(escape(s.name())).append("</td><td>")
                .append(escape(s.environment())).append("</td>").append(verdict(s.passed())).append(num(s.errors()))
                .append(num(s.warnings())).append("</tr>\n"));
        b.append("</table>\n<p><a href=\"#findings\">").append(v.findings.size()).append(" findings</a>, <a href=\""
                + "#acknowledgements\">").append(v.acknowledgements.size()).append(" acknowledgements</a> below.</p>\n");
    }

    private static void controls(final StringBuilder b, final ControlMapping m) {
        b.append("<h2 id=\"controls\">Controls</h2>\n<p class=\"note\">").append(escape(SynthReport.controlsNote()))
                .append("</p>\n<table class=\"coverage\"><tr><th>family</th><th>pack</th><th>controls named</th>"
                        + "<th>checked</th><th>passing</th><th>acknowledged</th><th>failing</th><th>no resource in scope"
                        + "</th></tr>\n");
        for (ControlMapping.Family f : m.families) {
            ControlMapping.Coverage c = f.coverage();
            b.append("<tr class=\"coverage-row\"><td><a href=\"#").append(f.anchor()).append("\">").append(escape(f.name()))
                    .append("</a></td><td>").append(escape(f.pack())).append("</td>").append(num(c.named()))
                    .append(num(c.checked())).append(num(c.passing())).append(num(c.acknowledged())).append(num(c.failing()))
                    .append(num(c.notExercised())).append("</tr>\n");
        }
        b.append("</table>\n");
        if (!m.unmapped.isEmpty()) {
            b.append("<p class=\"FAIL\">Stock rules with findings that the control table does not know (a newer cdk-nag?): ")
                    .append(escape(String.join(", ", m.unmapped))).append("</p>\n");
        }
        for (ControlMapping.Family f : m.families) {
            ControlMapping.Coverage c = f.coverage();
            b.append("<h3 id=\"").append(f.anchor()).append("\">").append(escape(f.name() + " (" + f.pack() + ")"))
                    .append("</h3>\n<details><summary>").append(c.checked()).append(" of ").append(c.named())
                    .append(" checked: ").append(c.passing()).append(" passing, ").append(c.acknowledged())
                    .append(" acknowledged, ").append(c.failing()).append(" failing; every control with its rules, "
                    + "then every rule with the verdict per resource</summary>\n<table class=\"controls fixed\"><colgroup>"
                    + "<col style=\"width:12%\"><col style=\"width:10%\"><col style=\"width:33%\"><col></colgroup><tr>"
                    + "<th>control</th><th>verdict</th><th>rules</th><th>resources (those not passing named)</th></tr>\n");
            for (ControlMapping.Control control : f.controls()) {
                String verdict = control.verdict() == null ? "NOT_EXERCISED" : control.verdict().name();
                b.append("<tr class=\"control\"><td>").append(escape(control.id())).append("</td><td class=\"")
                        .append(verdict).append("\">").append(control.verdict() == null ? "no resource" : verdict)
                        .append("</td><td>").append(escape(String.join(", ", control.rules()))).append("</td><td>");
                if (!control.resources().isEmpty()) {
                    b.append(escape(control.summary()));
                    control.notPassing().forEach(r -> b.append("<br>").append(escape(r.path())).append(" <span class=\"")
                            .append(r.verdict().name()).append("\">").append(r.verdict().name()).append("</span> (")
                            .append(escape(String.join("; ", r.notPassing()))).append(")"));
                }
                b.append("</td></tr>\n");
            }
            b.append("</table>\n<table class=\"control-rules fixed\"><colgroup><col style=\"width:28%\"><col></colgroup>"
                    + "<tr><th>rule</th><th>resources it applies to, by verdict</th></tr>\n");
            f.rules().forEach((rule, verdicts) -> b.append("<tr class=\"control-rule\"><td>").append(escape(rule))
                    .append("</td><td>").append(escape(ControlMapping.byVerdict(verdicts))).append("</td></tr>\n"));
            b.append("</table></details>\n");
        }
    }

    private static void findings(final StringBuilder b, final Verdicts v) {
        b.append("<h2 id=\"findings\">Findings (").append(v.findings.size()).append(")</h2>\n");
        if (!v.findings.isEmpty()) {
            b.append("<table class=\"findings fixed\"><colgroup><col style=\"width:18%\"><col style=\"width:6%\">"
                    + "<col style=\"width:18%\"><col style=\"width:33%\"><col style=\"width:25%\"></colgroup><tr><th>rule</th><th>level</th><th>resource</th><th>message</th>"
                    + "<th>fix</th></tr>\n");
            v.findings.forEach(f -> b.append("<tr class=\"finding\"><td>").append(escape(f.rule())).append("</td><td>")
                    .append(escape(f.level() + (f.baselined() ? " (baselined)" : ""))).append("</td><td>")
                    .append(escape(f.path())).append("</td><td>").append(escape(f.messageWithoutFix())).append("</td><td>")
                    .append(escape(f.fix())).append("</td></tr>\n"));
            b.append("</table>\n");
        }
        b.append("<h2 id=\"acknowledgements\">Acknowledgements (").append(v.acknowledgements.size()).append(")</h2>\n");
        if (!v.acknowledgements.isEmpty()) {
            b.append("<p>").append(escape(SynthReport.bySource(v))).append("</p>\n<details><summary>every "
                    + "acknowledgement: rule, resource, reason, who made it</summary>\n<table class=\"acknowledgements fixed\"><colgroup><col style=\"width:20%\"><col style=\"width:28%\">"
                    + "<col style=\"width:36%\"><col style=\"width:9%\"><col style=\"width:7%\"></colgroup><tr><th>rule</th><th>resource</th><th>reason</th><th>source</th>"
                    + "<th>gate</th></tr>\n");
            v.acknowledgements.forEach(a -> b.append("<tr class=\"acknowledgement\"><td>").append(escape(a.rule()))
                    .append("</td><td>").append(escape(a.path())).append("</td><td>").append(escape(a.reason()))
                    .append("</td><td>").append(escape(a.source())).append("</td><td>").append(escape(a.verdict()))
                    .append("</td></tr>\n"));
            b.append("</table></details>\n");
        }
    }

    private static void network(final StringBuilder b, final List<NetworkView.Vpc> vpcs) {
        b.append("<h2 id=\"network\">Network</h2>\n");
        for (NetworkView.Vpc vpc : vpcs) {
            b.append("<h3>").append(escape(vpc.name() + " (" + vpc.cidr() + ")")).append("</h3>\n")
                    .append(NetworkSvg.render(vpc));
            b.append("<table class=\"nacl fixed\"><colgroup><col style=\"width:12%\"><col></colgroup><tr><th>tier</th><th>NACL entries (rule order: inbound, then outbound)</th>"
                    + "</tr>\n");
            vpc.aclByTier().forEach((tier, entries) -> b.append("<tr><td>").append(escape(tier)).append("</td><td>")
                    .append(escape(entries.isEmpty() ? "no entry: denies all traffic (the NACL's final * deny)"
                            : String.join("; ", entries.stream().map(e -> "#" + e.number() + " " + e.text()).toList())))
                    .append("</td></tr>\n"));
            b.append("</table>\n");
        }
    }

    private static void cost(final StringBuilder b, final CostEstimate cost) {
        b.append("<h2 id=\"cost\">Bill of materials and estimated monthly cost</h2>\n<p class=\"note\">")
                .append(escape(SynthReport.costDisclaimer())).append("</p>\n");
        for (CostEstimate.Environment e : cost.environments) {
            b.append("<h3>").append(escape(e.name())).append("</h3>\n<table class=\"cost\"><tr><th>item</th><th>quantity"
                    + "</th><th>USD/month</th><th>assumption</th></tr>\n");
            e.lines().forEach(l -> b.append("<tr><td>").append(escape(l.item())).append("</td>").append(num(l.quantity()))
                    .append("<td class=\"num\">").append(CostEstimate.usd(l.monthly())).append("</td><td>")
                    .append(escape(l.assumption())).append("</td></tr>\n"));
            b.append("<tr><th>environment total</th><td></td><td class=\"num env-total\">").append(CostEstimate.usd(e.total()))
                    .append("</td><td></td></tr>\n</table>\n");
            if (!e.cheapestChange().isEmpty()) {
                b.append("<p><b>Cheapest change:</b> ").append(escape(e.cheapestChange())).append("</p>\n");
            }
        }
        b.append("<p class=\"total\">Estimated total: <span id=\"cost-total\">").append(CostEstimate.usd(cost.total()))
                .append("</span> per month</p>\n");
    }

    private static void diff(final StringBuilder b, final ReportDiff d) {
        b.append("<h2 id=\"diff\">Changes since the previous report</h2>\n");
        if (d == null) {
            b.append("<p>No previous report in this output directory.</p>\n");
            return;
        }
        b.append("<p>Estimated cost change: <span id=\"cost-delta\">").append(SynthReport.signed(d.costDelta()))
                .append("</span> per month (").append(CostEstimate.usd(d.previousCost())).append(" before).</p>\n");
        list(b, "Resources added", d.resourcesAdded());
        list(b, "Resources removed", d.resourcesRemoved());
        list(b, "New findings", d.findingsNew());
        list(b, "Fixed findings", d.findingsFixed());
    }

    private static void list(final StringBuilder b, final String title, final List<String> items) {
        b.append("<h3>").append(title).append(" (").append(items.size()).append(")</h3>\n");
        if (!items.isEmpty()) {
            b.append("<ul>");
            items.forEach(i -> b.append("<li>").append(escape(i)).append("</li>"));
            b.append("</ul>\n");
        }
    }

    private static String verdict(final boolean passed) {
        return passed ? "<td class=\"PASS\">PASS</td>" : "<td class=\"FAIL\">FAIL</td>";
    }

    private static String num(final int n) {
        return "<td class=\"num\">" + n + "</td>";
    }
}
