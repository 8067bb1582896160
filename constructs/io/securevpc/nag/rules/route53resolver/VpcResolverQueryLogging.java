package io.securevpc.nag.rules.route53resolver;

import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.TemplateResource;
import io.securevpc.nag.rules.BlueprintRule;
import io.securevpc.nag.rules.RuleResult;
import java.util.Set;
import org.jetbrains.annotations.NotNull;

/**
 * BP-MON-1, BP-NET-6: every VPC has its DNS queries logged: an {@code AWS::Route53Resolver::ResolverQueryLoggingConfig
 * Association} somewhere in the app whose {@code ResourceId} is the VPC (in its own stack or in another one that
 * imports the VPC id). Flow logs do not record queries to the Amazon-provided resolver, and neither security groups
 * nor NACLs see them: without query logs, a lookup of a malicious domain leaves no trace the account owns.
 */
public final class VpcResolverQueryLogging implements BlueprintRule {
    static final String ASSOCIATION = "AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation";

    @Override
    public @NotNull Set<String> resourceTypes() {
        return Set.of("AWS::EC2::VPC");
    }

    @Override
    public @NotNull RuleResult check(final @NotNull TemplateResource resource, final @NotNull AppTemplates app) {
        boolean logged = app.ofType(ASSOCIATION).stream().anyMatch(a ->
                app.target(a.stack(), a.prop("ResourceId")).map(v -> v == resource).orElse(false));
        return logged ? RuleResult.compliant()
                : RuleResult.nonCompliant("no Resolver query logging configuration is associated with this VPC");
    }
}
