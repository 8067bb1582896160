package io.securevpc.docs;

import io.securevpc.iam.Guardrails;
import java.util.List;

/** The snippets of docs/iam.md (DocSnippetsTest; DocsSnippetsSynthTest runs them). */
final class IamSnippets {
    private IamSnippets() {
    }

    static String serviceControlPolicy() {
        // snippet: guardrails-scp
        String scp = Guardrails.serviceControlPolicy(new Guardrails.Settings("aws",
                List.of("eu-west-1"),                                          // allowed regions
                List.of("arn:aws:ec2:eu-west-1:111111111111:vpc/vpc-0abc"),    // VPCs that may be public
                List.of(),                                                     // protected log groups
                "arn:aws:iam::111111111111:policy/NetworkBoundary"));          // boundary to protect, or null
        // end-snippet
        return scp;
    }

    static String serviceControlPolicyWithMonitoring() {
        // snippet: guardrails-scp-monitoring
        String scp = Guardrails.serviceControlPolicy(new Guardrails.Settings("aws", List.of("eu-west-1"),
                        List.of(), List.of(), null),
                new Guardrails.Monitoring("aws",
                        Guardrails.Monitoring.pipelineAndBreakGlass(
                                null,                                          // pipeline: CDK's deployment role
                                "BreakGlass"),                                 // break-glass role name or ARN
                        List.of("arn:aws:s3:::my-log-archive"),                // the log archive's buckets
                        List.of("arn:aws:sns:eu-west-1:111111111111:SecurityAlerts"),      // alert topics
                        List.of("arn:aws:cloudformation:*:*:stack/SecureVpc-Audit*",   // stacks
                                "arn:aws:cloudformation:*:*:stack/SecureVpc-Detection*")));
        // end-snippet
        return scp;
    }
}
