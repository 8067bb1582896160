package io.securevpc.app;

import io.securevpc.internal.StackLimits;
import io.securevpc.nag.ComplianceGate;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.App;

/**
 * The deployable app: one {@link NetworkStack} per environment of the {@code blueprint} context in
 * {@code cdk.json}, every stack behind the {@link ComplianceGate}.
 */
public final class BlueprintApp {
    private BlueprintApp() {
    }

    public static void main(final String[] args) {
        App app = new App();
        StackLimits.check(build(app).gate().synth(app));
    }

    /** Builds every configured environment into the app and applies the gate; returns the stacks. */
    public static Result build(final App app) {
        BlueprintConfig config = BlueprintConfig.parse(app.getNode().tryGetContext(BlueprintConfig.CONTEXT_KEY));
        List<NetworkStack> stacks = new ArrayList<>();
        for (EnvironmentConfig env : config.environments()) {
            stacks.add(new NetworkStack(app, env));
        }
        ComplianceGate gate = ComplianceGate.applyTo(app);
        return new Result(List.copyOf(stacks), gate);
    }

    /** What {@link #build(App)} made. */
    public record Result(List<NetworkStack> stacks, ComplianceGate gate) {
    }
}
