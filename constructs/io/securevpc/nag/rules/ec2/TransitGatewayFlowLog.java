package io.securevpc.nag.rules.ec2;

import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.TemplateResource;
import io.securevpc.nag.rules.BlueprintRule;
import io.securevpc.nag.rules.RuleResult;
import java.util.Set;
import org.jetbrains.annotations.NotNull;

/**
 * BP-MON-1: every Transit Gateway has a flow log ({@code ResourceType TransitGateway}) somewhere in the app: in its own
 * stack or in another one that imports its id. VPC flow logs do not record what crosses the hub between attachments.
 */
public final class TransitGatewayFlowLog implements BlueprintRule {
    static final String TRANSIT_GATEWAY = "AWS::EC2::TransitGateway";

    @Override
    public @NotNull Set<String> resourceTypes() {
        return Set.of(TRANSIT_GATEWAY);
    }

    @Override
    public @NotNull RuleResult check(final @NotNull TemplateResource resource, final @NotNull AppTemplates app) {
        boolean logged = app.ofType(FlowLogs.FLOW_LOG).stream()
                .filter(f -> "TransitGateway".equals(f.prop("ResourceType").asText()))
                .anyMatch(f -> app.target(f.stack(), f.prop("ResourceId")).map(t -> t == resource).orElse(false));
        return logged ? RuleResult.compliant()
                : RuleResult.nonCompliant("no flow log of this Transit Gateway in the app");
    }
}
