package io.securevpc.nag.rules.ec2;

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
 * BP-NET-2, BP-NET-8: a rule on a wide private range (an IPv4 prefix shorter than /{@value #WIDE_IPV4_PREFIX},
 * an IPv6 prefix shorter than /{@value #WIDE_IPV6_PREFIX}, e.g. the VPC CIDR) should reference the security
 * group of the peers instead: it then follows the members, and a rule on private addresses does not match
 * traffic that arrives with a public source address. The whole internet (0.0.0.0/0, ::/0) is left to the
 * ingress and egress rules, since no group can stand for it.
 */
public final class SecurityGroupPrefersGroupReferences implements BlueprintRule {
    public static final int WIDE_IPV4_PREFIX = 24;
    public static final int WIDE_IPV6_PREFIX = 64;

    @Override
    public @NotNull Set<String> resourceTypes() {
        return Set.of(Sg.GROUP, Sg.INGRESS, Sg.EGRESS);
    }

    @Override
    public @NotNull RuleResult check(final @NotNull TemplateResource resource, final @NotNull AppTemplates app) {
        List<Finding> findings = new ArrayList<>();
        List<Sg.Rule> rules = new ArrayList<>(Sg.rules(resource, false));
        rules.addAll(Sg.rules(resource, true));
        for (Sg.CidrRule r : Sg.cidrRules(rules, resource, app, findings)) {
            Sg.Rule rule = r.rule();
            CidrValue cidr = r.cidr();
            int limit = cidr.isIpv6() ? WIDE_IPV6_PREFIX : WIDE_IPV4_PREFIX;
            Optional<Integer> prefix = cidr.prefix();
            if (!cidr.isWorld() && prefix.isPresent() && prefix.get() < limit) {
                findings.add(Finding.of((rule.egress() ? "egress:" : "ingress:") + cidr.display(),
                        rule.where() + " names the wide range " + cidr.display() + ": reference the peers' security group"));
            }
        }
        return RuleResult.of(findings);
    }
}
