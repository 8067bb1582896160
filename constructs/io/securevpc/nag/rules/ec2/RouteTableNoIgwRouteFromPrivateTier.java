package io.securevpc.nag.rules.ec2;

import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.TemplateResource;
import io.securevpc.nag.rules.BlueprintRule;
import io.securevpc.nag.rules.Finding;
import io.securevpc.nag.rules.RuleResult;
import io.securevpc.nag.rules.Routing;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jetbrains.annotations.NotNull;

/**
 * BP-NET-3, BP-NET-10: the route table of a private or isolated subnet has no route to an internet gateway,
 * whatever the destination; private subnets reach out through NAT, isolated ones not at all.
 */
public final class RouteTableNoIgwRouteFromPrivateTier implements BlueprintRule {
    @Override
    public @NotNull Set<String> resourceTypes() {
        return Set.of(Routing.ROUTE);
    }

    @Override
    public @NotNull RuleResult check(final @NotNull TemplateResource resource, final @NotNull AppTemplates app) {
        Optional<Boolean> toIgw = Routing.toInternetGateway(resource, app);
        if (toIgw.isEmpty()) {
            return RuleResult.of(List.of(Finding.cannotCheck("GatewayId", AppTemplates.render(resource.prop("GatewayId")))));
        }
        if (!toIgw.get()) {
            return RuleResult.notApplicable();
        }
        Optional<TemplateResource> table = app.target(resource.stack(), resource.prop("RouteTableId"));
        if (table.isEmpty()) {
            return RuleResult.of(List.of(Finding.cannotCheck("RouteTableId",
                    AppTemplates.render(resource.prop("RouteTableId")))));
        }
        List<String> privateSubnets = Routing.subnetsOf(table.get(), app).stream()
                .filter(Routing::isPrivateOrIsolatedTier).map(TemplateResource::describe).toList();
        return privateSubnets.isEmpty() ? RuleResult.compliant()
                : RuleResult.nonCompliant("route to an internet gateway in the route table of private/isolated subnets "
                        + privateSubnets);
    }
}
