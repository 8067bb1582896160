package io.securevpc.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.securevpc.BlueprintValidationException;
import io.securevpc.ErrorCode;
import io.securevpc.TestStacks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.services.ec2.CfnNetworkAcl;
import software.constructs.Construct;

/** Acknowledgements: one resource, granular ids, a reason; refused otherwise with every problem at once. */
class AcknowledgementsTest {
    @Test
    void failsWithAShortReasonAndAMalformedIdListingBoth() {
        Stack stack = TestStacks.agnosticStack();
        CfnNetworkAcl acl = CfnNetworkAcl.Builder.create(stack, "Acl").vpcId("vpc-12345678").build();

        BlueprintValidationException e = assertThrows(BlueprintValidationException.class,
                () -> Acknowledgements.acknowledge(acl, "because", "not an id"));

        assertEquals(List.of(ErrorCode.CONFLICTING_PROPS, ErrorCode.CONFLICTING_PROPS), e.getCodes());
        assertEquals("Invalid configuration of acknowledgement on Test/Acl (2 problems):\n"
                + "  - [SVPC-009] reason = 'because': a reason of at least 40 characters: why the finding cannot be fixed\n"
                + "  - [SVPC-009] ruleIds = 'not an id': a granular rule id such as AwsSolutions-EC23 or "
                + "NIST.800.53.R5-VPCNoUnrestrictedRouteToIGW (or as the synth report prints it, "
                + "SecureVpc-ComplianceGate::AwsSolutions-EC23)", e.getMessage());
    }

    @Test
    void failsWithoutAnyRuleId() {
        Stack stack = TestStacks.agnosticStack();
        CfnNetworkAcl acl = CfnNetworkAcl.Builder.create(stack, "Acl").vpcId("vpc-12345678").build();

        BlueprintValidationException e = assertThrows(BlueprintValidationException.class,
                () -> Acknowledgements.acknowledge(acl, "A reason long enough to be accepted by the helper here"));

        assertEquals("[SVPC-009] ruleIds = (none): at least one rule id", e.getProblems().get(0).render());
    }

    @Test
    void recordsTheCurrentIdOfARenamedRuleOnTheResource() {
        Stack stack = TestStacks.agnosticStack();
        CfnNetworkAcl acl = CfnNetworkAcl.Builder.create(stack, "Acl").vpcId("vpc-12345678").build();
        String reason = "A reason long enough to be accepted by the helper here";

        Acknowledgements.acknowledge(acl, reason, "BlueprintChecks-NACLAssociated", "AwsSolutions-VPC3");

        List<Object> recorded = acl.getNode().getMetadata().stream()
                .filter(m -> Validations.ACKNOWLEDGED_RULES_METADATA_KEY.equals(m.getType()))
                .map(m -> (Object) m.getData()).toList();
        // as CDK records acknowledgements (cdk-nag strips the "Annotation::" prefix when it matches ids)
        assertEquals(List.of(Map.of("Annotation::BlueprintChecks-NetworkAclAssociated", reason),
                Map.of("Annotation::AwsSolutions-VPC3", reason)), recorded);
    }

    @Test
    void recordsTheRuleIdOfTheIdTheSynthReportPrintsForAGateFinding() {
        Stack stack = TestStacks.agnosticStack();
        CfnNetworkAcl acl = CfnNetworkAcl.Builder.create(stack, "Acl").vpcId("vpc-12345678").build();
        String reason = "A reason long enough to be accepted by the helper here";

        Acknowledgements.acknowledge(acl, reason, "SecureVpc-ComplianceGate::AwsSolutions-VPC3");

        assertEquals(List.of(Map.of("Annotation::AwsSolutions-VPC3", reason)), acl.getNode().getMetadata().stream()
                .filter(m -> Validations.ACKNOWLEDGED_RULES_METADATA_KEY.equals(m.getType()))
                .map(m -> (Object) m.getData()).toList());
    }

    @Test
    void failsAnIdOfAnotherPluginNamingTheFormsAccepted() {
        Stack stack = TestStacks.agnosticStack();
        CfnNetworkAcl acl = CfnNetworkAcl.Builder.create(stack, "Acl").vpcId("vpc-12345678").build();

        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () -> Acknowledgements
                .acknowledge(acl, "A reason long enough to be accepted by the helper here", "Other::AwsSolutions-VPC3"));

