package io.securevpc.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a failed synth leaves in the cloud assembly directory. CDK writes every template before the validation
 * plugins (the compliance gate) run, and the app checks the stacks' limits after that, so a synth that fails there
 * would leave a complete-looking cloud assembly that {@code cdk deploy --app cdk.out} would deploy. The app removes
 * every template and every cloud assembly manifest of the directory, keeps the reports (the gate's
 * {@code compliance-report.json}, CDK's validation report), and writes {@value #MARKER} saying why.
 */
final class FailedSynth {
    /** The file a failed synth writes into the output directory. */
    static final String MARKER = "SYNTH-FAILED.txt";

    private FailedSynth() {
    }

    /**
     * Whether CDK's validation report in {@code outdir} records a plugin that did not conclude with success. CDK
     * throws on a failed validation only when it does not run under a CDK CLI that announces its app mode
     * ({@code CDK_APP_MODE=process}, or the context key {@code @aws-cdk/core:appMode}); then it only sets the exit
     * code of its own JavaScript process, which is not the app's. The app reads the report instead of relying on that.
     */
    static boolean validationFailed(final Path outdir) {
        Path report = outdir.resolve("validation-report.json");
        if (!Files.exists(report)) {
            return false;
        }
        try {
            for (com.fasterxml.jackson.databind.JsonNode plugin : new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(report.toFile()).path("pluginReports")) {
                if (!"success".equals(plugin.path("conclusion").asText())) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + report, e);
        }
    }

    /**
     * Removes the templates and manifests under {@code outdir} and writes {@value #MARKER}.
     *
     * @return the number of files removed
     */
    static int discard(final Path outdir, final String why) {
        if (!Files.isDirectory(outdir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(outdir)) {
            List<Path> written = files.filter(Files::isRegularFile).filter(f -> {
                String name = f.getFileName().toString();
                return name.endsWith(".template.json") || name.equals("manifest.json");
            }).toList();
            for (Path f : written) {
                Files.delete(f);
            }
            Files.writeString(outdir.resolve(MARKER), "Synth failed; its templates were removed so that this directory "
                    + "cannot be deployed.\n" + why + "\n", StandardCharsets.UTF_8);
            return written.size();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove the templates of a failed synth from " + outdir, e);
        }
    }
}
