package io.securevpc.nag.rules.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.securevpc.compliance.AuditBaselineDeclaration;
import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.StackTemplate;
import io.securevpc.nag.model.TemplateResource;
import io.securevpc.nag.rules.BlueprintRule;
import io.securevpc.nag.rules.Finding;
import io.securevpc.nag.rules.RuleResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jetbrains.annotations.NotNull;

/**
 * BP-AUD-1, BP-AUD-2, BP-MON-2: an app that creates a VPC also has, somewhere in the app, a multi-region
 * CloudTrail trail with log file validation that is logging, an AWS Config configuration recorder, and an
 * enabled GuardDuty detector, or declares that the account already has them. The declaration is template
 * metadata (so it also works for an imported template): see {@link AuditBaselineDeclaration}; one finding per
 * missing part ({@code CloudTrail}, {@code Config}, {@code GuardDuty}).
 *
 * <p>The baseline is a property of the app, not of a VPC, so the rule reports on the first VPC of each stack
 * only (in template order): a stack of several VPCs gives its findings once, and acknowledging them is one call
 * on that VPC.
 */
public final class AuditBaselinePresent implements BlueprintRule {
    /** Top-level template metadata key of the declaration. */
    public static final String DECLARATION_KEY = AuditBaselineDeclaration.METADATA_KEY;
    public static final String CLOUDTRAIL = AuditBaselineDeclaration.CLOUDTRAIL;
    public static final String CONFIG = AuditBaselineDeclaration.CONFIG;
    public static final String GUARDDUTY = AuditBaselineDeclaration.GUARDDUTY;

    @Override
    public @NotNull Set<String> resourceTypes() {
        return Set.of("AWS::EC2::VPC");
    }

    @Override
    public @NotNull RuleResult check(final @NotNull TemplateResource resource, final @NotNull AppTemplates app) {
        if (!isFirstVpcOfItsStack(resource)) {
            return RuleResult.notApplicable();
        }
        List<Finding> findings = new ArrayList<>();
        boolean trail = app.ofType("AWS::CloudTrail::Trail").stream().anyMatch(t -> isTrue(t.prop("IsMultiRegionTrail"))
                && isTrue(t.prop("EnableLogFileValidation")) && !"false".equalsIgnoreCase(t.prop("IsLogging").asText()));
        if (!trail && !declared(app, CLOUDTRAIL)) {
            findings.add(Finding.of(CLOUDTRAIL, "No multi-region trail with log file validation in the app"));
        }
        if (app.ofType("AWS::Config::ConfigurationRecorder").isEmpty() && !declared(app, CONFIG)) {
            findings.add(Finding.of(CONFIG, "No AWS Config configuration recorder in the app"));
        }
        boolean detector = app.ofType("AWS::GuardDuty::Detector").stream().anyMatch(d -> isTrue(d.prop("Enable")));
        if (!detector && !declared(app, GUARDDUTY)) {
            findings.add(Finding.of(GUARDDUTY, "No enabled GuardDuty detector in the app"));
        }
        return RuleResult.of(findings);
    }

    private static boolean isFirstVpcOfItsStack(final TemplateResource vpc) {
        List<TemplateResource> vpcs = vpc.stack().ofType(vpc.type());
        return vpcs.isEmpty() || vpcs.get(0).logicalId().equals(vpc.logicalId());
    }

    private static boolean isTrue(final JsonNode v) {
        return v.isValueNode() && "true".equalsIgnoreCase(v.asText());
    }

    private static boolean declared(final AppTemplates app, final String part) {
        for (StackTemplate s : app.stacks().values()) {
            JsonNode declaration = s.metadata(DECLARATION_KEY);
            JsonNode reason = declaration.path("reason");
            if (reason.isTextual() && !reason.asText().isBlank()) {
                for (JsonNode covered : declaration.path("covers")) {
                    if (part.equals(covered.asText())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Declares in {@code stack}'s template that the account already has the given parts of the audit baseline
     * ({@link #CLOUDTRAIL}, {@link #CONFIG}, {@link #GUARDDUTY}), managed outside this app, with the reason:
     * {@link AuditBaselineDeclaration#declare}, which constructs and apps can call without depending on the pack.
     */
    public static void declareExisting(final software.amazon.awscdk.@NotNull Stack stack, final @NotNull String reason,
                                       final @NotNull List<String> covers) {
        AuditBaselineDeclaration.declare(stack, reason, covers);
    }
}
