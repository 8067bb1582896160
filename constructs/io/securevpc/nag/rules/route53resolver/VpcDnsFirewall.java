package io.securevpc.nag.rules.route53resolver;

import io.securevpc.compliance.DnsFirewallRequirement;
import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.TemplateResource;
import io.securevpc.nag.rules.BlueprintRule;
import io.securevpc.nag.rules.RuleResult;
import java.util.List;
import java.util.Set;
import org.jetbrains.annotations.NotNull;

/**
 * BP-NET-6: every VPC's DNS queries pass a Route 53 Resolver DNS Firewall: an
 * {@code AWS::Route53Resolver::FirewallRuleGroupAssociation} somewhere in the app whose {@code VpcId} is the VPC, with
 * {@code MutationProtection} ENABLED (an association without it can be removed by anyone allowed to disassociate, and
 * the VPC's DNS is unfiltered again). DNS is the path out of a VPC that security groups and NACLs cannot close.
 *
 * <p>This rule (a warning) checks the VPCs not tagged {@link DnsFirewallRequirement}; {@link VpcDnsFirewallRequired}
 * (an error) checks the same on the VPCs so tagged, e.g. a regulated environment's.
 */
public class VpcDnsFirewall implements BlueprintRule {
    static final String ASSOCIATION = "AWS::Route53Resolver::FirewallRuleGroupAssociation";

    @Override
    public @NotNull Set<String> resourceTypes() {
        return Set.of("AWS::EC2::VPC");
    }

    @Override
    public @NotNull RuleResult check(final @NotNull TemplateResource resource, final @NotNull AppTemplates app) {
        boolean required = resource.tag(DnsFirewallRequirement.TAG_KEY).map(DnsFirewallRequirement.TAG_VALUE::equals)
                .orElse(false);
        if (required != checksRequired()) {
            return RuleResult.notApplicable();
        }
        List<TemplateResource> ofVpc = app.ofType(ASSOCIATION).stream()
                .filter(a -> app.target(a.stack(), a.prop("VpcId")).map(v -> v == resource).orElse(false))
                .toList();
        if (ofVpc.stream().anyMatch(a -> "ENABLED".equals(a.prop("MutationProtection").asText()))) {
            return RuleResult.compliant();
        }
        return RuleResult.nonCompliant(ofVpc.isEmpty() ? "no DNS Firewall rule group is associated with this VPC"
                : "the VPC's DNS Firewall association has no MutationProtection ENABLED");
    }

    /** @return whether this rule checks the VPCs tagged {@link DnsFirewallRequirement} (or the others). */
    boolean checksRequired() {
        return false;
    }
}
