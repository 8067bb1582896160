package io.securevpc.nag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.CfnSecurityGroup;

/**
 * Without logical-id metadata in the assembly the pack cannot map templates to constructs by path and lets
 * cdk-nag walk the tree instead: the findings are the same.
 */
class FallbackWalkTest {
    @Test
    void failsSshFromTheInternetWhenTheAssemblyHasNoLogicalIdMetadata() {
        App app = App.Builder.create().context(Map.of("aws:cdk:disable-logicalId-metadata", true)).build();
        Stack stack = new Stack(app, "Test");
        CfnSecurityGroup.Builder.create(stack, "Ssh").groupDescription("ssh").vpcId("vpc-12345678")
                .securityGroupIngress(List.of(CfnSecurityGroup.IngressProperty.builder()
                        .ipProtocol("tcp").fromPort(22).toPort(22).cidrIp("0.0.0.0/0").build()))
                .securityGroupEgress(List.of(CfnSecurityGroup.EgressProperty.builder()
                        .ipProtocol("tcp").fromPort(443).toPort(443).destinationPrefixListId("pl-12345678").build()))
                .build();
        assertEquals(List.of("BlueprintChecks-SecurityGroupNoWorldIngress[0.0.0.0/0:tcp:22]"),
                PackFindings.check(stack).at("Test/Ssh"));
    }
}
