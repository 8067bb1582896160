package io.securevpc.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code blueprint.connectivity} object (BP-MV-1..4, BP-NET-11): parsed against the environments, every
 * problem named with its key, its value and what is allowed.
 */
class ConnectivityConfigTest {
    private static final String CERTIFICATE =
            "arn:aws:acm:eu-west-1:111111111111:certificate/00000000-0000-4000-8000-000000000000";

    private static Map<String, Object> env(final String name, final String shape, final String cidr,
                                           final String region) {
        return Map.of("name", name, "profile", "dev", "shape", shape, "cidr", cidr, "region", region,
                "availabilityZones", List.of(region + "a", region + "b"),
                "gatewayPrefixLists", Map.of("s3", "pl-6da54004", "dynamodb", "pl-6fa54006"));
    }

    private static final List<Object> ENVIRONMENTS = List.of(
            env("po", "private-only", "10.10.0.0/16", "eu-west-1"),
            env("tt", "three-tier", "10.20.0.0/16", "eu-west-1"),
            env("far", "three-tier", "10.30.0.0/16", "us-east-1"));

    private static BlueprintConfig parse(final Map<String, Object> connectivity) {
        return BlueprintConfig.parse(Map.of("environments", ENVIRONMENTS, "connectivity", connectivity));
    }

    private static String failure(final Map<String, Object> connectivity) {
        return assertThrows(AppConfigException.class, () -> parse(connectivity)).getMessage();
    }

    private static Map<String, Object> attachment(final String env, final List<String> tiers, final List<Object> ports) {
        return Map.of("environment", env, "routeTiers", tiers, "servedPorts", ports);
    }

    private static Map<String, Object> link(final Map<String, Object> overrides) {
        Map<String, Object> link = new HashMap<>(Map.of("provider", "tt", "providerTier", "app", "port", 443,
                "targetPort", 8443, "certificateArn", CERTIFICATE, "consumer", "po", "consumerTier", "endpoints"));
        link.putAll(overrides);
        return link;
    }

    private static Map<String, Object> vpn(final Map<String, Object> overrides) {
        Map<String, Object> vpn = new HashMap<>(Map.of("environment", "po", "customerGatewayIp", "203.0.113.10",
                "onPremisesCidrs", List.of("192.168.0.0/16"), "routeTiers", List.of("app"),
                "inboundPorts", List.of(443)));
        vpn.putAll(overrides);
        return vpn;
    }

    @Test
    void parsesEveryKindOfConnectionWithDefaults() {
        ConnectivityConfig c = parse(Map.of(
                "transitGateway", Map.of("attachments", List.of(
                        Map.of("environment", "po", "attachmentTier", "endpoints", "routeTiers", List.of("app"),
                                "servedPorts", List.of(443)),
                        attachment("tt", List.of("app"), List.of()))),
                "peerings", List.of(Map.of("requester", "tt", "requesterTiers", List.of("data"), "accepter", "po",
                        "accepterTiers", List.of("data"), "ports", List.of(5432))),
                "privateLinks", List.of(link(Map.of())),
                "vpns", List.of(vpn(Map.of())))).connectivity();
        assertEquals(null, c.transitGateway().amazonSideAsn());
        assertEquals("endpoints", c.transitGateway().attachments().get(0).attachmentTier());
        assertEquals("transit", c.transitGateway().attachments().get(1).attachmentTier());
        assertEquals(false, c.needsTransitTier("po"));
        assertEquals(true, c.needsTransitTier("tt"));
        assertEquals(List.of(), c.peerings().get(0).accepterPorts());
        assertEquals(Integer.valueOf(8443), c.privateLinks().get(0).targetPort());
        assertEquals(false, c.vpns().get(0).staticRouting());
        assertEquals(List.of(), c.vpns().get(0).outboundPorts());
    }

    @Test
    void noConnectivityKeyMeansNoConnections() {
        assertEquals(ConnectivityConfig.NONE, BlueprintConfig.parse(Map.of("environments", ENVIRONMENTS)).connectivity());
    }

