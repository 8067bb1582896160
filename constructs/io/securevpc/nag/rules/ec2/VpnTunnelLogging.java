package io.securevpc.nag.rules.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.TemplateResource;
import io.securevpc.nag.rules.BlueprintRule;
import io.securevpc.nag.rules.Finding;
import io.securevpc.nag.rules.RuleResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jetbrains.annotations.NotNull;

/**
 * BP-MON-1: both tunnels of a Site-to-Site VPN connection send their logs (IKE negotiation, tunnel state, dead-peer
 * detection) to CloudWatch Logs: {@code LogOptions.CloudwatchLogOptions.LogEnabled} true with a {@code LogGroupArn}.
 * Tunnel logging is off unless set. One finding per tunnel, e.g. {@code [Tunnel0]}, or
 * {@code [VpnTunnelOptionsSpecifications]} when no tunnel has options.
 */
public final class VpnTunnelLogging implements BlueprintRule {
    @Override
    public @NotNull Set<String> resourceTypes() {
        return Set.of(VpnTunnelStrongCrypto.VPN);
    }

    @Override
    public @NotNull RuleResult check(final @NotNull TemplateResource resource, final @NotNull AppTemplates app) {
        JsonNode tunnels = resource.prop("VpnTunnelOptionsSpecifications");
        if (!tunnels.isArray() || tunnels.isEmpty()) {
            return RuleResult.of(List.of(Finding.of("VpnTunnelOptionsSpecifications",
                    "no tunnel options: tunnel logging is off on both tunnels")));
        }
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String id = "Tunnel" + i;
            // a connection has two tunnels: a missing second specification leaves the second without logs
            JsonNode options = i < tunnels.size() ? tunnels.get(i).path("LogOptions").path("CloudwatchLogOptions")
                    : null;
            if (options == null || options.isMissingNode()) {
                findings.add(Finding.of(id, id + " sends no logs to CloudWatch Logs"));
                continue;
            }
            JsonNode enabled = options.path("LogEnabled");
            if (!enabled.isBoolean() && !enabled.isTextual() && !enabled.isMissingNode()) {
                findings.add(Finding.cannotCheck(id + ".LogEnabled", AppTemplates.render(enabled)));
            } else if (!"true".equalsIgnoreCase(enabled.asText()) || options.path("LogGroupArn").isMissingNode()) {
                findings.add(Finding.of(id, id + " logging is not enabled with a log group"));
            }
        }
        return RuleResult.of(findings);
    }
}
