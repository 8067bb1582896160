package io.securevpc.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.BlueprintValidationException;
import io.securevpc.ErrorCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The app's configuration: environments come from cdk.json context, checked before anything is built. */
class BlueprintConfigTest {
    private static Map<String, Object> env(final String name, final String cidr) {
        return Map.of("name", name, "profile", "three-tier", "cidr", cidr, "region", "eu-west-1",
                "availabilityZones", List.of("eu-west-1a", "eu-west-1b"));
    }

    @Test
    void parsesEnvironmentsWithDefaultsForOptionalKeys() {
        BlueprintConfig config = BlueprintConfig.parse(Map.of("environments", List.of(env("prod", "10.1.0.0/16"))));
        EnvironmentConfig e = config.environments().get(0);
        assertEquals("SecureVpc-prod", e.stackName());
        assertEquals(EnvironmentConfig.Profile.THREE_TIER, e.profile());
        assertEquals(null, e.account());
        assertEquals(List.of(), e.blockList());
    }

    @Test
    void parsesAJsonStringAsGivenOnTheCommandLine() {
        BlueprintConfig config = BlueprintConfig.parse("{\"environments\":[{\"name\":\"dev\",\"profile\":"
                + "\"private-only\",\"cidr\":\"10.9.0.0/16\",\"availabilityZones\":[\"us-east-1a\",\"us-east-1b\"]}]}");
        assertEquals(EnvironmentConfig.Profile.PRIVATE_ONLY, config.environments().get(0).profile());
    }

    @Test
    void failsWithoutConfiguration() {
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class,
                () -> BlueprintConfig.parse(null));
        assertEquals(List.of(ErrorCode.APP_CONFIG), e.getCodes());
        assertTrue(e.getMessage().contains("[SVPC-020] blueprint = (unset): an object with an 'environments' list"),
                e.getMessage());
    }

    @Test
    void failsOnEveryBadKeyOfAnEnvironmentAtOnce() {
        Map<String, Object> bad = Map.of("name", "Prod!", "profile", "two-tier", "cidr", "10.1.0.1/16",
                "account", "12345", "region", "eu-west-1", "availabilityZones", List.of("us-east-1a"));
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class,
                () -> BlueprintConfig.parse(Map.of("environments", List.of(bad))));
        String m = e.getMessage();
        assertTrue(m.contains("blueprint.environments[0].name = 'Prod!': lower-case letters"), m);
        assertTrue(m.contains("blueprint.environments[0].profile = 'two-tier': one of [private-only, three-tier]"), m);
        assertTrue(m.contains("blueprint.environments[0].cidr = '10.1.0.1/16': an IPv4 CIDR with no host bits set"), m);
        assertTrue(m.contains("blueprint.environments[0].account = '12345': a 12-digit account id"), m);
        assertTrue(m.contains("blueprint.environments[0].availabilityZones"), m);
        assertEquals(5, e.getProblems().size(), m);
    }

    @Test
    void failsWhenZonesAreNotInTheRegion() {
        Map<String, Object> e1 = new java.util.HashMap<>(env("prod", "10.1.0.0/16"));
        e1.put("availabilityZones", List.of("us-east-1a", "us-east-1b"));
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class,
                () -> BlueprintConfig.parse(Map.of("environments", List.of(e1))));
        assertTrue(e.getMessage().contains("zones of the region eu-west-1"), e.getMessage());
    }

    @Test
    void failsOnOverlappingEnvironmentCidrsSoTheyCanBePeeredLater() {
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class,
                () -> BlueprintConfig.parse(Map.of("environments",
                        List.of(env("a", "10.1.0.0/16"), env("b", "10.1.128.0/17")))));
        assertTrue(e.getMessage().contains("blueprint.environments[1].cidr = '10.1.128.0/17': a range that does not "
                + "overlap environment 'a' (10.1.0.0/16)"), e.getMessage());
    }

    @Test
    void failsOnDuplicateNames() {
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class,
                () -> BlueprintConfig.parse(Map.of("environments",
                        List.of(env("a", "10.1.0.0/16"), env("a", "10.2.0.0/16")))));
        assertTrue(e.getMessage().contains("'a': a name no other environment has"), e.getMessage());
        assertTrue(e.getMessage().contains("'SecureVpc-a': a stack name no other environment has"), e.getMessage());
    }

    @Test
    void failsOnABlockListEntryWithoutReason() {
        Map<String, Object> e1 = new java.util.HashMap<>(env("prod", "10.1.0.0/16"));
        e1.put("blockList", List.of(Map.of("cidr", "192.0.2.0/24")));
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class,
                () -> BlueprintConfig.parse(Map.of("environments", List.of(e1))));
        assertTrue(e.getMessage().contains("blockList[0]"), e.getMessage());
        assertTrue(e.getMessage().contains("a non-empty 'reason'"), e.getMessage());
    }
}
