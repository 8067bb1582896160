package io.securevpc.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.securevpc.BlueprintValidationException;
import io.securevpc.ErrorCode;
import io.securevpc.TestStacks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.ec2.CfnNetworkAcl;

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
                + "NIST.800.53.R5-VPCNoUnrestrictedRouteToIGW", e.getMessage());
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
}
