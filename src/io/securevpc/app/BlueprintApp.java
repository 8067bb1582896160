package io.securevpc.app;

import io.securevpc.nag.ComplianceGate;
import io.securevpc.nag.rules.audit.AuditBaselinePresent;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.App;

/**
 * The deployable app: one {@link NetworkStack} per environment of the {@code blueprint} context in
 * {@code cdk.json}, every stack behind the {@link ComplianceGate}.
 */
public final class BlueprintApp {
    /**
     * Why the app has no trail, recorder or detector of its own (BP-AUD-1/2, BP-MON-2): the target accounts get
     * them from the organization's landing zone. Replace with the project's audit and detection stacks.
     */
    static final String EXISTING_AUDIT_BASELINE = "Assumed provided by the organization's landing zone: a multi-region "
            + "organization trail with log file validation, AWS Config recording and a GuardDuty detector in every "
            + "target account and region; to be replaced by the blueprint's own audit and detection stacks.";
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
            NetworkStack stack = new NetworkStack(app, env);
            AuditBaselinePresent.declareExisting(stack, EXISTING_AUDIT_BASELINE, List.of(AuditBaselinePresent.CLOUDTRAIL,
                    AuditBaselinePresent.CONFIG, AuditBaselinePresent.GUARDDUTY));
            stacks.add(stack);
        }
        ComplianceGate gate = ComplianceGate.applyTo(app);
        return new Result(List.copyOf(stacks), gate);
    }

    /** What {@link #build(App)} made. */
    public record Result(List<NetworkStack> stacks, ComplianceGate gate) {
    }
}
