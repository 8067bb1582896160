package io.securevpc.nag.rules.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.securevpc.TestStacks;
import io.securevpc.compliance.AuditBaselineDeclaration;
import io.securevpc.nag.PackFindings;
import io.securevpc.network.SecureVpc;
import io.securevpc.network.VpcBlockPublicAccess;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.CfnVPC;
import software.amazon.awscdk.services.ec2.CfnVPCBlockPublicAccessOptions;

/**
 * VpcBlockPublicAccessEnabled (BP-NET-10): VPCs of four account-region places of one app, with Block Public Access in
 * the same place, in another place, declared as managed elsewhere, or nowhere.
 */
class BlockPublicAccessRuleTest {
    private static final String RULE = "BlueprintChecks-VpcBlockPublicAccessEnabled";
    private static PackFindings euWest1;
    private static PackFindings usEast1;
    private static PackFindings euCentral1;
    private static PackFindings usWest2;

    @BeforeAll
    static void check() {
        Stack west = TestStacks.regionalStack();
        App app = (App) west.getNode().getRoot();
        // L2 misconfiguration: a SecureVpc in eu-west-1 whose Block Public Access was put in another region
        new SecureVpc(west, "Network", null);
        Stack east = place(app, "East", "us-east-1");
        new VpcBlockPublicAccess(east, "Bpa", null);
        // compliant: a VPC of us-east-1 in another stack of the same place as the options
        Stack eastNetwork = place(app, "EastNetwork", "us-east-1");
        CfnVPC.Builder.create(eastNetwork, "Vpc").cidrBlock("10.1.0.0/16").build();
        // compliant: declared as managed outside the app
        Stack central = place(app, "Central", "eu-central-1");
        CfnVPC.Builder.create(central, "Vpc").cidrBlock("10.2.0.0/16").build();
        AuditBaselineDeclaration.declare(central, "Block Public Access is an organization declarative policy",
                List.of(AuditBaselineDeclaration.VPC_BLOCK_PUBLIC_ACCESS));
        // L1: options whose mode blocks nothing ("off", which CloudFormation refuses anyway) do not count
        Stack oregon = place(app, "Oregon", "us-west-2");
        CfnVPC.Builder.create(oregon, "Vpc").cidrBlock("10.3.0.0/16").build();
        CfnVPCBlockPublicAccessOptions.Builder.create(oregon, "Options").internetGatewayBlockMode("off").build();
        euWest1 = PackFindings.checkOnly(west, VpcBlockPublicAccessEnabled.class);
        usEast1 = PackFindings.checkOnly(eastNetwork, VpcBlockPublicAccessEnabled.class);
        euCentral1 = PackFindings.checkOnly(central, VpcBlockPublicAccessEnabled.class);
        usWest2 = PackFindings.checkOnly(oregon, VpcBlockPublicAccessEnabled.class);
    }

    private static Stack place(final App app, final String id, final String region) {
        return new Stack(app, id, StackProps.builder()
                .env(Environment.builder().account("111111111111").region(region).build()).build());
    }

    @Test
    void failsL2BlockPublicAccessInAnotherRegionOnly() {
        assertEquals(List.of(RULE), euWest1.at("Test/Network/Vpc/Resource"));
        assertEquals("warning", euWest1.severity(RULE));
    }

    @Test
    void failsL1OptionsWithoutABlockingMode() {
        assertEquals(List.of(RULE), usWest2.at("Oregon/Vpc"));
    }

    @Test
    void optionsInAnotherStackOfTheSameAccountAndRegionCount() {
        assertEquals(List.of(), usEast1.at("EastNetwork/Vpc"));
    }

    @Test
    void aDeclarationThatBlockPublicAccessIsManagedElsewhereCounts() {
        assertEquals(List.of(), euCentral1.at("Central/Vpc"));
    }
}
