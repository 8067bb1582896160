package io.securevpc.app;

import io.securevpc.AppContext;
import io.securevpc.nag.model.AppTemplates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;

/**
 * The apps several test classes read, synthesized once per test JVM: the profile matrix (every profile with every
 * shape, see {@link ProfileMatrixTest}) and the shipped app (cdk.json's context), each through the gate, as
 * {@code cdk synth} runs it.
 */
final class SynthesizedApps {
    /** One account per profile, as AWS recommends. */
    static final Map<Profile, String> ACCOUNTS = Map.of(Profile.DEV, "111111111111",
            Profile.PROD, "222222222222", Profile.REGULATED, "333333333333");

    /** The profile matrix: what was built, its output directory and how long build and synth took. */
    record Matrix(BlueprintApp.Result result, Path outdir, long synthMillis) {
        AppTemplates templates() {
            return AppTemplates.fromAssembly(outdir);
        }
    }

    private static Matrix matrix;
    private static Path shipped;
    private static BlueprintApp.Result shippedStacks;

    private SynthesizedApps() {
    }

    /** @return the profile matrix: one stage per profile, each with a private-only and a three-tier environment. */
    static synchronized Matrix profileMatrix() {
        if (matrix == null) {
            List<Object> environments = new ArrayList<>();
            int octet = 1;
            for (Profile profile : Profile.values()) {
                for (EnvironmentConfig.Shape shape : EnvironmentConfig.Shape.values()) {
                    environments.add(Map.of("name", profile.configName() + "-" + shape.configName(),
                            "profile", profile.configName(), "shape", shape.configName(),
                            "cidr", "10." + octet++ + ".0.0/16", "account", ACCOUNTS.get(profile),
                            "region", "eu-west-1",
                            "availabilityZones", List.of("eu-west-1a", "eu-west-1b", "eu-west-1c"),
                            "gatewayPrefixLists", Map.of("s3", "pl-6da54004", "dynamodb", "pl-6fa54006"),
                            "alertSubscriptions", Map.of("emails", List.of("security-alerts@example.com"))));
                }
            }
            Map<String, Object> context = new HashMap<>(AppContext.cdkJsonContext());
            context.put(BlueprintConfig.CONTEXT_KEY, Map.of("environments", environments));
            long start = System.nanoTime();
            App app = App.Builder.create().context(context).build();
            BlueprintApp.Result result = BlueprintApp.build(app);
            result.gate().synth(app);
            matrix = new Matrix(result, Path.of(app.getOutdir()), (System.nanoTime() - start) / 1_000_000);
        }
        return matrix;
    }

    /** @return the templates of the shipped app (cdk.json). */
    static AppTemplates shippedApp() {
        return AppTemplates.fromAssembly(shippedAppOutdir());
    }

    /** @return the output directory of the shipped app (cdk.json), synthesized through its gate. */
    static synchronized Path shippedAppOutdir() {
        if (shipped == null) {
            App app = AppContext.app();
            BlueprintApp.build(app).gate().synth(app);
            shipped = Path.of(app.getOutdir());
        }
        return shipped;
    }

    /** @return the stacks of the shipped app (cdk.json), built without the gate, for read-only template tests. */
    static synchronized BlueprintApp.Result shippedStacks() {
        if (shippedStacks == null) {
            shippedStacks = BlueprintApp.buildStacks(App.Builder.create().context(AppContext.cdkJsonContext()).build());
        }
        return shippedStacks;
    }
}
