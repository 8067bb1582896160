package io.securevpc.gate;

import org.jetbrains.annotations.NotNull;
import software.amazon.awscdk.CloudFormationValidatePlugin;
import software.amazon.awscdk.IPolicyValidationContext;
import software.amazon.awscdk.PolicyValidationPluginReport;

/**
 * CDK's CloudFormation validation with its acknowledgements limited to the resources they are recorded on.
 *
 * <p>CDK matches a {@code CloudFormation-Validate::<rule>} acknowledgement by id across the whole app: the
 * {@code F3002} and {@code F3003} aws-cdk-lib records on every {@code FlowLog} (for its camelCase
 * {@code DestinationOptions}) would also hide an F3002 error on any other resource, e.g. a misspelled property. This
 * plugin runs CDK's own validation and hands every finding of an acknowledged rule on a resource outside the
 * acknowledging construct to the gate as a {@value AcknowledgementJudge#OUT_OF_SCOPE_RULE} finding
 * ({@link AcknowledgementJudge#limit}). It is a {@link CloudFormationValidatePlugin} (same name), so CDK registers
 * no default one beside it and still turns its errors into warnings unless the feature flag
 * {@code @aws-cdk/core:validateAgainstDefaultRules} is true.
 */
final class ScopedCloudFormationValidation extends CloudFormationValidatePlugin {
    /**
     * The plugin that validates, one per JVM: each {@code CloudFormationValidatePlugin} loads CloudFormation's resource
     * schemas into the JavaScript process, which keeps every object made from Java, so one per gate would add up over
     * the apps of one JVM (a test suite). It holds no state between calls.
     */
    private static CloudFormationValidatePlugin inner;
    private final GatePlugin gate;

    ScopedCloudFormationValidation(final GatePlugin gate) {
        super();
        this.gate = gate;
    }

    @Override
    public @NotNull PolicyValidationPluginReport validate(final @NotNull IPolicyValidationContext context) {
        // the plugin that validates is created only when this process validates a template (not when the worker
        // answers them all)
        return gate.validateCloudFormation(context, ScopedCloudFormationValidation::inner);
    }

    static synchronized CloudFormationValidatePlugin inner() {
        if (inner == null) {
            inner = new CloudFormationValidatePlugin();
        }
        return inner;
    }
}
