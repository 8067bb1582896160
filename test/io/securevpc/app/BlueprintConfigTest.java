package io.securevpc.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The app's configuration: environments come from cdk.json context, checked before anything is built. */
class BlueprintConfigTest {
    private static Map<String, Object> env(final String name, final String cidr) {
        return Map.of("name", name, "profile", "dev", "shape", "three-tier", "cidr", cidr, "region", "eu-west-1",
                "availabilityZones", List.of("eu-west-1a", "eu-west-1b"));
    }

    @Test
    void parsesEnvironmentsWithDefaultsForOptionalKeys() {
        BlueprintConfig config = BlueprintConfig.parse(Map.of("environments", List.of(env("prod", "10.1.0.0/16"))));
        EnvironmentConfig e = config.environments().get(0);
        assertEquals("SecureVpc-prod", e.stackName());
        assertEquals(Profile.DEV, e.profile());
        assertEquals(EnvironmentConfig.Shape.THREE_TIER, e.shape());
        assertEquals(null, e.gatewayPrefixLists());
        assertEquals(null, e.account());
        assertEquals(List.of(), e.blockList());
    }

    @Test
    void parsesAJsonStringAsGivenOnTheCommandLine() {
        BlueprintConfig config = BlueprintConfig.parse("{\"environments\":[{\"name\":\"dev\",\"profile\":\"dev\",\"shape\":"
                + "\"private-only\",\"gatewayPrefixLists\":{\"s3\":\"pl-63a5400a\",\"dynamodb\":\"pl-02cd2c6b\"},\"cidr\":\"10.9.0.0/16\",\"availabilityZones\":[\"us-east-1a\",\"us-east-1b\"]}]}");
        assertEquals(EnvironmentConfig.Shape.PRIVATE_ONLY, config.environments().get(0).shape());
        assertEquals(Profile.DEV, config.environments().get(0).profile());
        assertEquals("pl-63a5400a", config.environments().get(0).gatewayPrefixLists().s3());
    }

    @Test
    void failsWithoutConfiguration() {
        AppConfigException e = assertThrows(AppConfigException.class,
                () -> BlueprintConfig.parse(null));
        assertEquals(List.of(AppErrorCode.APP_CONFIG), e.getCodes());
        assertTrue(e.getMessage().contains("[SVPC-020] blueprint = (unset): an object with an 'environments' list"),
                e.getMessage());
    }

    @Test
    void failsOnEveryBadKeyOfAnEnvironmentAtOnce() {
        Map<String, Object> bad = Map.of("name", "Prod!", "profile", "staging", "shape", "two-tier", "cidr", "10.1.0.1/16",
                "account", "12345", "region", "eu-west-1", "availabilityZones", List.of("us-east-1a"));
        AppConfigException e = assertThrows(AppConfigException.class,
                () -> BlueprintConfig.parse(Map.of("environments", List.of(bad))));
        String m = e.getMessage();
        assertTrue(m.contains("blueprint.environments[0].name = 'Prod!': lower-case letters"), m);
        assertTrue(m.contains("blueprint.environments[0].profile = 'staging': one of [dev, prod, regulated]"), m);
        assertTrue(m.contains("blueprint.environments[0].shape = 'two-tier': one of [private-only, three-tier]"), m);
        assertTrue(m.contains("blueprint.environments[0].cidr = '10.1.0.1/16': an IPv4 CIDR with no host bits set"), m);
        assertTrue(m.contains("blueprint.environments[0].account = '12345': a 12-digit account id"), m);
        assertTrue(m.contains("blueprint.environments[0].availabilityZones"), m);
        assertEquals(6, e.getProblems().size(), m);
    }

    @Test
    void failsWhenZonesAreNotInTheRegion() {
        Map<String, Object> e1 = new java.util.HashMap<>(env("prod", "10.1.0.0/16"));
        e1.put("availabilityZones", List.of("us-east-1a", "us-east-1b"));
        AppConfigException e = assertThrows(AppConfigException.class,
                () -> BlueprintConfig.parse(Map.of("environments", List.of(e1))));
        assertTrue(e.getMessage().contains("availabilityZones[0] = 'us-east-1a': a zone of the region eu-west-1"),
                e.getMessage());
    }

