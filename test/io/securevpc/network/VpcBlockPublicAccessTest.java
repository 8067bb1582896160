package io.securevpc.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.TestStacks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** VPC Block Public Access of an account and region and the exclusions of public tiers (BP-NET-10). */
class VpcBlockPublicAccessTest {

    @Test
    void defaultBlocksInternetGatewayTrafficBothWaysWithoutWarning() {
        Stack stack = TestStacks.regionalStack();
        new VpcBlockPublicAccess(stack, "Bpa", null);
        Template.fromStack(stack).resourcePropertiesCountIs("AWS::EC2::VPCBlockPublicAccessOptions",
                Map.of("InternetGatewayBlockMode", "block-bidirectional"), 1);
        Annotations.fromStack(stack).hasNoWarning("*", Match.anyValue());
    }

    @Test
    void ingressOnlyModeWarns() {
        Stack stack = TestStacks.regionalStack();
        new VpcBlockPublicAccess(stack, "Bpa", VpcBlockPublicAccessProps.builder()
                .mode(BlockPublicAccessMode.BLOCK_INGRESS).build());
        Template.fromStack(stack).hasResourceProperties("AWS::EC2::VPCBlockPublicAccessOptions",
                Map.of("InternetGatewayBlockMode", "block-ingress"));
        Annotations.fromStack(stack).hasWarning("/Test/Bpa", Match.stringLikeRegexp(".*block-ingress.*BP-NET-10.*"));
    }

    @Test
    void everyPublicSubnetAndNoOtherIsExcludedBothWays() {
        Stack stack = TestStacks.regionalStack();
        SecureVpc vpc = SecureVpc.Builder.create(stack, "Network").tiers(List.of(
                SubnetTier.builder("public", TierKind.PUBLIC).cidrMask(24).ingressPorts(List.of(PortRange.tcp(443)))
                        .build(),
                SubnetTier.builder("app", TierKind.ISOLATED).cidrMask(22).build())).build();
        List<?> created = VpcBlockPublicAccess.excludePublicTiers(stack, "Exclusions", vpc);
        Template template = Template.fromStack(stack);
        assertEquals(3, created.size());
        template.resourceCountIs("AWS::EC2::VPCBlockPublicAccessExclusion", 3);
        template.allResourcesProperties("AWS::EC2::VPCBlockPublicAccessExclusion", Match.objectLike(Map.of(
                "InternetGatewayExclusionMode", "allow-bidirectional",
                "SubnetId", Map.of("Ref", Match.stringLikeRegexp("NetworkVpcpublicSubnet[123]Subnet.*")))));
        template.resourceCountIs("AWS::EC2::VPCBlockPublicAccessOptions", 0);
    }

    @Test
    void aVpcWithoutPublicTierGetsNoExclusion() {
        Stack stack = TestStacks.regionalStack();
        SecureVpc vpc = new SecureVpc(stack, "Network", null);
        assertTrue(VpcBlockPublicAccess.excludePublicTiers(stack, "Exclusions", vpc).isEmpty());
        Template.fromStack(stack).resourceCountIs("AWS::EC2::VPCBlockPublicAccessExclusion", 0);
    }
}
