package io.securevpc.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.nag.BlueprintChecks;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line entry point on an existing template: exact findings and exit codes. */
class CheckTemplateTest {
    private static final Path TEMPLATES = Path.of("test/io/securevpc/gate/templates");

    @TempDir
    Path out;

    private static List<String> blueprintFindings(final CheckTemplate.Result result) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> findings = (List<Map<String, Object>>) result.report().json().get("findings");
        return findings.stream().filter(f -> BlueprintChecks.PACK_NAME.equals(f.get("pack")))
                .map(f -> f.get("severity") + " " + f.get("rule") + " " + f.get("path")).sorted().toList();
    }

    private CheckTemplate.Result run(final String... args) {
        return CheckTemplate.run(args, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()));
    }

    @Test
    void failsATemplateWithKnownViolationsWithExactFindings() {
        CheckTemplate.Result result = run(TEMPLATES.resolve("violations.json").toString(), "--out", out.toString());
        assertEquals(CheckTemplate.FAIL, result.exitCode());
        assertEquals(List.of(
                "error BlueprintChecks-AuditBaselineComplete[CloudTrail] Imported/Template/Vpc",
                "error BlueprintChecks-AuditBaselineComplete[ConfigGlobalResources] Imported/Template/Vpc",
                "error BlueprintChecks-AuditBaselineComplete[ConfigRecorder] Imported/Template/Vpc",
                "error BlueprintChecks-AuditBaselineComplete[ConfigRules] Imported/Template/Vpc",
                "error BlueprintChecks-AuditBaselineComplete[GuardDuty] Imported/Template/Vpc",
                "error BlueprintChecks-AuditBaselineComplete[TrailAlarms] Imported/Template/Vpc",
                "error BlueprintChecks-AuditBaselinePresent[CloudTrail] Imported/Template/Vpc",
                "error BlueprintChecks-AuditBaselinePresent[Config] Imported/Template/Vpc",
                "error BlueprintChecks-AuditBaselinePresent[GuardDuty] Imported/Template/Vpc",
                "error BlueprintChecks-SecurityGroupNoWorldIngress[0.0.0.0/0:tcp:22] Imported/Template/AdminGroup",
                "error BlueprintChecks-VpcFlowLogAllTraffic Imported/Template/Vpc",
                "error BlueprintChecks-VpcResolverQueryLogging Imported/Template/Vpc",
                "warning BlueprintChecks-SecurityGroupNoAllowAllEgress[default-egress] Imported/Template/AdminGroup",
                "warning BlueprintChecks-VpcBlockPublicAccessEnabled Imported/Template/Vpc",
                "warning BlueprintChecks-VpcDnsFirewall Imported/Template/Vpc"),
                blueprintFindings(result));
        assertEquals(true, Files.exists(out.resolve(ComplianceReport.JSON_FILE)));
    }

    @Test
    void reportsTheControlIdsOfTheStockComplianceFindings() {
        CheckTemplate.Result result = run(TEMPLATES.resolve("violations.json").toString(), "--out", out.toString(),
                "--profile", "NIST_800_53_R5");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> findings = (List<Map<String, Object>>) result.report().json().get("findings");
        Map<String, Object> flowLogs = findings.stream()
                .filter(f -> "NIST.800.53.R5-VPCFlowLogsEnabled".equals(f.get("rule"))).findFirst().orElseThrow();
        assertEquals("Imported/Template/Vpc", flowLogs.get("path"));
        @SuppressWarnings("unchecked")
        List<String> controls = (List<String>) flowLogs.get("controls");
        assertEquals(List.of("AC-4(26)", "AU-2b", "AU-3a"), controls.subList(0, 3));
        assertEquals("SI-7(8)", controls.get(controls.size() - 1));
    }

    @Test
    void passesACleanTemplate() {
        CheckTemplate.Result result = run(TEMPLATES.resolve("clean.json").toString(), "--out", out.toString());
        assertEquals(List.of(), blueprintFindings(result));
        assertEquals(CheckTemplate.PASS, result.exitCode());
    }

    @Test
    void passesKnownViolationsInBaselineModeUsingTheReportAsFindingsFile() throws Exception {
        Path first = out.resolve("first");
        run(TEMPLATES.resolve("violations.json").toString(), "--out", first.toString());
        CheckTemplate.Result again = run(TEMPLATES.resolve("violations.json").toString(), "--out",
                out.resolve("second").toString(), "--baseline", first.resolve(ComplianceReport.JSON_FILE).toString());
        assertEquals(CheckTemplate.PASS, again.exitCode());
    }

    @Test
    void failsWrongArgumentsWithTheUsageExitCode() {
        assertEquals(CheckTemplate.USAGE, run("--profile", "NONE", "x.json").exitCode());
    }

    private static String errOf(final String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CheckTemplate.Result result = CheckTemplate.run(args, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err));
        assertEquals(CheckTemplate.USAGE, result.exitCode());
        return err.toString();
    }

    @Test
    void failsAMissingTemplateWithACodedErrorNamingIt() {
        Path template = out.resolve("missing.json");
        String err = errOf(template.toString());
        assertTrue(err.contains("[SVPC-023] template = " + template + ": a readable CloudFormation template file "
                + "(JSON or YAML); none readable at " + template.toAbsolutePath()), err);
    }

    @Test
    void failsAMissingBaselineWithACodedErrorNamingIt() {
        Path baseline = out.resolve("compliance-baseline.json");
        String err = errOf(TEMPLATES.resolve("clean.json").toString(), "--out", out.resolve("o").toString(),
                "--baseline", baseline.toString());
        assertTrue(err.startsWith("Invalid configuration of the compliance gate (1 problem):\n  - [SVPC-023] baseline = "
                + baseline + ": an existing findings file: "), err);
    }

    @Test
    void failsAJsonFileThatIsNotABaseline() throws Exception {
        Path baseline = Files.writeString(out.resolve("other.json"), "{\"pluginReports\": []}");
        String err = errOf(TEMPLATES.resolve("clean.json").toString(), "--out", out.resolve("o").toString(),
                "--baseline", baseline.toString());
        assertTrue(err.contains("[SVPC-023] baseline = " + baseline + ": ") && err.contains("; it has no \"findings\" list"),
                err);
    }
}
