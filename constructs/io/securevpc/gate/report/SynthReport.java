package io.securevpc.gate.report;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.securevpc.BlueprintValidationException;
import io.securevpc.ErrorCode;
import io.securevpc.internal.Maps;
import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.StackTemplate;
import io.securevpc.nag.model.TemplateResource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jetbrains.annotations.NotNull;

/**
 * The synth report: {@value #DIRECTORY}/{@value #HTML_FILE} (one self-contained page: inline CSS and SVG, nothing
 * fetched) and {@value #MARKDOWN_FILE} with the same content, written by the compliance gate at every synth from the
 * gate's report data and the synthesized templates. Sections: verdicts per pack and per stack, every finding with the
 * fix of the project's rule table, every acknowledgement; the controls ({@link ControlMapping}: per BP-* id and per
 * NIST 800-53, HIPAA and PCI DSS control of the stock packs that ran, the resources in scope and their verdicts, and
 * a coverage summary); per VPC a diagram (Availability Zones as columns, tiers as rows with CIDRs and routes,
 * endpoints, NACL entries per tier, flow-log and DNS-log destinations, connections to other networks); a bill of
 * materials with an estimated monthly cost
 * per environment from the list prices of {@link PriceTable}; and the changes since the previous report of the same
 * output directory ({@value #DATA_FILE}, read before it is overwritten).
 */
public final class SynthReport {
    /** The report's directory inside the cloud assembly directory. */
    public static final String DIRECTORY = "secure-vpc-report";
    public static final String HTML_FILE = "index.html";
    public static final String MARKDOWN_FILE = "report.md";
    /** What the next synth compares with: resources, finding keys and the estimated cost. */
    public static final String DATA_FILE = "report.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Everything the report shows; {@code diff} is {@code null} when there is no previous report. */
    record Content(Verdicts verdicts, ControlMapping controls, List<NetworkView.Vpc> vpcs, CostEstimate cost,
                   ReportDiff diff, int stacks) {
    }

    private SynthReport() {
    }

    /**
     * Writes the report into {@code outdir}/{@value #DIRECTORY}/, each file atomically (a temporary file renamed over
     * it), after reading the previous {@value #DATA_FILE} for the diff.
     *
     * @param complianceReport the gate's report data ({@code compliance-report.json}: packs, findings, acknowledgements)
     * @param templates the synthesized templates
     * @return the directory written
     * @throws BlueprintValidationException {@code SVPC-023} ({@link ErrorCode#GATE_FILE}) naming the file that could
     *     not be written
     */
    public static @NotNull Path write(final @NotNull Path outdir, final @NotNull Map<String, Object> complianceReport,
                                      final @NotNull AppTemplates templates) {
        Path dir = outdir.resolve(DIRECTORY);
        Map<String, Object> previous = previous(dir.resolve(DATA_FILE));
        Content content = content(complianceReport, templates, previous);
        Path file = dir;
        try {
            Files.createDirectories(dir);
            file = dir.resolve(HTML_FILE);
            writeAtomically(file, Html.render(content).getBytes(StandardCharsets.UTF_8));
            file = dir.resolve(MARKDOWN_FILE);
            writeAtomically(file, Markdown.render(content).getBytes(StandardCharsets.UTF_8));
            file = dir.resolve(DATA_FILE);
            writeAtomically(file, JSON.writeValueAsBytes(data(content, templates)));
        } catch (IOException e) {
            throw new BlueprintValidationException("the compliance gate", List.of(new BlueprintValidationException.Problem(
                    ErrorCode.GATE_FILE, "report", String.valueOf(file), "a writable file in a writable directory for "
                    + "the synth report (" + e + ")")), e);
        }
        return dir;
    }

    /** @return the report's content; {@code previous} is the data of the previous report, or {@code null}. */
    static Content content(final Map<String, Object> complianceReport, final AppTemplates templates,
                           final Map<String, Object> previous) {
        Verdicts verdicts = Verdicts.of(complianceReport, templates);
        CostEstimate cost = CostEstimate.of(templates);
        ControlMapping controls = ControlMapping.of(complianceReport, templates);
        Content content = new Content(verdicts, controls, NetworkView.of(templates), cost, null,
                templates.stacks().size());
        if (previous == null) {
            return content;
        }
        return new Content(verdicts, controls, content.vpcs(), cost,
                ReportDiff.between(previous, data(content, templates)), content.stacks());
    }

    static Map<String, Object> data(final Content content, final AppTemplates templates) {
        List<String> resources = new ArrayList<>();
        for (StackTemplate s : templates.stacks().values()) {
            for (TemplateResource r : s.resources().values()) {
                if (!"AWS::CDK::Metadata".equals(r.type())) {
                    resources.add(s.name() + "/" + r.logicalId() + " (" + r.type() + ")");
                }
            }
        }
        Map<String, Object> data = ReportDiff.data(resources, content.verdicts().findings.stream()
                .map(Verdicts.Finding::key).toList(), Math.round(content.cost().total() * 100) / 100.0);
        data.put("controls", controlData(content.controls()));
        return data;
    }

