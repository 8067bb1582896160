package io.securevpc.compliance;

import java.util.Map;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * The BlueprintChecks rule ids renamed when ids became the rules' class names (as cdk-nag derives a rule's id
 * from its file name). For one release an acknowledgement may still use an old id: {@link Acknowledgements}
 * records it under the current id, and the pack also honours an old id recorded directly with
 * {@code Validations.of(resource).acknowledge(...)}; both warn, naming the old and the new id.
 * Deprecated: this table goes away in the next release.
 */
public final class DeprecatedRuleIds {
    /** Old rule id → current rule id (pack prefix included, granular part excluded). */
    public static final Map<String, String> RENAMED = Map.ofEntries(
            Map.entry("BlueprintChecks-VPCFlowLogAllTraffic", "BlueprintChecks-VpcFlowLogAllTraffic"),
            Map.entry("BlueprintChecks-NACLNoUnrestrictedAdminOrAllPorts",
                    "BlueprintChecks-NetworkAclNoUnrestrictedAdminOrAllPorts"),
            Map.entry("BlueprintChecks-NACLDenyBeforeAllow", "BlueprintChecks-NetworkAclDenyBeforeAllow"),
            Map.entry("BlueprintChecks-NACLEphemeralReturn", "BlueprintChecks-NetworkAclEphemeralReturn"),
            Map.entry("BlueprintChecks-NACLAssociated", "BlueprintChecks-NetworkAclAssociated"),
            Map.entry("BlueprintChecks-PrivateRouteTableNoIGWRoute", "BlueprintChecks-RouteTableNoIgwRouteFromPrivateTier"),
            Map.entry("BlueprintChecks-DefaultRouteToIGWOnlyFromPublicTier",
                    "BlueprintChecks-DefaultRouteToIgwOnlyFromPublicTier"),
            Map.entry("BlueprintChecks-VPCEndpointPolicyRestricted", "BlueprintChecks-VpcEndpointPolicyRestricted"),
            Map.entry("BlueprintChecks-InterfaceEndpointPrivateDNS", "BlueprintChecks-InterfaceEndpointPrivateDns"),
            Map.entry("BlueprintChecks-PeeringNoOverlappingCIDRs", "BlueprintChecks-PeeringNoOverlappingCidrs"),
            Map.entry("BlueprintChecks-RoleSeparatesSecurityGroupAndNACLDuties",
                    "BlueprintChecks-RoleSeparatesSecurityGroupAndNaclDuties"));

    private DeprecatedRuleIds() {
    }

    /**
     * @return {@code id} with an old rule id replaced by the current one, the granular part kept
     *     ({@code BlueprintChecks-NACLDenyBeforeAllow[ingress-200]} gives
     *     {@code BlueprintChecks-NetworkAclDenyBeforeAllow[ingress-200]}); any other id unchanged
     */
    public static @NotNull String current(final @NotNull String id) {
        int bracket = id.indexOf('[');
        String rule = bracket < 0 ? id : id.substring(0, bracket);
        String renamed = RENAMED.get(rule);
        return renamed == null ? id : renamed + id.substring(rule.length());
    }

    /** @return the old form of a current id (granular part kept), or {@code null} when its rule was not renamed. */
    public static @Nullable String old(final @NotNull String id) {
        int bracket = id.indexOf('[');
        String rule = bracket < 0 ? id : id.substring(0, bracket);
        return RENAMED.entrySet().stream().filter(e -> e.getValue().equals(rule)).findFirst()
                .map(e -> e.getKey() + id.substring(rule.length())).orElse(null);
    }

    /** @return the deprecation warning for an acknowledgement that uses {@code oldId}. */
    public static @NotNull String warning(final @NotNull String oldId, final @NotNull String currentId) {
        return "Rule id " + oldId + " is deprecated and will stop being accepted in the next release: acknowledge "
                + currentId + " instead.";
    }
}
