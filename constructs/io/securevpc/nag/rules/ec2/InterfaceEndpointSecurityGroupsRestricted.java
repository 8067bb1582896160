package io.securevpc.nag.rules.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.CidrValue;
import io.securevpc.nag.model.TemplateResource;
import io.securevpc.nag.rules.BlueprintRule;
import io.securevpc.nag.rules.Finding;
import io.securevpc.nag.rules.RuleResult;
import io.securevpc.nag.rules.Sg;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jetbrains.annotations.NotNull;

/**
 * BP-EP-5: the security groups on an interface endpoint's ENIs allow no ingress from 0.0.0.0/0 or ::/0 and
 * no ingress on every port. Inline rules and standalone ingress resources of the groups both count. An
 * endpoint with no security group gets the VPC's default group, which the blueprint closes but the rule
 * cannot see: non-compliant.
 */
public final class InterfaceEndpointSecurityGroupsRestricted implements BlueprintRule {
    @Override
    public @NotNull Set<String> resourceTypes() {
        return Set.of(VpcEndpointPolicyRestricted.ENDPOINT);
    }

    @Override
    public @NotNull RuleResult check(final @NotNull TemplateResource resource, final @NotNull AppTemplates app) {
        if (!"Interface".equals(resource.prop("VpcEndpointType").asText("Gateway"))) {
            return RuleResult.notApplicable();
        }
        JsonNode ids = resource.prop("SecurityGroupIds");
        if (!ids.isArray() || ids.isEmpty()) {
            return ids.isMissingNode() || ids.isEmpty()
                    ? RuleResult.nonCompliant("no SecurityGroupIds: the VPC's default security group applies")
                    : RuleResult.of(List.of(Finding.cannotCheck("SecurityGroupIds", AppTemplates.render(ids))));
        }
        List<Finding> findings = new ArrayList<>();
        for (JsonNode id : ids) {
            Optional<TemplateResource> group = app.target(resource.stack(), id).filter(g -> Sg.GROUP.equals(g.type()));
            if (group.isEmpty()) {
                findings.add(Finding.cannotCheck("SecurityGroupIds", "group outside the app: " + AppTemplates.render(id)));
                continue;
            }
            List<Sg.Rule> rules = new ArrayList<>(Sg.rules(group.get(), false));
            app.ofType(Sg.INGRESS).stream()
                    .filter(i -> app.target(i.stack(), i.prop("GroupId")).map(g -> g == group.get()).orElse(false))
                    .forEach(i -> rules.addAll(Sg.rules(i, false)));
            for (Sg.Rule rule : rules) {
                String where = group.get().logicalId() + "." + rule.where();
                String prop = rule.cidrProperty();
                if (prop != null) {
                    CidrValue cidr = app.cidr(group.get().stack(), rule.json().path(prop));
                    if (!cidr.isKnown()) {
                        findings.add(Finding.cannotCheck(where + "." + prop, AppTemplates.render(cidr.raw())));
                    } else if (cidr.isWorld()) {
                        findings.add(Finding.of(group.get().logicalId() + ":" + cidr.literal(),
                                where + " allows ingress from " + cidr.literal()));
                    }
                }
                if (Sg.ports(rule).map(p -> p.isAll()).orElse(false)) {
                    findings.add(Finding.of(group.get().logicalId() + ":all-ports", where + " allows every port"));
                }
            }
        }
        return RuleResult.of(findings);
    }
}
