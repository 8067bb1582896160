package io.securevpc.defaults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.securevpc.gate.ComplianceGate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;

/**
 * A consumer's plain-L2 app fails the gate; with only {@code SecureDefaults.applyTo(app)} added, it passes. The gate
 * runs its BASELINE profile (BlueprintChecks, AWS Solutions, CloudFormation validation): the framework packs (NIST,
 * HIPAA, PCI) also ask for cross-region replication and Object Lock on every bucket, which are decisions of the app
 * (a second region, a retention period), not defaults a library can make.
 */
class SecureDefaultsGateTest {
    @Test
    void failsTheGateWithTheCdkDefaults() {
        // GIVEN the plain app under the full gate
        App app = PlainConsumerApp.app();
        ComplianceGate gate = ComplianceGate.builder().profile(ComplianceGate.Profile.BASELINE).verdictStream(null)
                .build(app);
        PlainConsumerApp.build(app);
        // WHEN synthesized THEN synth fails, with errors in the project's pack and in stock packs
        assertThrows(RuntimeException.class, app::synth);
        Map<String, TreeSet<String>> errors = errorRules(gate);
        assertEquals(Map.of(
                "BlueprintChecks", new TreeSet<>(List.of("BlueprintChecks-FlowLogDestinationEncrypted",
                        "BlueprintChecks-FlowLogFormatComplete[flow-direction]",
                        "BlueprintChecks-FlowLogFormatComplete[instance-id]",
                        "BlueprintChecks-FlowLogFormatComplete[pkt-dstaddr]",
                        "BlueprintChecks-FlowLogFormatComplete[pkt-srcaddr]",
                        "BlueprintChecks-FlowLogFormatComplete[subnet-id]",
                        "BlueprintChecks-FlowLogFormatComplete[tcp-flags]",
                        "BlueprintChecks-FlowLogFormatComplete[traffic-path]",
                        "BlueprintChecks-FlowLogFormatComplete[vpc-id]",
                        "BlueprintChecks-VpcEndpointPolicyRestricted",
                        "BlueprintChecks-VpcResolverQueryLogging")),
                // IAM4: the role of aws-cdk-lib's restrict-default-security-group provider, judged from the template
                "AwsSolutions", new TreeSet<>(List.of("AwsSolutions-EC23",
                        "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
                                + "AWSLambdaBasicExecutionRole]",
                        "AwsSolutions-KMS5", "AwsSolutions-S1", "AwsSolutions-S10", "AwsSolutions-SNS3"))), errors);
    }

    @Test
    void passesTheGateWithOnlySecureDefaultsAdded() {
        // GIVEN the same app with the defaults installed first
        App app = PlainConsumerApp.app();
        SecureDefaults.applyTo(app);
        ComplianceGate gate = ComplianceGate.builder().profile(ComplianceGate.Profile.BASELINE).verdictStream(null)
                .build(app);
        PlainConsumerApp.build(app);
        // WHEN synthesized THEN every pack ran and found no error
        app.synth();
        assertEquals(Map.of(), errorRules(gate));
        gate.verdicts().forEach((pack, verdict) -> assertEquals(1, verdict.stacks(), pack));
    }

    private static Map<String, TreeSet<String>> errorRules(final ComplianceGate gate) {
        Map<String, TreeSet<String>> out = new TreeMap<>();
        gate.verdicts().forEach((pack, verdict) -> {
            if (verdict != null && verdict.errors() > 0) {
                verdict.violations().stream().filter(v -> "error".equals(v.getSeverity()))
                        .forEach(v -> out.computeIfAbsent(pack, k -> new TreeSet<>()).add(v.getRuleName()));
            }
        });
        return out;
    }

}