        assertEquals("[SVPC-009] ruleIds = 'Other::AwsSolutions-VPC3': a granular rule id such as AwsSolutions-EC23 "
                + "or NIST.800.53.R5-VPCNoUnrestrictedRouteToIGW (or as the synth report prints it, "
                + "SecureVpc-ComplianceGate::AwsSolutions-EC23)", e.getProblems().get(0).render());
    }

    @Test
    void removesAConstructWarningFromThatResourceOnlyAndRecordsTheReason() {
        Stack stack = TestStacks.agnosticStack();
        CfnNetworkAcl acknowledged = CfnNetworkAcl.Builder.create(stack, "Acl").vpcId("vpc-12345678").build();
        CfnNetworkAcl other = CfnNetworkAcl.Builder.create(stack, "Other").vpcId("vpc-12345678").build();
        Annotations.of(acknowledged).addWarningV2("test:warning", "a warning");
        Annotations.of(other).addWarningV2("test:warning", "a warning");
        String reason = "A reason long enough to be accepted by the helper here";

        Acknowledgements.acknowledgeWarning(acknowledged, reason, "Annotation::test:warning");

        software.amazon.awscdk.assertions.Annotations found = TestStacks.annotations(stack);
        assertEquals(List.of("/Test/Other"), found.findWarning("*", Match.anyValue()).stream()
                .map(m -> m.getId()).toList());
        assertEquals(List.of(Map.of("test:warning", reason)), acknowledged.getNode().getMetadata().stream()
                .filter(m -> Acknowledgements.ACKNOWLEDGED_WARNING_METADATA.equals(m.getType()))
                .map(m -> (Object) m.getData()).toList());
    }

    @Test
    void failsAWarningAcknowledgementOnAConstructThatIsNoResource() {
        Stack stack = TestStacks.agnosticStack();
        Construct group = new Construct(stack, "Group");

        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () -> Acknowledgements
                .acknowledgeWarning(group, "A reason long enough to be accepted by the helper here", "test:warning"));

        assertEquals("[SVPC-009] resource = 'Test/Group': one resource: a CfnResource or the L2 construct of one, "
                + "never a stack or a group of resources", e.getProblems().get(0).render());
    }

    @Test
    void recordsTheCallingClassAndAppAsTheSourceOfACallFromOutsideTheLibrary() {
        Stack stack = TestStacks.agnosticStack();
        CfnNetworkAcl acl = CfnNetworkAcl.Builder.create(stack, "Acl").vpcId("vpc-12345678").build();

        Acknowledgements.acknowledge(acl, "A reason long enough to be accepted by the helper here",
                "SecureVpc-ComplianceGate::AwsSolutions-VPC3", "BlueprintChecks-NACLAssociated");

        // the ids as recorded for cdk-nag: the gate's prefix dropped, a renamed rule under its current id
        assertEquals(List.of(Map.of("source", "app", "by", AcknowledgementsTest.class.getName(),
                "ids", List.of("AwsSolutions-VPC3", "BlueprintChecks-NetworkAclAssociated"))),
                acl.getNode().getMetadata().stream().filter(m -> Acknowledgements.SOURCE_METADATA.equals(m.getType()))
                        .map(m -> (Object) m.getData()).toList());
    }

    @Test
    void aClassOfALibraryPackageIsTheLibraryAnyOtherTheApp() {
        assertEquals(List.of("library", "library", "app", "app", "app"), java.util.stream.Stream.of(
                "io.securevpc.network.TierNacls", "io.securevpc.audit.ConfigBaseline", "io.securevpc.app.NetworkStack",
                "io.securevpc.networking.Mine", "com.example.ConsumerStack").map(Acknowledgements::sourceOf).toList());
    }

    /** The source is true of the library: every package of the library that calls this helper is one of its own. */
    @Test
    void everyLibraryPackageThatAcknowledgesIsListedAsTheLibrarys() throws java.io.IOException {
        java.util.TreeSet<String> callers = new java.util.TreeSet<>();
        try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("constructs"))) {
            for (java.nio.file.Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String source = java.nio.file.Files.readString(f);
                if (source.contains("import io.securevpc.compliance.Acknowledgements;")
                        && java.util.regex.Pattern.compile("(?<![.\\w])Acknowledgements\\.acknowledge\\w*\\(").matcher(source).find()) {
                    String pkg = source.substring(source.indexOf("package ") + 8, source.indexOf(';'));
                    callers.add(pkg);
                }
            }
        }
        assertEquals(List.of(), callers.stream().filter(p -> !"library".equals(Acknowledgements.sourceOf(p + ".X")))
                .toList());
        assertEquals(true, callers.size() >= 5, callers.toString());
    }
}
