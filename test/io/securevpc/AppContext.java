package io.securevpc;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;

/** Apps built with the repository's cdk.json context (feature flags and environments), as `cdk synth` does. */
public final class AppContext {
    private AppContext() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> cdkJsonContext() {
        try {
            Map<String, Object> cdkJson = new ObjectMapper().readValue(new File("cdk.json"), Map.class);
            return (Map<String, Object>) cdkJson.get("context");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the regions of cdk.json's environments (us-east-1, cfn-lint's default, for one that names none). */
    @SuppressWarnings("unchecked")
    public static List<String> environmentRegions() {
        Map<String, Object> blueprint = (Map<String, Object>) cdkJsonContext().get("blueprint");
        List<Map<String, Object>> environments = (List<Map<String, Object>>) blueprint.get("environments");
        return environments.stream().map(e -> (String) e.getOrDefault("region", "us-east-1")).toList();
    }

    /** An app with cdk.json's context, writing its assembly to a fresh temporary directory. */
    public static App app() {
        return app(Map.of());
    }

    /** An app with cdk.json's context plus {@code extra}, writing its assembly to a fresh temporary directory. */
    public static App app(final Map<String, Object> extra) {
        try {
            File outdir = java.nio.file.Files.createTempDirectory("securevpc-test").toFile();
            Map<String, Object> context = new java.util.LinkedHashMap<>(cdkJsonContext());
            context.putAll(extra);
            return App.Builder.create().context(context).outdir(outdir.getAbsolutePath()).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
