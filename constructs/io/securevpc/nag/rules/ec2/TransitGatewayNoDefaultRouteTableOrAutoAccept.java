package io.securevpc.nag.rules.ec2;

import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.TemplateResource;
import io.securevpc.nag.rules.BlueprintRule;
import io.securevpc.nag.rules.Finding;
import io.securevpc.nag.rules.RuleResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jetbrains.annotations.NotNull;

/**
 * BP-MV-1, BP-MV-4: a Transit Gateway neither associates nor propagates every attachment to its default route
 * table, and does not accept shared attachments automatically. With the default route table every attached VPC
 * reaches every other one (one flat network: the largest blast radius); auto-accept lets any account the gateway is
 * shared with attach without review. CloudFormation's defaults when a property is absent are
 * {@code DefaultRouteTableAssociation} and {@code DefaultRouteTablePropagation} {@code enable}, and
 * {@code AutoAcceptSharedAttachments} {@code disable}: an absent association or propagation fails.
 */
public final class TransitGatewayNoDefaultRouteTableOrAutoAccept implements BlueprintRule {
    static final String TRANSIT_GATEWAY = "AWS::EC2::TransitGateway";

    /** Each checked property with the value CloudFormation uses when it is absent. */
    private static final List<String[]> PROPERTIES = List.of(
            new String[] {"DefaultRouteTableAssociation", "enable"},
            new String[] {"DefaultRouteTablePropagation", "enable"},
            new String[] {"AutoAcceptSharedAttachments", "disable"});

    @Override
    public @NotNull Set<String> resourceTypes() {
        return Set.of(TRANSIT_GATEWAY);
    }

    @Override
    public @NotNull RuleResult check(final @NotNull TemplateResource resource, final @NotNull AppTemplates app) {
        List<Finding> findings = new ArrayList<>();
        for (String[] p : PROPERTIES) {
            String name = p[0];
            Optional<String> value = resource.properties().has(name)
                    ? app.literal(resource.stack(), resource.prop(name)) : Optional.of(p[1]);
            if (value.isEmpty()) {
                findings.add(Finding.cannotCheck(name, AppTemplates.render(resource.prop(name))));
            } else if ("enable".equalsIgnoreCase(value.get())) {
                findings.add(Finding.of(name, name + " is enable"
                        + (resource.properties().has(name) ? "" : " (CloudFormation's default when absent)")));
            }
        }
        return RuleResult.of(findings);
    }
}
