package io.securevpc.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The guardrail denies as a service control policy for an organization (pure Java). */
class GuardrailsTest {
    private static final String VPC = "arn:aws:ec2:eu-west-1:111111111111:vpc/vpc-a";
    private static final Guardrails.Settings ORG = new Guardrails.Settings("aws", List.of("eu-west-1", "eu-central-1"),
            List.of(VPC), List.of(), "arn:aws:iam::111111111111:policy/NetworkBoundary");

    @Test
    void serviceControlPolicyIsOnlyDenyStatementsInAFixedOrder() throws Exception {
        Map<?, ?> scp = new ObjectMapper().readValue(Guardrails.serviceControlPolicy(ORG), Map.class);
        assertEquals("2012-10-17", scp.get("Version"));
        List<?> statements = (List<?>) scp.get("Statement");
        assertEquals(List.of("ProtectFlowLogs", "ProtectCloudTrail", "ProtectConfigRecorder", "ProtectGuardDuty",
                        "NoInternetGatewaysOutsideAllowedVpcs", "NoPublicSubnetsOutsideAllowedVpcs",
                        "NoPublicAddressesOutsideAllowedVpcs", "StayInAllowedRegions", "KeepTheBoundaryOnRoles",
                        "SetNoOtherBoundary", "KeepTheBoundaryUnchanged"),
                statements.stream().map(s -> ((Map<?, ?>) s).get("Sid")).toList());
        assertTrue(statements.stream().allMatch(s -> "Deny".equals(((Map<?, ?>) s).get("Effect"))));
    }

    @Test
    void regionGuardExemptsGlobalServicesAndNamesTheAllowedRegions() throws Exception {
        Map<?, ?> scp = new ObjectMapper().readValue(Guardrails.serviceControlPolicy(ORG), Map.class);
        Map<?, ?> region = ((List<?>) scp.get("Statement")).stream().map(s -> (Map<?, ?>) s)
                .filter(s -> "StayInAllowedRegions".equals(s.get("Sid"))).findFirst().orElseThrow();
        assertEquals(Guardrails.GLOBAL_SERVICE_ACTIONS, region.get("NotAction"));
        assertEquals(Map.of("StringNotEquals", Map.of("aws:RequestedRegion", List.of("eu-west-1", "eu-central-1"))),
                region.get("Condition"));
    }

    @Test
    void fitsTheServiceControlPolicySizeLimitOnceWhitespaceIsRemoved() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String compact = json.writeValueAsString(json.readValue(Guardrails.serviceControlPolicy(ORG), Map.class));
        assertTrue(compact.length() <= 5120, "SCPs are limited to 5,120 characters; got " + compact.length());
    }

    @Test
    void estimatesAPolicySizeWithPseudoParametersAtTheirLongestAndOtherTokensAtTheGivenLength() {
        PolicyRule literal = PolicyRule.allow("A").actions("ec2:CreateRoute")
                .resources("arn:aws:ec2:eu-west-1:111111111111:route-table/rtb-1").build();
        PolicyRule tokens = PolicyRule.allow("A").actions("ec2:CreateRoute")
                .resources("arn:${Token[AWS.Partition.9]}:ec2:eu-west-1:${Token[AWS.AccountId.5]}:route-table/"
                        + "${Token[TOKEN.123]}").build();
        int base = Guardrails.estimatedSize(List.of(literal), 24);
        assertEquals(base + ("aws-us-gov".length() - "aws".length()) + ("x".repeat(24).length() - "rtb-1".length()),
                Guardrails.estimatedSize(List.of(tokens), 24));
    }

    @Test
    void withoutAllowedVpcsNoInternetGatewayAnywhere() {
        List<PolicyRule> rules = Guardrails.statements(new Guardrails.Settings("aws", List.of("eu-west-1"), List.of(),
                List.of(), null));
        assertEquals(PolicyEvaluator.Decision.DENIED, PolicyEvaluator.evaluate(rules,
                AccessRequest.of("ec2:CreateInternetGateway", "arn:aws:ec2:eu-west-1:1:internet-gateway/*")
                        .with("aws:RequestedRegion", "eu-west-1")));
        assertFalse(rules.stream().anyMatch(r -> r.sid().startsWith("KeepTheBoundary")));
    }

    @Test
    void failsWithoutAnAllowedRegionOrWithADenyInABoundaryCeiling() {
        IllegalArgumentException noRegion = assertThrows(IllegalArgumentException.class,
                () -> new Guardrails.Settings("aws", List.of(), List.of(), List.of(), null));
        assertTrue(noRegion.getMessage().contains("allowedRegions: give at least one region"));
        IllegalArgumentException deny = assertThrows(IllegalArgumentException.class, () -> Guardrails.boundary(
                List.of(PolicyRule.deny("Nope").actions("ec2:CreateRoute").resources("*").build()), ORG));
        assertTrue(deny.getMessage().contains("allow statements only, got deny Nope"));
    }
}
