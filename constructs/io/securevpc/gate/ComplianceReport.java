package io.securevpc.gate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.securevpc.nag.BlueprintChecks;
import io.securevpc.nag.RuleSpec;
import io.securevpc.nag.rules.Finding;
import io.securevpc.nag.rules.RuleResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jetbrains.annotations.NotNull;
import software.amazon.awscdk.PolicyViolatingResource;
import software.amazon.awscdk.PolicyViolation;

/**
 * The gate's own report, written at synth beside CDK's {@code validation-report.json}:
 * {@value #JSON_FILE} and {@value #TEXT_FILE}. For the project's pack it gives every rule and every resource it
 * applies to with the verdict (compliant ones included), the BP-* ids and the findings; for every pack it lists
 * the active findings by rule id, with the control ids the stock compliance packs name in their messages
 * (NIST 800-53, HIPAA, PCI DSS: {@code "controls": ["AU-2b", ...]}), with the findings baseline mode let through marked
 * {@code "baselined": true}, and every acknowledgement of the app ({@code acknowledgements}: rule id, construct
 * path, reason, who made it, the gate's verdict; {@link AcknowledgementReport}). Its {@code findings} list is also the
 * format of a baseline file ({@link Baseline}).
 */
public final class ComplianceReport {
    public static final String JSON_FILE = "compliance-report.json";
    public static final String TEXT_FILE = "compliance-report.txt";

    private final Map<String, Object> json;
    private final String text;

    private ComplianceReport(final Map<String, Object> json, final String text) {
        this.json = json;
        this.text = text;
    }

    /** Builds the report from the gate's packs after validation. */
    public static @NotNull ComplianceReport of(final @NotNull List<GatedPack> packs) {
        return of(packs, List.of());
    }

    /** Builds the report from the gate's packs after validation and the measured managed-policy sizes. */
    public static @NotNull ComplianceReport of(final @NotNull List<GatedPack> packs,
                                               final @NotNull List<ManagedPolicySizes.Size> policySizes) {
        return of(packs, policySizes, List.of());
    }

    /**
     * Builds the report from the gate's packs after validation, the measured managed-policy sizes and every
     * acknowledgement of the app ({@code acknowledgements}: rule id, construct path, reason, source, verdict).
     */
    public static @NotNull ComplianceReport of(final @NotNull List<GatedPack> packs,
                                               final @NotNull List<ManagedPolicySizes.Size> policySizes,
                                               final @NotNull List<AcknowledgementReport> acknowledgements) {
        return of(packs, policySizes, acknowledgements, List.of());
    }

    /**
     * Builds the report as {@link #of(List, List, List)} does, with the measured use of every service quota
     * ({@code limits}: quota, resource, used, limit, verdict; {@link ServiceQuotas}).
     */
    public static @NotNull ComplianceReport of(final @NotNull List<GatedPack> packs,
                                               final @NotNull List<ManagedPolicySizes.Size> policySizes,
                                               final @NotNull List<AcknowledgementReport> acknowledgements,
                                               final @NotNull List<ServiceQuotas.Usage> quotas) {
        Map<String, Object> root = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder("Compliance gate report\n\n");
        List<Map<String, Object>> packRows = new ArrayList<>();
        List<Map<String, Object>> findings = new ArrayList<>();
        for (GatedPack p : packs) {
            GatedPack.Verdict v = p.getLastVerdict();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("pack", p.getName());
            row.put("passed", v == null || v.passed());
            row.put("errors", v == null ? 0 : v.errors());
            row.put("warnings", v == null ? 0 : v.warnings());
            row.put("baselined", p.getBaselined().stream().mapToInt(b -> b.getViolatingResources().size()).sum());
            row.put("validationMillis", p.getElapsedMillis());
            packRows.add(row);
            text.append(v == null ? p.getName() + ": not run" : v.render()).append(" [").append(p.getElapsedMillis())
                    .append(" ms]\n");
            if (v != null) {
                v.violations().forEach(x -> addFindings(p.getName(), x, false, findings));
            }
            p.getBaselined().forEach(x -> addFindings(p.getName(), x, true, findings));
        }
        root.put("packs", packRows);
        root.put("findings", findings);
        text.append("\nFindings (pack, severity, rule, construct):\n");
        for (Map<String, Object> f : findings) {
            text.append("  ").append(f.get("pack")).append("  ").append(f.get("severity")).append("  ")
                    .append(f.get("rule")).append("  ").append(f.get("path"))
                    .append(Boolean.TRUE.equals(f.get("baselined")) ? "  (baselined)" : "").append('\n');
        }
        root.put("acknowledgements", acknowledgements.stream().map(AcknowledgementReport::json).toList());
        if (!acknowledgements.isEmpty()) {
            text.append("\nAcknowledgements (rule, construct, [source: made by], reason):\n");
            acknowledgements.forEach(a -> text.append(a.render()).append('\n'));
        }
        root.put("managedPolicies", policies(policySizes, text));
        root.put("limits", limits(quotas, text));
        packs.stream().map(GatedPack::getPack).filter(BlueprintChecks.class::isInstance)
                .map(BlueprintChecks.class::cast).findFirst()
                .ifPresent(ours -> root.put("blueprintRules", rules(ours, text)));
        return new ComplianceReport(root, text.toString());
    }

