package io.securevpc.docs;

import io.securevpc.compliance.Acknowledgements;
import io.securevpc.gate.ComplianceGate;
import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.services.ec2.CfnSecurityGroup;

/** The snippets of docs/gate.md (DocSnippetsTest; DocsSnippetsSynthTest runs them). */
final class GateSnippets {
    private GateSnippets() {
    }

    static void oneLine() {
        // snippet: gate-one-line
        App app = new App();
        // ... stacks ...
        ComplianceGate gate = ComplianceGate.applyTo(app);   // BlueprintChecks + all six stock packs + CloudFormation checks
        gate.synth(app);                                      // app.synth(), then one verdict line per pack and the report
        // end-snippet
    }

    static ComplianceGate builder(final App app) {
        // snippet: gate-builder
        ComplianceGate gate = ComplianceGate.builder()
                .profile(ComplianceGate.Profile.NIST_800_53_R5)  // BASELINE | NIST_800_53_R5 | HIPAA | PCI_DSS | ALL
                .baseline(Path.of("compliance-baseline.json"))    // optional: baseline mode, see below
                .build(app);
        // end-snippet
        return gate;
    }

    static void acknowledge(final CfnSecurityGroup cfnSecurityGroup) {
        // snippet: acknowledge
        Acknowledgements.acknowledge(cfnSecurityGroup,
                "Internet-facing load balancer: HTTPS from anywhere is its purpose (BP-NET-10).",
                "BlueprintChecks-SecurityGroupNoWorldIngress[0.0.0.0/0:tcp:8443]");
        // end-snippet
    }
}