    @Test
    void failsOnOverlappingEnvironmentCidrsSoTheyCanBePeeredLater() {
        AppConfigException e = assertThrows(AppConfigException.class,
                () -> BlueprintConfig.parse(Map.of("environments",
                        List.of(env("a", "10.1.0.0/16"), env("b", "10.1.128.0/17")))));
        assertTrue(e.getMessage().contains("blueprint.environments[1].cidr = '10.1.128.0/17': a range that does not "
                + "overlap environment 'a' (10.1.0.0/16)"), e.getMessage());
    }

    @Test
    void failsOnDuplicateNames() {
        AppConfigException e = assertThrows(AppConfigException.class,
                () -> BlueprintConfig.parse(Map.of("environments",
                        List.of(env("a", "10.1.0.0/16"), env("a", "10.2.0.0/16")))));
        assertTrue(e.getMessage().contains("'a': a name no other environment has"), e.getMessage());
        assertTrue(e.getMessage().contains("'SecureVpc-a': a stack name no other environment has"), e.getMessage());
    }

    @Test
    void failsOnABlockListEntryWithoutReason() {
        Map<String, Object> e1 = new java.util.HashMap<>(env("prod", "10.1.0.0/16"));
        e1.put("blockList", List.of(Map.of("cidr", "192.0.2.0/24")));
        AppConfigException e = assertThrows(AppConfigException.class,
                () -> BlueprintConfig.parse(Map.of("environments", List.of(e1))));
        assertTrue(e.getMessage().contains("blockList[0]"), e.getMessage());
        assertTrue(e.getMessage().contains("a non-empty 'reason'"), e.getMessage());
    }

    @Test
    void failsOnAnUnknownKeyAtTheTopLevelNamingTheAllowedKeys() {
        AppConfigException e = assertThrows(AppConfigException.class, () -> BlueprintConfig.parse(
                Map.of("environments", List.of(env("prod", "10.1.0.0/16")), "connectivty", Map.of())));
        assertEquals("Invalid app configuration (1 problem):"
                + "\n  - [SVPC-020] blueprint.connectivty = {}: no such key: one of environments, connectivity, pipeline, stackSet",
                e.getMessage());
    }

    @Test
    void failsOnAMisspeltKeyOfAnEnvironmentInsteadOfDroppingIt() {
        Map<String, Object> e1 = new java.util.HashMap<>(env("prod", "10.1.0.0/16"));
        e1.put("blockLists", List.of(new java.util.TreeMap<>(Map.of("cidr", "192.0.2.0/24", "reason", "hostile"))));
        AppConfigException e = assertThrows(AppConfigException.class,
                () -> BlueprintConfig.parse(Map.of("environments", List.of(env("dev", "10.2.0.0/16"), e1))));
        assertEquals(List.of(new AppConfigException.Problem(AppErrorCode.APP_CONFIG,
                "blueprint.environments[1].blockLists", "[{\"cidr\":\"192.0.2.0/24\",\"reason\":\"hostile\"}]",
                "no such key: one of name, stackName, profile, shape, cidr, account, region, allowUnlistedRegion, availabilityZones, gatewayPrefixLists, blockList, alertSubscriptions, requireAlertSubscriptions, dnsFirewallDomainListIds, existingBaseline, organizationTrail")),
                e.getProblems());
    }

    @Test
    void failsOnAnUnknownKeyOfABlockListEntry() {
        Map<String, Object> e1 = new java.util.HashMap<>(env("prod", "10.1.0.0/16"));
        e1.put("blockList", List.of(Map.of("cidr", "192.0.2.0/24", "reason", "hostile", "expires", "2027-01-01")));
        AppConfigException e = assertThrows(AppConfigException.class,
                () -> BlueprintConfig.parse(Map.of("environments", List.of(e1))));
        assertEquals("Invalid app configuration (1 problem):"
                + "\n  - [SVPC-020] blueprint.environments[0].blockList[0].expires = '2027-01-01': no such key: one of "
                + "cidr, reason", e.getMessage());
    }

    @Test
    void failsOnValuesOfTheWrongTypeOnceEachWithTheTypeExpected() {
        Map<String, Object> e1 = new java.util.HashMap<>(env("prod", "10.1.0.0/16"));
        e1.put("cidr", 10);
        e1.put("account", 111111111111L);
        e1.put("availabilityZones", "eu-west-1a");
        e1.put("blockList", List.of("192.0.2.0/24"));
        AppConfigException e = assertThrows(AppConfigException.class,
                () -> BlueprintConfig.parse(Map.of("environments", List.of(e1))));
        assertEquals("Invalid app configuration (4 problems):"
                + "\n  - [SVPC-020] blueprint.environments[0].cidr = 10: a string"
                + "\n  - [SVPC-020] blueprint.environments[0].account = 111111111111: a string"
                + "\n  - [SVPC-020] blueprint.environments[0].availabilityZones = 'eu-west-1a': a list of strings"
                + "\n  - [SVPC-020] blueprint.environments[0].blockList[0] = '192.0.2.0/24': an object with the keys "
                + "cidr, reason", e.getMessage());
    }