    private static List<Map<String, Object>> policies(final List<ManagedPolicySizes.Size> sizes,
                                                      final StringBuilder text) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (!sizes.isEmpty()) {
            text.append("\nManaged IAM policies, size as deployed (values synth cannot know at their longest), IAM's "
                    + "limit ").append(ManagedPolicySizes.LIMIT).append(":\n");
        }
        for (ManagedPolicySizes.Size s : sizes) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("stack", s.stack());
            row.put("logicalId", s.logicalId());
            row.put("path", s.path());
            row.put("permissionBoundary", s.permissionBoundary());
            row.put("chars", s.chars());
            row.put("limit", ManagedPolicySizes.LIMIT);
            row.put("verdict", s.overLimit() ? "OVER_LIMIT" : s.withinMargin() ? "WITHIN_MARGIN" : "OK");
            out.add(row);
            text.append("  ").append(s.render()).append(s.overLimit() ? "  OVER THE LIMIT"
                    : s.withinMargin() ? "  within " + ManagedPolicySizes.MARGIN + " of the limit" : "").append('\n');
        }
        return out;
    }

    private static List<Map<String, Object>> limits(final List<ServiceQuotas.Usage> quotas, final StringBuilder text) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ServiceQuotas.Usage u : quotas) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("quota", u.quota().name());
            row.put("path", u.path());
            row.put("used", u.used());
            row.put("limit", u.quota().limit());
            row.put("verdict", u.verdict());
            out.add(row);
        }
        List<ServiceQuotas.Usage> notable = quotas.stream().filter(u -> !"OK".equals(u.verdict())).toList();
        if (!notable.isEmpty()) {
            text.append("\nService quotas at ").append(ServiceQuotas.WARNING_PERCENT).append("% or more:\n");
            notable.forEach(u -> text.append("  ").append(u.render()).append("  ").append(u.verdict()).append('\n'));
        }
        return out;
    }

    private static void addFindings(final String pack, final PolicyViolation v, final boolean baselined,
                                    final List<Map<String, Object>> out) {
        for (PolicyViolatingResource r : v.getViolatingResources()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("pack", pack);
            f.put("rule", v.getRuleName());
            f.put("severity", v.getSeverity());
            f.put("path", r.getConstructPath() != null ? r.getConstructPath() : r.getResourceLogicalId());
            f.put("description", v.getDescription());
            List<String> controls = controlIds(v.getDescription());
            if (!controls.isEmpty()) {
                f.put("controls", controls);
            }
            if (baselined) {
                f.put("baselined", true);
            }
            BlueprintChecks.RULES.stream().filter(s -> v.getRuleName().equals(s.id())
                    || v.getRuleName().startsWith(s.id() + "[")).findFirst()
                    .ifPresent(s -> f.put("bestPractices", s.bestPractices()));
            out.add(f);
        }
    }

    /**
     * @return the control ids a stock compliance pack names at the end of its message, e.g.
     *     {@code "... - (Control IDs: AU-2b, SC-7(9)(b))."} gives {@code [AU-2b, SC-7(9)(b)]}
     */
    static List<String> controlIds(final String description) {
        if (description == null) {
            return List.of();
        }
        java.util.regex.Matcher m = CONTROL_IDS.matcher(description);
        if (!m.find()) {
            return List.of();
        }
        // ids contain no spaces; the messages may separate them with non-breaking ones
        return java.util.Arrays.stream(m.group(1).split(",")).map(id -> id.replaceAll("[\\s\\u00A0]+", ""))
                .filter(id -> !id.isEmpty()).distinct().toList();
    }

    private static final java.util.regex.Pattern CONTROL_IDS =
            java.util.regex.Pattern.compile("\\(Control IDs?: (.*)\\)\\.?\\s*$");

    private static List<Map<String, Object>> rules(final BlueprintChecks pack, final StringBuilder text) {
        text.append("\nBlueprintChecks, per rule and resource (not-applicable omitted):\n");
        List<Map<String, Object>> out = new ArrayList<>();
        for (RuleSpec spec : pack.getRules()) {
            List<Map<String, Object>> results = new ArrayList<>();
            int compliant = 0;
            int nonCompliant = 0;
            for (BlueprintChecks.Evaluation e : pack.getEvaluations()) {
                if (e.rule() != spec || e.result().verdict() == RuleResult.Verdict.NOT_APPLICABLE) {
                    continue;
                }
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("stack", e.stack());
                r.put("logicalId", e.logicalId());
                r.put("path", e.constructPath());
                r.put("verdict", e.result().verdict().name());
                if (e.result().isNonCompliant()) {
                    nonCompliant++;
                    List<Map<String, Object>> fs = new ArrayList<>();
                    for (Finding f : e.result().findings()) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("id", f.id());
                        m.put("message", f.message());
                        m.put("cannotCheck", f.cannotCheck());
                        fs.add(m);
                    }
                    r.put("findings", fs);
                } else {
                    compliant++;
                }
                results.add(r);
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("rule", spec.id());
            row.put("level", spec.level().name());
            row.put("bestPractices", spec.bestPractices());
            row.put("results", results);
            out.add(row);
            text.append(String.format("  %-62s %-5s %-28s %d compliant, %d non-compliant%n", spec.id(),
                    spec.level().name(), String.join(",", spec.bestPractices()), compliant, nonCompliant));
            for (Map<String, Object> r : results) {
                if ("NON_COMPLIANT".equals(r.get("verdict"))) {
                    text.append("      NON_COMPLIANT ").append(r.get("path") != null ? r.get("path")
                            : r.get("stack") + "/" + r.get("logicalId")).append('\n');
                }
            }
        }
        return out;
    }

    /**
     * Writes both files into {@code dir} (the cloud assembly directory), each atomically (a temporary file in
     * {@code dir} renamed over it), so a reader never sees a half-written report.
     *
     * @throws io.securevpc.BlueprintValidationException {@code SVPC-023} ({@link io.securevpc.ErrorCode#GATE_FILE})
     *     naming the file that could not be written
     */
    public void write(final @NotNull Path dir) {
        Path file = dir;
        try {
            Files.createDirectories(dir);
            file = dir.resolve(JSON_FILE);
            GateFiles.writeAtomically(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsBytes(json));
            file = dir.resolve(TEXT_FILE);
            GateFiles.writeAtomically(file, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw GateFiles.error("report", file, "a writable file in a writable directory for the gate's report ("
                    + e + ")", e);
        }
    }

    public @NotNull Map<String, Object> json() {
        return json;
    }

    public @NotNull String text() {
        return text;
    }
}