    @Test
    void failsOnATransitGatewayWithOneAttachmentToAPublicTierOfAnUnknownEnvironment() {
        String m = failure(Map.of("transitGateway", Map.of("amazonSideAsn", 7224, "attachments", List.of(
                attachment("po", List.of("public"), List.of(0)), attachment("nowhere", List.of("app"), List.of())))));
        assertEquals("Invalid app configuration (4 problems):"
                + "\n  - [SVPC-020] blueprint.connectivity.transitGateway.amazonSideAsn = 7224: a private ASN from 64512 "
                + "to 65534"
                + "\n  - [SVPC-020] blueprint.connectivity.transitGateway.attachments[0].routeTiers[0] = 'public': a "
                + "private or isolated tier of the environment's shape: [app, data, endpoints]"
                + "\n  - [SVPC-020] blueprint.connectivity.transitGateway.attachments[0].servedPorts[0] = 0: a TCP port "
                + "from 1 to 65535"
                + "\n  - [SVPC-020] blueprint.connectivity.transitGateway.attachments[1].environment = 'nowhere': the "
                + "name of an environment: [po, tt, far]", m);
    }

    @Test
    void failsOnATransitGatewayAcrossRegionsOrWithOneEnvironmentTwice() {
        String m = failure(Map.of("transitGateway", Map.of("attachments", List.of(
                attachment("po", List.of("app"), List.of(443)), attachment("far", List.of("app"), List.of()),
                attachment("po", List.of("data"), List.of())))));
        assertEquals("Invalid app configuration (2 problems):"
                + "\n  - [SVPC-020] blueprint.connectivity.transitGateway.attachments[1].environment = 'far': an "
                + "environment in the same account and region as 'po' (account (CLI's), region eu-west-1); this one is "
                + "in account (CLI's), region us-east-1"
                + "\n  - [SVPC-020] blueprint.connectivity.transitGateway.attachments[2].environment = 'po': an "
                + "environment attached once", m);
    }

    @Test
    void failsOnATransitGatewayWithASingleAttachment() {
        String m = failure(Map.of("transitGateway", Map.of("attachments", List.of(
                attachment("po", List.of("app"), List.of(443))))));
        assertEquals("Invalid app configuration (1 problem):"
                + "\n  - [SVPC-020] blueprint.connectivity.transitGateway.attachments = [\"po\"]: at least two "
                + "environments to connect", m);
    }

    @Test
    void failsOnAPeeringOfAnEnvironmentWithItselfWithoutPorts() {
        String m = failure(Map.of("peerings", List.of(Map.of("requester", "po", "requesterTiers", List.of("app"),
                "accepter", "po", "accepterTiers", List.of("data"), "ports", List.of()))));
        assertEquals("Invalid app configuration (2 problems):"
                + "\n  - [SVPC-020] blueprint.connectivity.peerings[0].accepter = 'po': another environment than the "
                + "requester"
                + "\n  - [SVPC-020] blueprint.connectivity.peerings[0].ports = []: a non-empty list of TCP ports from 1 "
                + "to 65535", m);
    }

    @Test
    void failsOnAPrivateLinkWithoutACertificateOfTheProvidersRegionOrFromTheEndpointsTier() {
        String m = failure(Map.of("privateLinks", List.of(
                link(Map.of("certificateArn", "arn:aws:acm:us-east-1:111111111111:certificate/"
                        + "00000000-0000-4000-8000-000000000000")),
                link(Map.of("provider", "po", "providerTier", "endpoints", "certificateArn", "my-cert",
                        "consumer", "tt", "consumerTier", "app", "port", 70000)))));
        assertEquals("Invalid app configuration (4 problems):"
                + "\n  - [SVPC-020] blueprint.connectivity.privateLinks[0].certificateArn = 'arn:aws:acm:us-east-1:"
                + "111111111111:certificate/00000000-0000-4000-8000-000000000000': a certificate in the provider's "
                + "region eu-west-1 (ACM is regional)"
                + "\n  - [SVPC-020] blueprint.connectivity.privateLinks[1].providerTier = 'endpoints': a workload tier, "
                + "where the load balancer's targets run: [app, data]"
                + "\n  - [SVPC-020] blueprint.connectivity.privateLinks[1].port = 70000: a TCP port from 1 to 65535"
                + "\n  - [SVPC-020] blueprint.connectivity.privateLinks[1].certificateArn = 'my-cert': an ACM certificate "
                + "ARN: arn:<partition>:acm:<region>:<account>:certificate/<uuid>, e.g. arn:aws:acm:eu-west-1:"
                + "111122223333:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d: PrivateLink listeners terminate TLS "
                + "(stock packs' ELBv2ACMCertificateRequired)", m);
    }

