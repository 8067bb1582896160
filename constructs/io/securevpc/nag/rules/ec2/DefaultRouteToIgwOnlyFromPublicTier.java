package io.securevpc.nag.rules.ec2;

import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.TemplateResource;
import io.securevpc.nag.rules.BlueprintRule;
import io.securevpc.nag.rules.Finding;
import io.securevpc.nag.rules.Net;
import io.securevpc.nag.rules.RuleResult;
import io.securevpc.nag.rules.Routing;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jetbrains.annotations.NotNull;

/**
 * BP-NET-10: a default route (0.0.0.0/0 or ::/0) to an internet gateway exists only in route tables whose
 * subnets are all in the public tier; a route table associated with no subnet of the app does not qualify.
 */
public final class DefaultRouteToIgwOnlyFromPublicTier implements BlueprintRule {
    @Override
    public @NotNull Set<String> resourceTypes() {
        return Set.of(Routing.ROUTE);
    }

    @Override
    public @NotNull RuleResult check(final @NotNull TemplateResource resource, final @NotNull AppTemplates app) {
        String prop = resource.properties().has("DestinationIpv6CidrBlock") ? "DestinationIpv6CidrBlock"
                : "DestinationCidrBlock";
        if (!resource.properties().has(prop)) {
            return RuleResult.notApplicable();
        }
        Optional<String> destination = app.literal(resource.stack(), resource.prop(prop));
        Optional<Boolean> toIgw = Routing.toInternetGateway(resource, app);
        if (toIgw.isPresent() && !toIgw.get()) {
            return RuleResult.notApplicable();
        }
        if (destination.isEmpty()) {
            return RuleResult.of(List.of(Finding.cannotCheck(prop, AppTemplates.render(resource.prop(prop)))));
        }
        if (!Net.isWorld(destination.get())) {
            return RuleResult.notApplicable();
        }
        if (toIgw.isEmpty()) {
            return RuleResult.of(List.of(Finding.cannotCheck("GatewayId", AppTemplates.render(resource.prop("GatewayId")))));
        }
        Optional<TemplateResource> table = app.target(resource.stack(), resource.prop("RouteTableId"));
        if (table.isEmpty()) {
            return RuleResult.of(List.of(Finding.cannotCheck("RouteTableId",
                    AppTemplates.render(resource.prop("RouteTableId")))));
        }
        List<TemplateResource> subnets = Routing.subnetsOf(table.get(), app);
        if (!subnets.isEmpty() && subnets.stream().allMatch(Routing::isPublicTier)) {
            return RuleResult.compliant();
        }
        return RuleResult.nonCompliant("default route " + destination.get() + " to an internet gateway from a route table "
                + (subnets.isEmpty() ? "associated with no subnet of the app" : "of subnets outside the public tier"));
    }
}
