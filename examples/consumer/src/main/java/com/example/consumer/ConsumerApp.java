package com.example.consumer;

import io.securevpc.defaults.SecureDefaults;
import io.securevpc.gate.ComplianceGate;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

public final class ConsumerApp {
    private ConsumerApp() {
    }

    /** Builds the app: secure defaults first (they apply to constructs created afterwards), then the stack and the gate. */
    public static ComplianceGate build(final App app) {
        SecureDefaults.applyTo(app);
        ComplianceGate gate = ComplianceGate.builder().profile(ComplianceGate.Profile.BASELINE).build(app);
        new ConsumerStack(app, "Consumer", StackProps.builder()
                .env(Environment.builder().region("eu-west-1").build())
                .build());
        return gate;
    }

    public static void main(final String[] args) {
        App app = new App();
        build(app).synth(app);
    }
}