    @Test
    void failsOnEnvironmentsThatAreNotAListAndOnAProfileOfTheWrongType() {
        AppConfigException e = assertThrows(AppConfigException.class, () -> BlueprintConfig.parse(
                "{\"environments\": {\"name\": \"prod\"}}"));
        assertEquals("Invalid app configuration (1 problem):"
                + "\n  - [SVPC-020] blueprint.environments = {\"name\":\"prod\"}: a list of objects with the keys name, "
                + "stackName, profile, shape, cidr, account, region, allowUnlistedRegion, availabilityZones, gatewayPrefixLists, blockList, alertSubscriptions, requireAlertSubscriptions, dnsFirewallDomainListIds, existingBaseline, organizationTrail", e.getMessage());
        Map<String, Object> e1 = new java.util.HashMap<>(env("prod", "10.1.0.0/16"));
        e1.put("profile", List.of("three-tier"));
        AppConfigException p = assertThrows(AppConfigException.class,
                () -> BlueprintConfig.parse(Map.of("environments", List.of(e1))));
        assertEquals("[SVPC-020] blueprint.environments[0].profile = [\"three-tier\"]: one of [dev, prod, regulated]",
                p.getProblems().get(0).render());
    }

    @Test
    void failsOnAContextStringThatIsNotJson() {
        AppConfigException e = assertThrows(AppConfigException.class,
                () -> BlueprintConfig.parse("{\"environments\": ["));
        assertEquals(1, e.getProblems().size(), e.getMessage());
        assertEquals("blueprint", e.getProblems().get(0).path());
        assertTrue(e.getProblems().get(0).allowed().startsWith("a JSON object: "), e.getMessage());
    }

    @Test
    void reportsEveryProblemOfTheFileTogetherInTheOrderOfTheKeys() {
        Map<String, Object> bad = new java.util.HashMap<>(env("b", "10.2.0.0/16"));
        bad.put("availabilityZone", List.of("eu-west-1a"));
        bad.put("region", "Ireland");
        AppConfigException e = assertThrows(AppConfigException.class, () -> BlueprintConfig.parse(Map.of(
                "environments", List.of(env("a", "10.1.0.0/16"), bad, env("c", "10.1.0.0/24")),
                "connectivity", Map.of("peerings", List.of(Map.of("requester", "a", "requesterTiers", List.of("public"),
                        "accepter", "b", "accepterTiers", List.of("app"), "ports", List.of("5432")))))));
        assertEquals("Invalid app configuration (5 problems):"
                + "\n  - [SVPC-020] blueprint.environments[1].availabilityZone = [\"eu-west-1a\"]: no such key: one of "
                + "name, stackName, profile, shape, cidr, account, region, allowUnlistedRegion, availabilityZones, gatewayPrefixLists, blockList, alertSubscriptions, requireAlertSubscriptions, dnsFirewallDomainListIds, existingBaseline, organizationTrail"
                + "\n  - [SVPC-020] blueprint.environments[1].region = 'Ireland': a region name, e.g. eu-west-1"
                + "\n  - [SVPC-020] blueprint.environments[2].cidr = '10.1.0.0/24': a range that does not overlap "
                + "environment 'a' (10.1.0.0/16), so the two can later be peered or attached to one Transit Gateway "
                + "(BP-MV-2)"
                + "\n  - [SVPC-020] blueprint.connectivity.peerings[0].requesterTiers[0] = 'public': a private or isolated "
                + "tier of the environment's shape: [app, data]"
                + "\n  - [SVPC-020] blueprint.connectivity.peerings[0].ports[0] = '5432': an integer", e.getMessage());
        assertEquals(List.of(AppErrorCode.APP_CONFIG, AppErrorCode.APP_CONFIG, AppErrorCode.APP_CONFIG,
                AppErrorCode.APP_CONFIG, AppErrorCode.APP_CONFIG), e.getCodes());
    }
}
