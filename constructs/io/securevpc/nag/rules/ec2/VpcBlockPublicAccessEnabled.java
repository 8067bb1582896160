package io.securevpc.nag.rules.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import io.securevpc.compliance.AuditBaselineDeclaration;
import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.StackTemplate;
import io.securevpc.nag.model.TemplateResource;
import io.securevpc.nag.rules.BlueprintRule;
import io.securevpc.nag.rules.RuleResult;
import java.util.Set;
import org.jetbrains.annotations.NotNull;

/**
 * BP-NET-10: the account and region of every VPC has VPC Block Public Access on: an
 * {@code AWS::EC2::VPCBlockPublicAccessOptions} with {@code InternetGatewayBlockMode} {@code block-bidirectional} or
 * {@code block-ingress} in a stack of the app of the same account and region (as the cloud assembly writes them;
 * environment-agnostic stacks share the {@code unknown-account} / {@code unknown-region} environment), or an
 * {@link AuditBaselineDeclaration} covering {@value AuditBaselineDeclaration#VPC_BLOCK_PUBLIC_ACCESS} in such a stack
 * (Block Public Access managed outside the app, e.g. by the organization's declarative policies). Block Public Access
 * overrides routes and security groups: a VPC added later, by anyone, is not reachable from the internet.
 */
public final class VpcBlockPublicAccessEnabled implements BlueprintRule {
    static final String OPTIONS = "AWS::EC2::VPCBlockPublicAccessOptions";

    @Override
    public @NotNull Set<String> resourceTypes() {
        return Set.of("AWS::EC2::VPC");
    }

    @Override
    public @NotNull RuleResult check(final @NotNull TemplateResource resource, final @NotNull AppTemplates app) {
        StackTemplate own = resource.stack();
        for (StackTemplate s : app.stacks().values()) {
            if (!s.account().equals(own.account()) || !s.region().equals(own.region())) {
                continue;
            }
            boolean on = s.ofType(OPTIONS).stream().map(o -> o.prop("InternetGatewayBlockMode").asText())
                    .anyMatch(m -> "block-bidirectional".equals(m) || "block-ingress".equals(m));
            if (on || declares(s)) {
                return RuleResult.compliant();
            }
        }
        return RuleResult.nonCompliant("no VPC Block Public Access options in account " + own.account() + " region "
                + own.region() + " of the app, and no declaration that they are managed elsewhere");
    }

    private static boolean declares(final StackTemplate stack) {
        JsonNode declaration = stack.metadata(AuditBaselineDeclaration.METADATA_KEY);
        if (!declaration.path("reason").isTextual() || declaration.path("reason").asText().isBlank()) {
            return false;
        }
        for (JsonNode covered : declaration.path("covers")) {
            if (AuditBaselineDeclaration.VPC_BLOCK_PUBLIC_ACCESS.equals(covered.asText())) {
                return true;
            }
        }
        return false;
    }
}