    @Test
    void failsOnAVpnToAPrivateAddressWithADefaultRouteAndOnASecondVpnOfOneEnvironment() {
        String m = failure(Map.of("vpns", List.of(
                vpn(Map.of("customerGatewayIp", "10.0.0.1", "customerGatewayAsn", 7224,
                        "onPremisesCidrs", List.of("0.0.0.0/0", "10.10.128.0/17"), "staticRouting", "yes")),
                vpn(Map.of()))));
        assertEquals("Invalid app configuration (6 problems):"
                + "\n  - [SVPC-020] blueprint.connectivity.vpns[0].customerGatewayIp = '10.0.0.1': the public IPv4 "
                + "address of the on-premises VPN device"
                + "\n  - [SVPC-020] blueprint.connectivity.vpns[0].customerGatewayAsn = 7224: a 16-bit BGP ASN other "
                + "than 7224 (reserved by AWS)"
                + "\n  - [SVPC-020] blueprint.connectivity.vpns[0].onPremisesCidrs[0] = '0.0.0.0/0': a specific IPv4 "
                + "CIDR with no host bits set (no 0.0.0.0/0: no default route to on-premises)"
                + "\n  - [SVPC-020] blueprint.connectivity.vpns[0].onPremisesCidrs[1] = '10.10.128.0/17': a block "
                + "outside every environment: it overlaps 'po' (10.10.0.0/16)"
                + "\n  - [SVPC-020] blueprint.connectivity.vpns[0].staticRouting = 'yes': true or false"
                + "\n  - [SVPC-020] blueprint.connectivity.vpns[1].environment = 'po': an environment with no other VPN: "
                + "a VPC takes one virtual private gateway", m);
    }

    @Test
    void failsOnAMisspeltKey() {
        String m = failure(Map.of("vpns", List.of(vpn(Map.of("staticRoute", true))), "peering", List.of()));
        assertEquals("Invalid app configuration (2 problems):"
                + "\n  - [SVPC-020] blueprint.connectivity.peering = []: no such key: one of transitGateway, peerings, "
                + "privateLinks, vpns"
                + "\n  - [SVPC-020] blueprint.connectivity.vpns[0].staticRoute = true: no such key: one of environment, "
                + "customerGatewayIp, customerGatewayAsn, onPremisesCidrs, staticRouting, routeTiers, outboundPorts, "
                + "inboundPorts", m);
    }

    @Test
    void failsOnAnUnknownKeyOfAConnectivityEntryNamingItsPathAndTheAllowedKeys() {
        Map<String, Object> misspelt = new HashMap<>(link(Map.of()));
        misspelt.remove("targetPort");
        misspelt.put("targetport", 8443);
        String m = failure(Map.of("privateLinks", List.of(link(Map.of("port", 444)), misspelt)));
        assertEquals("Invalid app configuration (2 problems):"
                + "\n  - [SVPC-020] blueprint.connectivity.privateLinks[1].targetport = 8443: no such key: one of "
                + "provider, providerTier, port, targetPort, certificateArn, consumer, consumerTier, serviceId, endpointId"
                + "\n  - [SVPC-020] blueprint.connectivity.privateLinks[1].targetPort = (unset): a TCP port from 1 to "
                + "65535", m);
    }

    @Test
    void failsOnAnUnknownKeyOfATransitGatewayAttachment() {
        Map<String, Object> a = new HashMap<>(attachment("po", List.of("app"), List.of(443)));
        a.put("tier", "endpoints");
        String m = failure(Map.of("transitGateway", Map.of("attachments", List.of(a,
                attachment("tt", List.of("app"), List.of())))));
        assertEquals("Invalid app configuration (1 problem):"
                + "\n  - [SVPC-020] blueprint.connectivity.transitGateway.attachments[0].tier = 'endpoints': no such "
                + "key: one of environment, attachmentTier, routeTiers, servedPorts, id", m);
    }

