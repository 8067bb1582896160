package io.securevpc.app;

import io.securevpc.nag.ComplianceGate;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.App;

/**
 * The deployable app: one {@link NetworkStack} per environment of the {@code blueprint} context in
 * {@code cdk.json}, one {@link AuditStack} per account and region of those environments, every stack behind
 * the {@link ComplianceGate}.
 */
public final class BlueprintApp {
    private BlueprintApp() {
    }

    public static void main(final String[] args) {
        App app = new App();
        build(app).gate().synth(app);
    }

    /** Builds every configured environment into the app and applies the gate; returns the stacks. */
    public static Result build(final App app) {
        BlueprintConfig config = BlueprintConfig.parse(app.getNode().tryGetContext(BlueprintConfig.CONTEXT_KEY));
        List<NetworkStack> stacks = new ArrayList<>();
        for (EnvironmentConfig env : config.environments()) {
            stacks.add(new NetworkStack(app, env));
        }
        List<AuditStack> audit = AuditStack.Target.of(config.environments()).stream()
                .map(target -> new AuditStack(app, target)).toList();
        ComplianceGate gate = ComplianceGate.applyTo(app);
        return new Result(List.copyOf(stacks), audit, gate);
    }

    /** What {@link #build(App)} made. */
    public record Result(List<NetworkStack> stacks, List<AuditStack> auditStacks, ComplianceGate gate) {
    }
}
