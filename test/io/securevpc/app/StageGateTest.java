package io.securevpc.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.gate.ComplianceGate;
import io.securevpc.gate.GatedPack;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.ec2.CfnSecurityGroup;

/**
 * The gate registered on the app checks the stacks inside the app's stages (the app puts every stack in a
 * {@link DeploymentStage}), and each profile's gate runs the packs the profile selects.
 */
class StageGateTest {
    @Test
    void failsSynthOnAViolationInsideAStage() throws Exception {
        // GIVEN a stage of the app holding a security group open to the world on SSH, and the dev profile's gate
        App app = App.Builder.create().outdir(Files.createTempDirectory("stage-gate").toString()).build();
        DeploymentStage stage = new DeploymentStage(app, null, "eu-west-1", Profile.DEV);
        Stack stack = new Stack(stage, "Open");
        CfnSecurityGroup.Builder.create(stack, "WorldSsh").groupDescription("SSH from anywhere").vpcId("vpc-12345678")
                .securityGroupIngress(List.of(CfnSecurityGroup.IngressProperty.builder().ipProtocol("tcp")
                        .fromPort(22).toPort(22).cidrIp("0.0.0.0/0").build()))
                .build();
        ComplianceGate gate = Profile.DEV.gate().verdictStream(null).build(app);

        // WHEN synthesized THEN synth fails, and both packs found an error in the stage's stack
        assertThrows(RuntimeException.class, () -> gate.synth(app));
        assertEquals("dev-eu-west-1", stage.getStageName());
        Map<String, GatedPack.Verdict> verdicts = gate.verdicts();
        for (String pack : List.of("BlueprintChecks", "AwsSolutions")) {
            assertEquals(1, verdicts.get(pack).stacks(), pack);
            assertTrue(verdicts.get(pack).errors() > 0, pack + ": " + verdicts.get(pack).violations().stream()
                    .map(v -> v.getRuleName()).toList());
        }
    }

    /** The profile's deletion window goes to every key of the stage that does not set its own. */
    @Test
    void keysOfAStageWaitTheProfilesWindowUnlessTheySetTheirOwn() {
        App app = new App();
        DeploymentStage stage = new DeploymentStage(app, null, "eu-west-1", Profile.DEV);
        Stack stack = new Stack(stage, "Keys");
        Key.Builder.create(stack, "Plain").enableKeyRotation(true).build();
        Key.Builder.create(stack, "Own").enableKeyRotation(true).pendingWindow(Duration.days(20)).build();
        Template template = Template.fromStack(stack);
        template.resourcePropertiesCountIs("AWS::KMS::Key", Map.of("PendingWindowInDays", 7), 1);
        template.resourcePropertiesCountIs("AWS::KMS::Key", Map.of("PendingWindowInDays", 20), 1);
    }

    @Test
    void eachProfileSelectsItsStockPacks() {
        assertEquals(List.of("BlueprintChecks", "AwsSolutions"),
                Profile.DEV.gate().verdictStream(null).build(new App()).getPluginNames());
        assertEquals(List.of("BlueprintChecks", "AwsSolutions", "NIST.800.53.R5"),
                Profile.PROD.gate().verdictStream(null).build(new App()).getPluginNames());
        assertEquals(List.of("BlueprintChecks", "AwsSolutions", "NIST.800.53.R4", "NIST.800.53.R5", "HIPAA.Security",
                        "PCI.DSS.321", "Serverless", "CloudFormation Validate"),
                Profile.REGULATED.gate().verdictStream(null).build(new App()).getPluginNames());
    }

    @Test
    void theStrictestProfileWins() {
        assertEquals(Profile.REGULATED, Profile.DEV.stricter(Profile.REGULATED));
        assertEquals(Profile.PROD, Profile.PROD.stricter(Profile.DEV));
        assertEquals(Profile.DEV, Profile.DEV.stricter(null));
    }

    @Test
    void stageNamesFollowCdksRulesAndNameProfileAccountAndRegion() {
        assertEquals("prod-eu-west-1", DeploymentStage.name(Profile.PROD, null, "eu-west-1"));
        assertEquals("regulated-111111111111-us-east-1", DeploymentStage.name(Profile.REGULATED, "111111111111",
                "us-east-1"));
        assertEquals("dev", DeploymentStage.name(Profile.DEV, null, null));
        for (String name : List.of("prod-eu-west-1", "regulated-111111111111-us-east-1", "dev")) {
            assertTrue(name.matches("^[a-z][a-z0-9\\-_.]*$"), name);
        }
    }
}