    @Test
    void failsOnAPortGivenAsTextOnceNotAlsoAsUnset() {
        String m = failure(Map.of("privateLinks", List.of(link(Map.of("port", "443", "targetPort", 8443.5)))));
        assertEquals("Invalid app configuration (2 problems):"
                + "\n  - [SVPC-020] blueprint.connectivity.privateLinks[0].port = '443': an integer"
                + "\n  - [SVPC-020] blueprint.connectivity.privateLinks[0].targetPort = 8443.5: an integer", m);
    }

    @Test
    void failsOnATierOrPortListedTwice() {
        String m = failure(Map.of("vpns", List.of(vpn(Map.of("routeTiers", List.of("app", "data", "app"),
                "inboundPorts", List.of(443, 443))))));
        assertEquals("Invalid app configuration (2 problems):"
                + "\n  - [SVPC-020] blueprint.connectivity.vpns[0].routeTiers[2] = 'app': a tier listed once"
                + "\n  - [SVPC-020] blueprint.connectivity.vpns[0].inboundPorts[1] = 443: a port listed once", m);
    }

    @Test
    void explicitIdsReplaceTheIdsDerivedFromEnvironmentNames() {
        ConnectivityConfig c = parse(Map.of(
                "transitGateway", Map.of("attachments", List.of(
                        Map.of("environment", "po", "routeTiers", List.of("app"), "id", "hub-a"),
                        attachment("tt", List.of("app"), List.of()))),
                "peerings", List.of(Map.of("requester", "tt", "requesterTiers", List.of("data"), "accepter", "po",
                        "accepterTiers", List.of("data"), "ports", List.of(5432), "id", "tt-po-2025")),
                "privateLinks", List.of(link(Map.of("serviceId", "orders", "endpointId", "orders-in")),
                        link(Map.of("port", 444))))).connectivity();
        assertEquals(List.of("hub-a", "tt"), c.transitGateway().attachments().stream()
                .map(ConnectivityConfig.TransitGatewayConfig.Attachment::id).toList());
        assertEquals("tt-po-2025", c.peerings().get(0).id());
        assertEquals(List.of("orders", "po-444"), c.privateLinks().stream()
                .map(ConnectivityConfig.PrivateLinkConfig::serviceId).toList());
        assertEquals(List.of("orders-in", "tt-444"), c.privateLinks().stream()
                .map(ConnectivityConfig.PrivateLinkConfig::endpointId).toList());
    }

    @Test
    void failsOnPrivateLinksWhoseConstructIdsCollideInOneEnvironmentsStack() {
        // tt provides to po on 443 ('PrivateLink-po-443' in tt's stack), po provides to tt on 443 (its endpoint in tt's
        // stack is 'PrivateLink-po-443' too): the derived ids collide; explicit ids tell them apart.
        Map<String, Object> back = link(Map.of("provider", "po", "providerTier", "app", "consumer", "tt",
                "consumerTier", "app"));
        String m = failure(Map.of("privateLinks", List.of(link(Map.of()), back)));
        assertEquals("Invalid app configuration (2 problems):"
                + "\n  - [SVPC-020] blueprint.connectivity.privateLinks[1].serviceId = 'tt-443': an id no other "
                + "PrivateLink service or endpoint of environment 'po' has: its construct id there is "
                + "'PrivateLink-tt-443' (derived from the other environment and the port; set this key)"
                + "\n  - [SVPC-020] blueprint.connectivity.privateLinks[1].endpointId = 'po-443': an id no other "
                + "PrivateLink service or endpoint of environment 'tt' has: its construct id there is "
                + "'PrivateLink-po-443' (derived from the other environment and the port; set this key)", m);
        Map<String, Object> named = new HashMap<>(back);
        named.put("serviceId", "reverse");
        named.put("endpointId", "reverse");
        assertEquals(2, parse(Map.of("privateLinks", List.of(link(Map.of()), named))).connectivity()
                .privateLinks().size());
    }

    @Test
    void failsOnAnIdThatIsNoConstructIdSuffix() {
        String m = failure(Map.of("peerings", List.of(Map.of("requester", "tt", "requesterTiers", List.of("data"),
                "accepter", "po", "accepterTiers", List.of("data"), "ports", List.of(5432), "id", "tt/po"))));
        assertEquals("Invalid app configuration (1 problem):"
                + "\n  - [SVPC-020] blueprint.connectivity.peerings[0].id = 'tt/po': letters, digits and dashes (a "
                + "letter or digit first, at most 63)", m);
    }
}
