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
 * BP-NET-11, BP-MV-1: both tunnels of a Site-to-Site VPN connection allow only IKEv2, AES-256 (CBC or GCM), SHA-2
 * integrity and Diffie-Hellman groups 14 to 21 in both phases. A list left unset allows AWS's defaults, which
 * include IKEv1, AES-128, SHA-1 and DH groups 2, 5, 22, 23 and 24; a connection without
 * {@code VpnTunnelOptionsSpecifications} allows them on both tunnels. One finding per tunnel and option, e.g.
 * {@code [Tunnel0.IKEVersions]}, or {@code [VpnTunnelOptionsSpecifications]}.
 */
public final class VpnTunnelStrongCrypto implements BlueprintRule {
    static final String VPN = "AWS::EC2::VPNConnection";
    private static final Set<String> IKE = Set.of("ikev2");
    private static final Set<String> CIPHERS = Set.of("AES256", "AES256-GCM-16");
    private static final Set<String> INTEGRITY = Set.of("SHA2-256", "SHA2-384", "SHA2-512");
    private static final Set<String> DH_GROUPS = Set.of("14", "15", "16", "17", "18", "19", "20", "21");

    @Override
    public @NotNull Set<String> resourceTypes() {
        return Set.of(VPN);
    }

    @Override
    public @NotNull RuleResult check(final @NotNull TemplateResource resource, final @NotNull AppTemplates app) {
        JsonNode tunnels = resource.prop("VpnTunnelOptionsSpecifications");
        if (!tunnels.isArray() || tunnels.isEmpty()) {
            return RuleResult.of(List.of(Finding.of("VpnTunnelOptionsSpecifications", "no tunnel options: both "
                    + "tunnels take AWS's defaults, which allow IKEv1, AES-128, SHA-1 and DH groups 2, 5, 22-24")));
        }
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < tunnels.size(); i++) {
            JsonNode t = tunnels.get(i);
            check(findings, i, t, "IKEVersions", IKE);
            for (String phase : List.of("Phase1", "Phase2")) {
                check(findings, i, t, phase + "EncryptionAlgorithms", CIPHERS);
                check(findings, i, t, phase + "IntegrityAlgorithms", INTEGRITY);
                check(findings, i, t, phase + "DHGroupNumbers", DH_GROUPS);
            }
        }
        if (tunnels.size() == 1) {
            findings.add(Finding.of("Tunnel1", "only the first tunnel has options: the second takes AWS's defaults"));
        }
        return RuleResult.of(findings);
    }

    private static void check(final List<Finding> findings, final int tunnel, final JsonNode options,
                              final String property, final Set<String> allowed) {
        String id = "Tunnel" + tunnel + "." + property;
        JsonNode list = options.path(property);
        if (!list.isArray() || list.isEmpty()) {
            findings.add(Finding.of(id, id + " is unset: AWS's defaults include weak values"));
            return;
        }
        List<String> weak = new ArrayList<>();
        for (JsonNode v : list) {
            JsonNode value = v.path("Value");
            if (!value.isValueNode()) {
                findings.add(Finding.cannotCheck(id, AppTemplates.render(v)));
                return;
            }
            if (!allowed.contains(value.asText())) {
                weak.add(value.asText());
            }
        }
        if (!weak.isEmpty()) {
            findings.add(Finding.of(id, id + " allows " + weak + "; allowed: " + allowed.stream().sorted().toList()));
        }
    }
}
