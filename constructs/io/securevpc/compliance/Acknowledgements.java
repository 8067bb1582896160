package io.securevpc.compliance;

import io.securevpc.BlueprintValidationException;
import io.securevpc.BlueprintValidationException.Problem;
import io.securevpc.ErrorCode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jetbrains.annotations.NotNull;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Validations;

/**
 * The only way this project acknowledges a finding: on one resource, for one rule of one pack (granular id,
 * e.g. {@code NIST.800.53.R5-S3BucketReplicationEnabled}), with a reason that says why the finding cannot be
 * fixed. Acknowledging on a stack or a parent construct, or with a blank reason, is refused, so an
 * acknowledgement never hides a finding on a resource nobody looked at.
 *
 * <p>A BlueprintChecks id renamed in this release ({@link DeprecatedRuleIds}) is still accepted: it is recorded
 * under the rule's current id, so it acknowledges the same finding, and a synth warning names both ids.
 */
public final class Acknowledgements {
    /** The id of the synth warning given for an acknowledgement that uses a deprecated rule id. */
    public static final String DEPRECATED_ID_WARNING = "securevpc:deprecated-rule-id";
    private static final Pattern RULE_ID = Pattern.compile("^[A-Za-z0-9.]+-[A-Za-z0-9]+(\\[[^\\]]+\\])?$");
    private static final int MIN_REASON_LENGTH = 40;

    private Acknowledgements() {
    }

    /** Acknowledges each of {@code ruleIds} on {@code resource} with the same reason. */
    public static void acknowledge(final @NotNull CfnResource resource, final @NotNull String reason,
                                   final @NotNull String... ruleIds) {
        List<Problem> problems = new ArrayList<>();
        if (reason == null || reason.strip().length() < MIN_REASON_LENGTH) {
            problems.add(new Problem(ErrorCode.CONFLICTING_PROPS, "reason", reason == null ? "(unset)" : "'" + reason + "'",
                    "a reason of at least " + MIN_REASON_LENGTH + " characters: why the finding cannot be fixed"));
        }
        if (ruleIds.length == 0) {
            problems.add(new Problem(ErrorCode.CONFLICTING_PROPS, "ruleIds", "(none)", "at least one rule id"));
        }
        for (String id : ruleIds) {
            if (id == null || !RULE_ID.matcher(id).matches()) {
                problems.add(new Problem(ErrorCode.CONFLICTING_PROPS, "ruleIds", id == null ? "(unset)" : "'" + id + "'",
                        "a granular rule id such as AwsSolutions-EC23 or NIST.800.53.R5-VPCNoUnrestrictedRouteToIGW"));
            }
        }
        if (!problems.isEmpty()) {
            throw new BlueprintValidationException("acknowledgement on " + resource.getNode().getPath(), problems);
        }
        List<Acknowledgment> plain = new ArrayList<>();
        for (String given : ruleIds) {
            String id = DeprecatedRuleIds.current(given);
            if (!id.equals(given)) {
                Annotations.of(resource).addWarningV2(DEPRECATED_ID_WARNING, DeprecatedRuleIds.warning(given, id));
            }
            if (id.split("::", -1).length > 2) {
                // A granular finding that names a pseudo parameter (e.g. Resource::arn:...:<AWS::AccountId>:...)
                // holds more "::" than CDK's id check accepts; record it exactly as acknowledge() records an id.
                resource.getNode().addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY,
                        Collections.singletonMap(id, reason));
            } else {
                plain.add(Acknowledgment.builder().id(id).reason(reason).build());
            }
        }
        if (!plain.isEmpty()) {
            // One call for all of them: each call into CDK is a round trip to its JavaScript process.
            Validations.of(resource).acknowledge(plain.toArray(new Acknowledgment[0]));
        }
    }
}
