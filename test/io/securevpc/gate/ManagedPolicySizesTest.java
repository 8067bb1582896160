package io.securevpc.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.securevpc.BlueprintValidationException;
import io.securevpc.ErrorCode;
import io.securevpc.TestStacks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;

/** Managed IAM policies are measured at synth against IAM's 6,144-character limit: fail over it, warn near it. */
class ManagedPolicySizesTest {
    @Test
    void measuresADocumentAsDeployedWithUnknownValuesAtTheirLongest() throws IOException {
        String document = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"ec2:*\", "
                + "\"Resource\": {\"Fn::Join\": [\"\", [\"arn:\", {\"Ref\": \"AWS::Partition\"}, \":ec2:\", "
                + "{\"Ref\": \"AWS::Region\"}, \":\", {\"Ref\": \"AWS::AccountId\"}, \":vpc/\", {\"Ref\": \"Vpc\"}]]}}]}";
        String deployed = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ec2:*\","
                + "\"Resource\":\"arn:aws-us-gov:ec2:ap-southeast-4:123456789012:vpc/" + "x".repeat(24) + "\"}]}";

        assertEquals(deployed.length(), ManagedPolicySizes.size(new ObjectMapper().readTree(document)));
    }

    /** A stack with a role bounded by a managed policy of {@code statements} statements of about 100 characters. */
    private static App appWithBoundaryOf(final int statements) {
        Stack stack = TestStacks.regionalStack();
        List<PolicyStatement> big = new java.util.ArrayList<>();
        for (int i = 0; i < statements; i++) {
            big.add(PolicyStatement.Builder.create().actions(List.of("ec2:DescribeVpcs"))
                    .resources(List.of("arn:aws:ec2:eu-west-1:111111111111:vpc/vpc-" + String.format("%017d", i)))
                    .build());
        }
        ManagedPolicy boundary = ManagedPolicy.Builder.create(stack, "Boundary").statements(big).build();
        Role.Builder.create(stack, "Role").assumedBy(new ServicePrincipal("ec2.amazonaws.com"))
                .permissionsBoundary(boundary).build();
        return (App) stack.getNode().getRoot();
    }

    private static ComplianceGate gate(final App app, final ByteArrayOutputStream out) {
        return ComplianceGate.builder().stockPacks(List.of()).cloudFormationValidation(false)
                .verdictStream(new PrintStream(out, true, StandardCharsets.UTF_8)).build(app);
    }

    @Test
    void failsSynthWithSvpc012ForABoundaryOverTheLimitAndReportsItsSize() throws IOException {
        App app = appWithBoundaryOf(70);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ComplianceGate gate = gate(app, out);

        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () -> gate.synth(app));

        ManagedPolicySizes.Size size = gate.getPolicySizes().get(0);
        assertTrue(size.overLimit() && size.permissionBoundary(), size.toString());
        assertEquals(List.of(ErrorCode.IAM_POLICY), e.getCodes());
        assertEquals("[SVPC-012] Test/Boundary/Resource = '" + String.format("%,d", size.chars()) + " characters': "
                + "at most 6,144 characters, IAM's limit on a managed policy: bound fewer resources per policy (e.g. "
                + "one permission boundary per VPC)", e.getProblems().get(0).render());
        Map<?, ?> report = new ObjectMapper().readValue(Path.of(app.getOutdir(), ComplianceReport.JSON_FILE).toFile(),
                Map.class);
        assertEquals(List.of(Map.of("stack", "Test", "logicalId", size.logicalId(), "path", "Test/Boundary/Resource",
                "permissionBoundary", true, "chars", size.chars(), "limit", 6144, "verdict", "OVER_LIMIT")),
                report.get("managedPolicies"));
    }

    @Test
    void warnsForABoundaryWithinTheMarginOfTheLimit() {
        App app = appWithBoundaryOf(50);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ComplianceGate gate = gate(app, out);

        gate.synth(app);

        ManagedPolicySizes.Size size = gate.getPolicySizes().get(0);
        assertTrue(size.withinMargin(), size.toString());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("[compliance-gate] WARNING managed policy within 614 "
                + "characters of IAM's size limit: Test/Boundary/Resource (permission boundary): "
                + String.format("%,d", size.chars()) + " of 6,144 characters\n"), out.toString(StandardCharsets.UTF_8));
    }
}
