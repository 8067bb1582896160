package io.securevpc.nag.rules.ec2;

import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.TemplateResource;
import io.securevpc.nag.rules.BlueprintRule;
import io.securevpc.nag.rules.Finding;
import io.securevpc.nag.rules.RuleResult;
import io.securevpc.nag.rules.Sg;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jetbrains.annotations.NotNull;

/**
 * BP-NET-2, BP-IAM-1: no egress of every protocol to 0.0.0.0/0 or ::/0. A group with no egress rule at all
 * (no {@code SecurityGroupEgress} and no standalone egress resource for it in the app) gets AWS's default
 * allow-all egress, so it counts as allow-all too.
 */
public final class SecurityGroupNoAllowAllEgress implements BlueprintRule {
    @Override
    public @NotNull Set<String> resourceTypes() {
        return Set.of(Sg.GROUP, Sg.EGRESS);
    }

    @Override
    public @NotNull RuleResult check(final @NotNull TemplateResource resource, final @NotNull AppTemplates app) {
        List<Finding> findings = new ArrayList<>();
        if (Sg.GROUP.equals(resource.type()) && !resource.properties().has("SecurityGroupEgress")
                && app.ofType(Sg.EGRESS).stream().noneMatch(e -> app.target(e.stack(), e.prop("GroupId"))
                        .map(g -> g == resource).orElse(false))) {
            findings.add(Finding.of("default-egress",
                    "no egress rule: AWS adds its default allow-all egress (0.0.0.0/0, all protocols)"));
        }
        for (Sg.CidrRule r : Sg.cidrRules(Sg.rules(resource, true), resource, app, findings)) {
            if (r.cidr().isWorld() && Sg.protocol(r.rule()).map("all"::equals).orElse(false)) {
                findings.add(Finding.of(r.cidr().literal() + ":all",
                        r.rule().where() + " allows all traffic to " + r.cidr().literal()));
            }
        }
        return RuleResult.of(findings);
    }
}
