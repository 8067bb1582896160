package io.securevpc.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.StackTemplate;
import io.securevpc.nag.model.TemplateResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Per-AZ independence in production and regulated environments (BP-NET-2): losing one Availability Zone takes
 * nothing of the others with it. For every prod and regulated network stack of the profile matrix and of the
 * shipped app: one NAT gateway in each AZ of the VPC (three-tier; private-only has no NAT and no route to one),
 * every route to a NAT gateway leaves from a subnet of that NAT's own AZ, and every interface endpoint has a network
 * interface in every AZ of the VPC.
 */
class AvailabilityZoneIndependenceTest {
    static Stream<Arguments> apps() {
        return Stream.of(Arguments.of("profile matrix"), Arguments.of("shipped app"));
    }

    private static AppTemplates templates(final String app) {
        return app.equals("shipped app") ? SynthesizedApps.shippedApp() : SynthesizedApps.profileMatrix().templates();
    }

    /** The network stacks of prod and regulated environments: the stacks with a VPC whose stage is of that profile. */
    private static List<StackTemplate> productionNetworks(final AppTemplates app) {
        return app.stacks().values().stream().filter(s -> !s.ofType("AWS::EC2::VPC").isEmpty())
                .filter(s -> s.name().startsWith("prod") || s.name().startsWith("regulated")).toList();
    }

    private static Optional<String> az(final AppTemplates app, final StackTemplate stack,
                                       final com.fasterxml.jackson.databind.JsonNode subnetRef) {
        return app.target(stack, subnetRef).filter(s -> "AWS::EC2::Subnet".equals(s.type()))
                .map(s -> s.prop("AvailabilityZone").asText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apps")
    void eachAzHasItsOwnNatAndRoutesOnlyToIt(final String name) {
        AppTemplates app = templates(name);
        List<StackTemplate> networks = productionNetworks(app);
        assertEquals(name.equals("shipped app") ? 2 : 4, networks.size(), "prod and regulated networks");
        int withNat = 0;
        List<String> crossAz = new ArrayList<>();
        for (StackTemplate stack : networks) {
            Set<String> azs = new TreeSet<>();
            stack.ofType("AWS::EC2::Subnet").forEach(s -> azs.add(s.prop("AvailabilityZone").asText()));
            assertEquals(3, azs.size(), stack.name() + " " + azs);
            List<TemplateResource> nats = stack.ofType("AWS::EC2::NatGateway");
            List<String> natAzs = nats.stream().map(n -> az(app, stack, n.prop("SubnetId")).orElse("?")).sorted().toList();
            if (!nats.isEmpty()) {
                withNat++;
                assertEquals(List.copyOf(azs), natAzs, stack.name() + ": one NAT gateway per AZ");
            }
            for (TemplateResource assoc : stack.ofType("AWS::EC2::SubnetRouteTableAssociation")) {
                String subnetAz = az(app, stack, assoc.prop("SubnetId")).orElseThrow();
                for (TemplateResource route : stack.ofType("AWS::EC2::Route")) {
                    if (!route.prop("RouteTableId").equals(assoc.prop("RouteTableId")) || route.prop("NatGatewayId")
                            .isMissingNode()) {
                        continue;
                    }
                    String natAz = app.target(stack, route.prop("NatGatewayId"))
                            .flatMap(n -> az(app, stack, n.prop("SubnetId"))).orElse("?");
                    if (!natAz.equals(subnetAz)) {
                        crossAz.add(stack.name() + ": " + assoc.prop("SubnetId") + " in " + subnetAz + " routes via "
                                + route.prop("NatGatewayId") + " in " + natAz);
                    }
                }
            }
            if (nats.isEmpty()) {
                assertTrue(stack.ofType("AWS::EC2::Route").stream().allMatch(r -> r.prop("NatGatewayId").isMissingNode()),
                        stack.name());
            }
        }
        assertEquals(List.of(), crossAz);
        assertEquals(name.equals("shipped app") ? 1 : 2, withNat, "the three-tier networks have NAT gateways");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apps")
    void everyInterfaceEndpointHasAnInterfaceInEveryAz(final String name) {
        AppTemplates app = templates(name);
        List<String> problems = new ArrayList<>();
        int endpoints = 0;
        for (StackTemplate stack : productionNetworks(app)) {
            Set<String> azs = new TreeSet<>();
            stack.ofType("AWS::EC2::Subnet").forEach(s -> azs.add(s.prop("AvailabilityZone").asText()));
            for (TemplateResource e : stack.ofType("AWS::EC2::VPCEndpoint")) {
                if (!"Interface".equals(e.prop("VpcEndpointType").asText())) {
                    continue;
                }
                endpoints++;
                Set<String> endpointAzs = new TreeSet<>();
                e.prop("SubnetIds").forEach(s -> endpointAzs.add(az(app, stack, s).orElse("?")));
                if (!endpointAzs.equals(azs)) {
                    problems.add(e.describe() + " in " + endpointAzs + " of " + azs);
                }
            }
        }
        assertFalse(endpoints == 0);
        assertEquals(List.of(), problems);
    }
}
