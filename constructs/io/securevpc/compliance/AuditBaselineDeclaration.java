package io.securevpc.compliance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jetbrains.annotations.NotNull;
import software.amazon.awscdk.Stack;

/**
 * An app's declaration that its account already has (parts of) the audit baseline, managed outside the app:
 * top-level template metadata {@value #METADATA_KEY} = {@code {"reason": ..., "covers": [...]}}, so an imported
 * template can carry it too. BlueprintChecks' {@code AuditBaselinePresent} reads it for the whole app (BP-AUD-1,
 * BP-AUD-2, BP-MON-2); {@code AuditBaselineComplete} reads it for the account (CloudTrail, alarms) or the account
 * and region (Config, its rules, GuardDuty) of the stack that carries it (BP-AUD-1..3, BP-MON-2/3).
 */
public final class AuditBaselineDeclaration {
    /** Top-level template metadata key of the declaration. */
    public static final String METADATA_KEY = "securevpc:existing-audit-baseline";
    /** A multi-region CloudTrail trail with log file validation. */
    public static final String CLOUDTRAIL = "CloudTrail";
    /** An AWS Config configuration recorder. */
    public static final String CONFIG = "Config";
    /** An enabled GuardDuty detector. */
    public static final String GUARDDUTY = "GuardDuty";
    /** The VPC rules of AWS Config that the blueprint deploys (ConfigBaseline's). */
    public static final String CONFIG_RULES = "ConfigRules";
    /** Metric filters and alarms on the trail's CloudWatch Logs group, notifying an SNS topic. */
    public static final String TRAIL_ALARMS = "TrailAlarms";
    /**
     * VPC Block Public Access options of the account and region, managed outside the app (BlueprintChecks'
     * {@code VpcBlockPublicAccessEnabled}, BP-NET-10; read for the account and region of the declaring stack).
     */
    public static final String VPC_BLOCK_PUBLIC_ACCESS = "VpcBlockPublicAccess";

    private AuditBaselineDeclaration() {
    }

    /**
     * Declares in {@code stack}'s template that the account already has the given parts of the audit baseline
     * ({@link #CLOUDTRAIL}, {@link #CONFIG}, {@link #GUARDDUTY}, {@link #CONFIG_RULES}, {@link #TRAIL_ALARMS}),
     * with the reason (e.g. "organization trail and
     * delegated GuardDuty administrator in the security account").
     */
    public static void declare(final @NotNull Stack stack, final @NotNull String reason,
                               final @NotNull List<String> covers) {
        Map<String, Object> declaration = new LinkedHashMap<>();   // a fixed order: Map.of's changes between runs
        declaration.put("reason", reason);
        declaration.put("covers", List.copyOf(covers));
        stack.addMetadata(METADATA_KEY, declaration);
    }
}
