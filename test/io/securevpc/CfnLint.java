package io.securevpc;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS's CloudFormation linter ({@code cfn-lint}) run on synthesized templates: what CloudFormation's resource
 * schemas and its own checks say of a template before a deployment does. The tests need {@code cfn-lint}
 * {@value #MIN_VERSION} or newer on the PATH and say so up front when it is missing or older.
 */
public final class CfnLint {
    /** The oldest cfn-lint whose verdicts the tests rely on. */
    public static final String MIN_VERSION = "1.51";
    private static final String INSTALL = "install it with: pip install 'cfn-lint>=" + MIN_VERSION + "'";
    private static final Pattern VERSION = Pattern.compile("cfn-lint (\\d+)\\.(\\d+)(?:\\.(\\d+))?");
    /** {@code --format parseable}: file:line:column:end line:end column:rule:message. */
    private static final Pattern LINE = Pattern.compile("^(.+?):(\\d+):\\d+:\\d+:\\d+:([EWI]\\d+):(.*)$");

    private CfnLint() {
    }

    /** One finding of the linter: its rule (E... error, W... warning, I... informational) and where. */
    public record Finding(String file, int line, String rule, String message) {
        public boolean isError() {
            return rule.startsWith("E");
        }

        @Override
        public String toString() {
            return file + ":" + line + " " + rule + " " + message;
        }
    }

    /**
     * Fails the calling test when cfn-lint is not on the PATH or is older than {@value #MIN_VERSION}, naming what
     * to install.
     */
    public static void requireMinimumVersion() {
        String output;
        try {
            output = run(List.of("cfn-lint", "--version"));
        } catch (IOException e) {
            fail("cfn-lint " + MIN_VERSION + " or newer (AWS CloudFormation Linter) is needed to check the "
                    + "synthesized templates and was not found on the PATH (" + e.getMessage() + "): " + INSTALL);
            return;
        }
        String problem = versionProblem(output);
        if (problem != null) {
            fail(problem);
        }
    }

    /** @return why the output of {@code cfn-lint --version} is not good enough, or null when it is. */
    static String versionProblem(final String versionOutput) {
        Matcher m = VERSION.matcher(versionOutput);
        if (!m.find()) {
            return "cfn-lint " + MIN_VERSION + " or newer is needed to check the synthesized templates; "
                    + "'cfn-lint --version' printed '" + versionOutput.strip() + "': " + INSTALL;
        }
        String[] min = MIN_VERSION.split("\\.");
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        int minMajor = Integer.parseInt(min[0]);
        int minMinor = Integer.parseInt(min[1]);
        if (major < minMajor || major == minMajor && minor < minMinor) {
            return "cfn-lint " + MIN_VERSION + " or newer is needed to check the synthesized templates; found "
                    + m.group().substring("cfn-lint ".length()) + ": " + INSTALL;
        }
        return null;
    }

    /** Lints the templates for the given regions and returns every finding, in the linter's order. */
    public static List<Finding> lint(final List<Path> templates, final List<String> regions) {
        List<String> command = new ArrayList<>(List.of("cfn-lint", "--format", "parseable", "--regions"));
        command.addAll(regions);
        command.add("--");
        templates.forEach(t -> command.add(t.toString()));
        try {
            return parse(run(command));
        } catch (IOException e) {
            throw new IllegalStateException("cfn-lint could not run: " + e.getMessage(), e);
        }
    }

    /** @return the findings of cfn-lint's parseable output; a line of another shape is an error of the test. */
    static List<Finding> parse(final String output) {
        List<Finding> findings = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new IllegalStateException("unexpected cfn-lint output: " + line);
            }
            findings.add(new Finding(Path.of(m.group(1)).getFileName().toString(), Integer.parseInt(m.group(2)),
                    m.group(3), m.group(4)));
        }
        return findings;
    }

    private static String run(final List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (InputStream out = process.getInputStream()) {
            String text = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("timed out: " + command);
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + command, e);
        }
    }
}
