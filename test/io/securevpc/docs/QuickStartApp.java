package io.securevpc.docs;

// The README's quick start, as a consumer writes it: a complete CDK app (DocSnippetsTest, QuickStartTest).
// snippet: quick-start
import io.securevpc.compliance.AuditBaselineDeclaration;
import io.securevpc.gate.ComplianceGate;
import io.securevpc.network.SecureVpc;
import java.util.List;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;

public final class QuickStartApp {
    public static void main(final String[] args) {
        App app = new App();
        Stack stack = new Stack(app, "Network");

        // Isolated tiers in up to three AZs, no internet path, NACLs per tier, encrypted flow logs.
        new SecureVpc(stack, "Network", null);

        // The gate asks for CloudTrail, AWS Config and GuardDuty: build them (docs/audit-and-detection.md),
        // or declare that the account has them already.
        AuditBaselineDeclaration.declare(stack, "Organization trail, Config and GuardDuty from the landing zone",
                List.of(AuditBaselineDeclaration.CLOUDTRAIL, AuditBaselineDeclaration.CONFIG,
                        AuditBaselineDeclaration.GUARDDUTY));

        // BlueprintChecks, the six stock cdk-nag packs and CloudFormation's checks; fails on any error.
        ComplianceGate.applyTo(app).synth(app);
    }
}
// end-snippet
