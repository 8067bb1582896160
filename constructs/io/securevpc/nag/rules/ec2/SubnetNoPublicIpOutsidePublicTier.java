package io.securevpc.nag.rules.ec2;

import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.TemplateResource;
import io.securevpc.nag.rules.BlueprintRule;
import io.securevpc.nag.rules.Finding;
import io.securevpc.nag.rules.RuleResult;
import io.securevpc.nag.rules.Routing;
import java.util.List;
import java.util.Set;
import org.jetbrains.annotations.NotNull;

/**
 * BP-NET-1, BP-NET-10: workloads live in private subnets, so only a subnet of the public tier (tag
 * {@value io.securevpc.nag.rules.Routing#TIER_TAG}={@code Public}) may give instances a public IPv4 address
 * at launch ({@code MapPublicIpOnLaunch}).
 */
public final class SubnetNoPublicIpOutsidePublicTier implements BlueprintRule {
    @Override
    public @NotNull Set<String> resourceTypes() {
        return Set.of(Routing.SUBNET);
    }

    @Override
    public @NotNull RuleResult check(final @NotNull TemplateResource resource, final @NotNull AppTemplates app) {
        var map = resource.prop("MapPublicIpOnLaunch");
        if (map.isMissingNode()) {
            return RuleResult.compliant();
        }
        if (!map.isValueNode()) {
            return RuleResult.of(List.of(Finding.cannotCheck("MapPublicIpOnLaunch", AppTemplates.render(map))));
        }
        if (!"true".equalsIgnoreCase(map.asText()) || Routing.isPublicTier(resource)) {
            return RuleResult.compliant();
        }
        return RuleResult.nonCompliant("MapPublicIpOnLaunch is true on a subnet outside the public tier ("
                + Routing.TIER_TAG + "=" + resource.tag(Routing.TIER_TAG).orElse("(none)") + ")");
    }
}
