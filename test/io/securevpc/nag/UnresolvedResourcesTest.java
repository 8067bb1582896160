package io.securevpc.nag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.PolicyValidationPluginReport;
import software.amazon.awscdk.PolicyViolation;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.CfnSecurityGroup;
import software.constructs.Construct;

/**
 * The pack fails closed when the synthesized templates and the construct tree disagree: a non-compliant result it
 * cannot hand to cdk-nag, or a resource it cannot find in any template, is a fatal finding, never skipped.
 */
class UnresolvedResourcesTest {
    private static void sshFromAnywhere(final Construct scope, final String id) {
        CfnSecurityGroup.Builder.create(scope, id).groupDescription("ssh").vpcId("vpc-12345678")
                .securityGroupIngress(List.of(CfnSecurityGroup.IngressProperty.builder()
                        .ipProtocol("tcp").fromPort(22).toPort(22).cidrIp("0.0.0.0/0").build()))
                .securityGroupEgress(List.of(CfnSecurityGroup.EgressProperty.builder()
                        .ipProtocol("tcp").fromPort(443).toPort(443).destinationPrefixListId("pl-12345678").build()))
                .build();
    }

    @Test
    void failsClosedOnANonCompliantResultWhoseConstructPathNamesNoConstruct() {
        App app = new App();
        Stack stack = new Stack(app, "Test");
        sshFromAnywhere(stack, "Ssh");
        app.synth();
        stack.getNode().tryRemoveChild("Ssh");

        PolicyValidationPluginReport report = BlueprintChecks.only(app,
                io.securevpc.nag.rules.ec2.SecurityGroupNoWorldIngress.class).validateScope(stack);

        assertFalse(report.getSuccess());
        PolicyViolation v = report.getViolations().get(0);
        assertEquals("BlueprintChecks-SecurityGroupNoWorldIngress", v.getRuleName());
        assertEquals("fatal", v.getSeverity());
        assertEquals("Test/Ssh", v.getViolatingResources().get(0).getConstructPath());
        assertEquals("Ssh", v.getViolatingResources().get(0).getResourceLogicalId());
        assertEquals(true, v.getDescription().endsWith("[Test Ssh: its construct path Test/Ssh names no construct in "
                + "the app, so this finding cannot be acknowledged; synthesize the app afresh]"), v.getDescription());
    }

    @Test
    void failsClosedOnAResourceTheTreeWalkFindsInNoTemplate() {
        App app = App.Builder.create().context(Map.of("aws:cdk:disable-logicalId-metadata", true)).build();
        Stack stack = new Stack(app, "Test");
        sshFromAnywhere(stack, "Early");
        app.synth();
        sshFromAnywhere(stack, "Late");

        PolicyValidationPluginReport report = BlueprintChecks.only(app,
                io.securevpc.nag.rules.ec2.SecurityGroupNoWorldIngress.class).validateScope(stack);

        assertFalse(report.getSuccess());
        assertEquals(List.of("BlueprintChecks-SecurityGroupNoWorldIngress[0.0.0.0/0:tcp:22]",
                BlueprintChecks.NOT_IN_TEMPLATES), report.getViolations().stream().map(PolicyViolation::getRuleName)
                .toList(), "the resource in the template is judged, the one in none is a fatal finding");
        PolicyViolation v = report.getViolations().get(1);
        assertEquals(BlueprintChecks.NOT_IN_TEMPLATES, v.getRuleName());
        assertEquals("fatal", v.getSeverity());
        assertEquals("Test/Late", v.getViolatingResources().get(0).getConstructPath());
        assertEquals("No rule of BlueprintChecks was evaluated on 1 resource whose synthesized template or resource "
                + "the pack cannot find (a nested stack, or an assembly older than the app): [Test/Late]",
                v.getDescription());
    }
}
