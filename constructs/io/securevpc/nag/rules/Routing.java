package io.securevpc.nag.rules;

import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.TemplateResource;
import java.util.List;
import java.util.Optional;
import org.jetbrains.annotations.NotNull;

/**
 * Subnet tiers and routes. A subnet's tier is read from the tag {@value #TIER_TAG} that the CDK's {@code Vpc}
 * (and so SecureVpc) sets: {@code Public}, {@code Private} or {@code Isolated}. An L1 subnet joins a tier by
 * carrying the same tag; an untagged subnet is in no public tier.
 */
public final class Routing {
    public static final String TIER_TAG = "aws-cdk:subnet-type";
    public static final String SUBNET = "AWS::EC2::Subnet";
    public static final String ROUTE = "AWS::EC2::Route";
    public static final String ROUTE_TABLE_ASSOCIATION = "AWS::EC2::SubnetRouteTableAssociation";
    public static final String INTERNET_GATEWAY = "AWS::EC2::InternetGateway";
    public static final String ROUTE_TABLE = "AWS::EC2::RouteTable";

    private Routing() {
    }

    public static boolean isPublicTier(final @NotNull TemplateResource subnet) {
        return subnet.tag(TIER_TAG).map("Public"::equals).orElse(false);
    }

    public static boolean isPrivateOrIsolatedTier(final @NotNull TemplateResource subnet) {
        return subnet.tag(TIER_TAG).map(t -> t.equals("Private") || t.equals("Isolated")).orElse(false);
    }

    /** @return the subnets of the app associated with the route table (resolved references only). */
    public static @NotNull List<TemplateResource> subnetsOf(final @NotNull TemplateResource routeTable,
                                                          final @NotNull AppTemplates app) {
        return app.ofType(ROUTE_TABLE_ASSOCIATION).stream()
                .filter(a -> app.target(a.stack(), a.prop("RouteTableId")).map(t -> t == routeTable).orElse(false))
                .map(a -> app.target(a.stack(), a.prop("SubnetId")))
                .flatMap(Optional::stream)
                .filter(s -> SUBNET.equals(s.type()))
                .toList();
    }

    /**
     * @return whether the route goes to an internet gateway: {@code GatewayId} references an
     *     {@code AWS::EC2::InternetGateway} of the app or is a literal {@code igw-} id; empty when unresolved
     */
    public static @NotNull Optional<Boolean> toInternetGateway(final @NotNull TemplateResource route,
                                                              final @NotNull AppTemplates app) {
        if (!route.properties().has("GatewayId")) {
            return Optional.of(false);
        }
        Optional<TemplateResource> target = app.target(route.stack(), route.prop("GatewayId"));
        if (target.isPresent()) {
            return Optional.of(INTERNET_GATEWAY.equals(target.get().type()));
        }
        return app.literal(route.stack(), route.prop("GatewayId")).map(id -> id.startsWith("igw-"));
    }

    /** @return the routes of the app in the route table. */
    public static @NotNull List<TemplateResource> routesOf(final @NotNull TemplateResource routeTable,
                                                          final @NotNull AppTemplates app) {
        return app.ofType(ROUTE).stream()
                .filter(r -> app.target(r.stack(), r.prop("RouteTableId")).map(t -> t == routeTable).orElse(false))
                .toList();
    }

    /** @return the route tables of the app associated with the subnet. */
    public static @NotNull List<TemplateResource> routeTablesOf(final @NotNull TemplateResource subnet,
                                                               final @NotNull AppTemplates app) {
        return app.ofType(ROUTE_TABLE_ASSOCIATION).stream()
                .filter(a -> app.target(a.stack(), a.prop("SubnetId")).map(s -> s == subnet).orElse(false))
                .map(a -> app.target(a.stack(), a.prop("RouteTableId")))
                .flatMap(Optional::stream)
                .toList();
    }

    /**
     * @return whether the route leads to the internet: to an internet gateway, an egress-only internet gateway or a
     *     NAT gateway, or a default route (0.0.0.0/0, ::/0) to any target (a Transit Gateway or an appliance doing
     *     central egress); unresolved gateway ids count as internet routes
     */
    public static boolean isInternetRoute(final @NotNull TemplateResource route, final @NotNull AppTemplates app) {
        if (route.properties().has("NatGatewayId") || route.properties().has("EgressOnlyInternetGatewayId")
                || toInternetGateway(route, app).orElse(true)) {
            return true;
        }
        String v4 = app.literal(route.stack(), route.prop("DestinationCidrBlock")).orElse("");
        String v6 = app.literal(route.stack(), route.prop("DestinationIpv6CidrBlock")).orElse("");
        return Net.isWorld(v4) || Net.isWorld(v6);
    }
}
