package io.securevpc.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
