package io.securevpc.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.securevpc.BlueprintValidationException;
import io.securevpc.ErrorCode;
import io.securevpc.nag.BlueprintChecks;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;

/** Which packs the gate registers: the project's pack first, then the stock packs of the profile. */
class ComplianceGateTest {
    @Test
    void defaultGateRunsTheProjectPackEveryStockPackAndCloudFormationChecks() {
        assertEquals(List.of("BlueprintChecks", "AwsSolutions", "NIST.800.53.R4", "NIST.800.53.R5", "HIPAA.Security",
                "PCI.DSS.321", "Serverless", "CloudFormation Validate"), ComplianceGate.applyTo(new App()).getPluginNames());
    }

    @Test
    void profileChoosesTheStockPacks() {
        assertEquals(List.of("BlueprintChecks", "AwsSolutions", "HIPAA.Security"), ComplianceGate.builder()
                .profile(ComplianceGate.Profile.HIPAA).cloudFormationValidation(false).build(new App()).getPluginNames());
        assertEquals(List.of("BlueprintChecks", "AwsSolutions"), ComplianceGate.builder()
                .profile(ComplianceGate.Profile.BASELINE).cloudFormationValidation(false).build(new App()).getPluginNames());
    }

    @Test
    void failsAGateWithNoPack() {
        // GIVEN a gate without the project's pack, without stock packs and without a pack of one's own
        ComplianceGate.Builder builder = ComplianceGate.builder().blueprintChecks(false).stockPacks(List.of());
        // WHEN it is built THEN it is refused: it would pass any app
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class,
                () -> builder.build(new App()));
        assertEquals(List.of(ErrorCode.CONFLICTING_PROPS), e.getCodes());
        assertEquals("Invalid configuration of the compliance gate (1 problem):\n"
                + "  - [SVPC-009] blueprintChecks, stockPacks, addPack = false, [], none: at least one pack: "
                + "blueprintChecks(true) (the default), a stock pack (stockPacks or profile) or addPack; a gate with "
                + "no pack checks nothing and passes every app", e.getMessage());
    }

    @Test
    void runsAGateWithOnlyAPackOfOnesOwn() {
        assertEquals(List.of("BlueprintChecks"), ComplianceGate.builder().blueprintChecks(false).stockPacks(List.of())
                .addPack(BlueprintChecks::new).cloudFormationValidation(false).build(new App()).getPluginNames());
    }
}