    /**
     * @return per family its coverage, per control its verdict, rules, resource counts and the resources not passing,
     *     and per rule the resources it applies to by verdict
     */
    private static Map<String, Object> controlData(final ControlMapping mapping) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("stockRuleTable", StockRules.get().source());
        List<Map<String, Object>> families = new ArrayList<>();
        for (ControlMapping.Family f : mapping.families) {
            ControlMapping.Coverage c = f.coverage();
            Map<String, Object> family = new java.util.LinkedHashMap<>();
            family.put("family", f.name());
            family.put("pack", f.pack());
            family.put("coverage", Maps.of("named", c.named(), "checked", c.checked(), "passing", c.passing(),
                    "acknowledged", c.acknowledged(), "failing", c.failing()));
            List<Map<String, Object>> controls = new ArrayList<>();
            for (ControlMapping.Control control : f.controls()) {
                Map<String, Object> row = new java.util.LinkedHashMap<>();
                row.put("control", control.id());
                row.put("verdict", control.verdict() == null ? "NOT_EXERCISED" : control.verdict().name());
                row.put("rules", control.rules());
                row.put("resources", Maps.of("PASS", control.count(ControlMapping.Verdict.PASS), "ACKNOWLEDGED",
                        control.count(ControlMapping.Verdict.ACKNOWLEDGED), "FAIL", control.count(ControlMapping.Verdict.FAIL)));
                row.put("notPassing", control.notPassing().stream().map(r -> Maps.of("path", r.path(), "verdict",
                        r.verdict().name(), "rules", r.notPassing())).toList());
                controls.add(row);
            }
            family.put("controls", controls);
            Map<String, Object> rules = new java.util.LinkedHashMap<>();
            f.rules().forEach((rule, verdicts) -> {
                Map<String, List<String>> byVerdict = new java.util.TreeMap<>();
                verdicts.forEach((path, v) -> byVerdict.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(path));
                rules.put(rule, byVerdict);
            });
            family.put("rules", rules);
            families.add(family);
        }
        out.put("families", families);
        out.put("unmappedStockRules", List.copyOf(mapping.unmapped));
        return out;
    }

    /** @return one line per family for the report: what a verdict means, where the stock table comes from. */
    static String controlsNote() {
        Map<String, String> source = StockRules.get().source();
        return "A control passes when every resource in its scope passes each of its rules, fails when one resource "
                + "fails one, and is acknowledged when none fails and one is acknowledged. BP-* ids come from the "
                + "project's rule table (RULES.md), each rule judging the resources it applies to. A stock rule "
                + "applies to the resources of the CloudFormation types it judges; one without a finding of the rule "
                + "and without an acknowledgement passes (the rule found it compliant or had nothing to judge in it). "
                + "Warnings count as failures here. Controls named by the stock packs as of cdk-nag "
                + source.getOrDefault("tag", "?") + " (" + source.getOrDefault("repository", "?") + ", "
                + "src/packs/*.ts).";
    }

    /** @return the previous report's data, or {@code null} when there is none or it cannot be read as one. */
    private static Map<String, Object> previous(final Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            Map<String, Object> data = JSON.readValue(file.toFile(), new TypeReference<Map<String, Object>>() { });
            return data.get("resources") instanceof List && data.get("findings") instanceof List ? data : null;
        } catch (IOException e) {
            return null;
        }
    }

    static String intro(final Content c) {
        boolean passed = c.verdicts().packs.stream().allMatch(Verdicts.Pack::passed);
        return "Written by the compliance gate at synth from the synthesized templates (stacks: " + c.stacks()
                + ", VPCs: " + c.vpcs().size() + ", packs: " + c.verdicts().packs.size() + "). Gate verdict: "
                + (passed ? "PASS" : "FAIL") + "; findings: " + c.verdicts().findings.size() + "; acknowledgements: "
                + c.verdicts().acknowledgements.size() + ".";
    }

    /** @return the acknowledgements counted by who made them, e.g. {@code 3 acknowledgements: app 1, library 2}. */
    static String bySource(final Verdicts v) {
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        v.acknowledgements.forEach(a -> counts.merge(a.source(), 1, Integer::sum));
        StringBuilder b = new StringBuilder().append(v.acknowledgements.size()).append(" acknowledgements, by source:");
        counts.forEach((source, n) -> b.append(' ').append(source).append(' ').append(n).append(','));
        long refused = v.acknowledgements.stream().filter(a -> "REFUSED".equals(a.verdict())).count();
        return b.append(" refused by the gate ").append(refused).append('.').toString();
    }

    static String costDisclaimer() {
        return "These are estimates from AWS on-demand list prices in USD as of " + PriceTable.AS_OF + " ("
                + String.join(", ", PriceTable.SOURCES) + "), not a bill: no free tier, discount, savings plan, tax, "
                + "data transfer between AZs or regions, storage or request charges. Traffic is not in a template: "
                + "each traffic figure names the volume it assumes. A month is " + (int) PriceTable.HOURS_PER_MONTH
                + " hours.";
    }

    static String signed(final double amount) {
        return (amount < 0 ? "-" : "+") + CostEstimate.usd(Math.abs(amount));
    }

    private static void writeAtomically(final Path target, final byte[] content) throws IOException {
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.write(tmp, content);
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                // a temporary file is private to its owner; the report is for whoever reads the output directory
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
