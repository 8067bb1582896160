package io.securevpc.nag.rules.ec2;

import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.TemplateResource;
import io.securevpc.nag.rules.BlueprintRule;
import io.securevpc.nag.rules.RuleResult;
import java.util.List;
import java.util.Set;
import org.jetbrains.annotations.NotNull;

/**
 * BP-MON-1: every VPC has a flow log of all traffic ({@code TrafficType ALL}, not only accepted or rejected)
 * somewhere in the app: in its own stack or in another one that imports the VPC id. A flow log whose traffic
 * type is an unresolved intrinsic does not count.
 */
public final class VpcFlowLogAllTraffic implements BlueprintRule {
    @Override
    public @NotNull Set<String> resourceTypes() {
        return Set.of(FlowLogs.VPC);
    }

    @Override
    public @NotNull RuleResult check(final @NotNull TemplateResource resource, final @NotNull AppTemplates app) {
        List<TemplateResource> ofVpc = app.ofType(FlowLogs.FLOW_LOG).stream()
                .filter(f -> "VPC".equals(f.prop("ResourceType").asText()))
                .filter(f -> app.target(f.stack(), f.prop("ResourceId")).map(v -> v == resource).orElse(false))
                .toList();
        if (ofVpc.stream().anyMatch(f -> "ALL".equals(f.prop("TrafficType").asText()))) {
            return RuleResult.compliant();
        }
        return RuleResult.nonCompliant(ofVpc.isEmpty() ? "no flow log of this VPC in the app"
                : "the VPC's flow logs capture only " + ofVpc.stream().map(f -> f.prop("TrafficType").toString())
                        .distinct().toList() + " traffic, not ALL");
    }
}
