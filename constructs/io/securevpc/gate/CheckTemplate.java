package io.securevpc.gate;

import io.securevpc.BlueprintValidationException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.cloudformation.include.CfnInclude;

/**
 * Command-line entry point: checks an existing CloudFormation template (JSON or YAML), imported with
 * {@link CfnInclude}, through the gate, and exits non-zero on unacknowledged errors.
 *
 * <pre>
 * java -cp ... io.securevpc.gate.CheckTemplate template.json [--profile BASELINE|NIST_800_53_R5|HIPAA|PCI_DSS|ALL]
 *      [--baseline findings.json] [--out DIR]
 * </pre>
 *
 * Exit codes: 0 the gate passes, 1 it found errors, 2 wrong arguments, or a template or baseline that cannot be
 * read (printed as an {@code SVPC-023} error naming the file). The report
 * ({@value ComplianceReport#TEXT_FILE}, {@value ComplianceReport#JSON_FILE}) goes to {@code --out} (default: a
 * temporary directory) and its text to standard output. An imported template can declare the account's audit
 * baseline with the top-level metadata {@code securevpc:existing-audit-baseline}.
 */
public final class CheckTemplate {
    /** Exit code when the gate passes. */
    public static final int PASS = 0;
    /** Exit code when the gate found unacknowledged errors. */
    public static final int FAIL = 1;
    /** Exit code for wrong arguments, an unreadable template or a baseline that is missing or not a baseline. */
    public static final int USAGE = 2;

    /** The outcome of one check: the exit code and the gate's report. */
    public record Result(int exitCode, @Nullable ComplianceReport report) {
    }

    private CheckTemplate() {
    }

    public static void main(final String[] args) {
        System.exit(run(args, System.out, System.err).exitCode());
    }

    /** Runs the check as {@link #main} does, without exiting. */
    public static @NotNull Result run(final @NotNull String[] args, final @NotNull PrintStream out,
                                      final @NotNull PrintStream err) {
        Path template = null;
        ComplianceGate.Profile profile = ComplianceGate.Profile.BASELINE;
        Path baseline = null;
        Path outdir = null;
        try {
            List<String> rest = new ArrayList<>(List.of(args));
            while (!rest.isEmpty()) {
                String arg = rest.remove(0);
                switch (arg) {
                    case "--profile" -> profile = ComplianceGate.Profile.valueOf(rest.remove(0));
                    case "--baseline" -> baseline = Path.of(rest.remove(0));
                    case "--out" -> outdir = Path.of(rest.remove(0));
                    default -> {
                        if (template != null || arg.startsWith("--")) {
                            throw new IllegalArgumentException("unexpected argument " + arg);
                        }
                        template = Path.of(arg);
                    }
                }
            }
            if (template == null) {
                throw new IllegalArgumentException("a template file is required");
            }
            if (!Files.isRegularFile(template) || !Files.isReadable(template)) {
                throw GateFiles.error("template", template, "a readable CloudFormation template file (JSON or "
                        + "YAML); none readable at " + template.toAbsolutePath(), null);
            }
            if (outdir == null) {
                outdir = Files.createTempDirectory("check-template");
            }
        } catch (Exception e) {
            err.println("usage: CheckTemplate TEMPLATE [--profile BASELINE|NIST_800_53_R5|HIPAA|PCI_DSS|ALL] "
                    + "[--baseline FINDINGS.json] [--out DIR]\n" + e.getMessage());
            return new Result(USAGE, null);
        }
        return check(template, profile, baseline, outdir, out, err);
    }

    private static Result check(final Path template, final ComplianceGate.Profile profile, final Path baseline,
                                final Path outdir, final PrintStream out, final PrintStream err) {
        App app = App.Builder.create().outdir(outdir.toString()).build();
        Stack stack = new Stack(app, "Imported");
        ComplianceGate gate;
        try {
            try {
                CfnInclude.Builder.create(stack, "Template").templateFile(template.toAbsolutePath().toString())
                        .build();
            } catch (RuntimeException e) {
                throw GateFiles.error("template", template, "a CloudFormation template (JSON or YAML) CfnInclude can "
                        + "import; it failed with: " + e.getMessage().lines().findFirst().orElse(""), e);
            }
            ComplianceGate.Builder builder = ComplianceGate.builder().profile(profile).cloudFormationValidation(false)
                    .verdictStream(err);
            if (baseline != null) {
                builder.baseline(baseline);
            }
            gate = builder.build(app);
        } catch (BlueprintValidationException e) {
            err.println(e.getMessage());
            return new Result(USAGE, null);
        }
        int code = PASS;
        try {
            gate.synth(app);
        } catch (RuntimeException e) {
            code = FAIL;
        }
        ComplianceReport report = gate.report();
        if (gate.verdicts().values().stream().anyMatch(v -> v != null && !v.passed())) {
            code = FAIL;
        }
        out.print(report.text());
        return new Result(code, report);
    }
}
