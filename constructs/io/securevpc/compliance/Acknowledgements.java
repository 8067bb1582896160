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
import software.constructs.IConstruct;

/**
 * The only way this project acknowledges a finding: on one resource, for one rule of one pack (granular id,
 * e.g. {@code NIST.800.53.R5-S3BucketReplicationEnabled}), with a reason that says why the finding cannot be
 * fixed. Acknowledging on a stack or a parent construct, or with a blank reason, is refused, so an
 * acknowledgement never hides a finding on a resource nobody looked at.
 *
 * <p>The id is the rule id as the pack reports it ({@code AwsSolutions-EC23},
 * {@code BlueprintChecks-SecurityGroupNoWorldIngress[0.0.0.0/0:tcp:22]}), or the id CDK's synth report prints
 * after "Acknowledge with" for a finding of the compliance gate ({@code SecureVpc-ComplianceGate::AwsSolutions-EC23},
 * {@value #GATE_ID_PREFIX} and the rule id), which is recorded as the rule id. The same problem reported by
 * several packs (world SSH is six findings in six packs) is acknowledged in one call with
 * {@link #acknowledgeAcrossPacks}; a construct warning ({@code Annotations.addWarningV2}) with
 * {@link #acknowledgeWarning}.
 *
 * <p>A BlueprintChecks id renamed in this release ({@link DeprecatedRuleIds}) is still accepted: it is recorded
 * under the rule's current id, so it acknowledges the same finding, and a synth warning names both ids.
 *
 * <p>Beside CDK's acknowledgement metadata, every call records who made it ({@value #SOURCE_METADATA}): the class
 * that called this helper and whether that class is one of the library's ({@value #SOURCE_LIBRARY}: a class of
 * the packages in {@link #LIBRARY_PACKAGES}) or not ({@value #SOURCE_APP}). The compliance gate lists every
 * acknowledgement with it; an acknowledgement recorded another way is the app's.
 */
public final class Acknowledgements {
    /** The id of the synth warning given for an acknowledgement that uses a deprecated rule id. */
    public static final String DEPRECATED_ID_WARNING = "securevpc:deprecated-rule-id";
    /**
     * What CDK's synth report prints before a rule id in "Acknowledge with '...'" for a finding of the compliance
     * gate (its plugin name, spaces as dashes, and {@code ::}); accepted and dropped by {@link #acknowledge}.
     */
    public static final String GATE_ID_PREFIX = "SecureVpc-ComplianceGate::";
    /** What CDK's synth report prints before the id of a construct warning; accepted by {@link #acknowledgeWarning}. */
    public static final String ANNOTATION_ID_PREFIX = "Annotation::";
    /** The metadata under which {@link #acknowledgeWarning} records the warning id and the reason. */
    public static final String ACKNOWLEDGED_WARNING_METADATA = "securevpc:acknowledged-warning";
    /** The shortest reason accepted, in characters (surrounding blanks not counted). */
    public static final int MIN_REASON_LENGTH = 40;
    /** The metadata under which each call records its source, the calling class and the ids it acknowledged. */
    public static final String SOURCE_METADATA = "securevpc:acknowledgement-source";
    /** Source of an acknowledgement made by a class of the library (one of {@link #LIBRARY_PACKAGES}). */
    public static final String SOURCE_LIBRARY = "library";
    /** Source of any other acknowledgement: the app's (or another library's) code, or recorded without this helper. */
    public static final String SOURCE_APP = "app";
    /**
     * The library's construct packages (each with its subpackages): a call from a class in one is the library's
     * default acknowledgement. A test checks that every library package calling this helper is listed.
     */
    public static final List<String> LIBRARY_PACKAGES = List.of("io.securevpc.network", "io.securevpc.endpoints",
            "io.securevpc.connectivity", "io.securevpc.audit", "io.securevpc.detection", "io.securevpc.iam",
            "io.securevpc.defaults", "io.securevpc.internal");
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final Pattern RULE_ID = Pattern.compile("^[A-Za-z0-9.]+-[A-Za-z0-9]+(\\[[^\\]]+\\])?$");

    private Acknowledgements() {
    }

    /**
     * Acknowledges each of {@code ruleIds} on {@code resource} with the same reason. To acknowledge a finding on
     * an L2 construct, pass its L1: {@code (CfnResource) l2.getNode().getDefaultChild()}.
     *
     * @param reason why the finding cannot be fixed, true of this resource; at least {@value #MIN_REASON_LENGTH}
     *     characters
     * @param ruleIds rule ids as the packs report them, or as CDK's report prints them for the gate's findings
     *     ({@value #GATE_ID_PREFIX}{@code <rule id>})
     */
    public static void acknowledge(final @NotNull CfnResource resource, final @NotNull String reason,
                                   final @NotNull String... ruleIds) {
        List<Problem> problems = new ArrayList<>();
        checkReason(reason, problems);
        if (ruleIds.length == 0) {
            problems.add(new Problem(ErrorCode.CONFLICTING_PROPS, "ruleIds", "(none)", "at least one rule id"));
        }
        for (String id : ruleIds) {
            if (id == null || !RULE_ID.matcher(withoutGatePrefix(id)).matches()) {
                problems.add(new Problem(ErrorCode.CONFLICTING_PROPS, "ruleIds", id == null ? "(unset)" : "'" + id + "'",
                        "a granular rule id such as AwsSolutions-EC23 or NIST.800.53.R5-VPCNoUnrestrictedRouteToIGW"
                                + " (or as the synth report prints it, " + GATE_ID_PREFIX + "AwsSolutions-EC23)"));
            }
        }
        if (!problems.isEmpty()) {
            throw new BlueprintValidationException("acknowledgement on " + resource.getNode().getPath(), problems);
        }
        List<Acknowledgment> plain = new ArrayList<>();
        for (String printed : ruleIds) {
            String given = withoutGatePrefix(printed);
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
        List<String> recorded = new ArrayList<>();
        for (String printed : ruleIds) {
            recorded.add(DeprecatedRuleIds.current(withoutGatePrefix(printed)));
        }
        recordSource(resource, recorded);
    }

    /**
     * Records who made an acknowledgement: the first class on the call stack other than this one, and whether it is
     * the library's.
     */
    private static void recordSource(final IConstruct resource, final List<String> ids) {
        String caller = WALKER.walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                .filter(c -> c != Acknowledgements.class)
                .findFirst().map(Class::getName).orElse(""));
        Map<String, Object> source = new java.util.LinkedHashMap<>();
        source.put("source", sourceOf(caller));
        source.put("by", caller);
        source.put("ids", List.copyOf(ids));
        resource.getNode().addMetadata(SOURCE_METADATA, source);
    }

    /** @return {@value #SOURCE_LIBRARY} for a class of {@link #LIBRARY_PACKAGES}, else {@value #SOURCE_APP}. */
    public static @NotNull String sourceOf(final @NotNull String className) {
        return LIBRARY_PACKAGES.stream().anyMatch(p -> className.startsWith(p + ".")) ? SOURCE_LIBRARY : SOURCE_APP;
    }

    /**
     * Acknowledges one problem on {@code resource} in every pack that reports it, with one reason: each of
     * {@code finding}'s rule ids ({@link CrossPackFinding#ruleIds()}), as {@link #acknowledge} does.
     */
    public static void acknowledgeAcrossPacks(final @NotNull CfnResource resource, final @NotNull String reason,
                                              final @NotNull CrossPackFinding finding) {
        acknowledge(resource, reason, finding.ruleIds().toArray(new String[0]));
    }

    /**
     * Acknowledges a construct warning (one added with {@code Annotations.addWarningV2}, printed by synth with
     * {@code "Acknowledge with 'Annotation::<id>'"}) on one resource: the construct that carries the warning, which must
     * be a {@code CfnResource} or the L2 of one (its default child is a {@code CfnResource}). The warning is
     * removed from that construct only (and its children), never from others with the same id, and the id and
     * reason are recorded in its metadata ({@value #ACKNOWLEDGED_WARNING_METADATA}).
     *
     * @param warningId the warning's id, with or without the {@value #ANNOTATION_ID_PREFIX} prefix the synth
     *     report prints, e.g. {@code @aws-cdk/aws-events:ruleUnresolvedEnvironment}
     */
    public static void acknowledgeWarning(final @NotNull IConstruct resource, final @NotNull String reason,
                                          final @NotNull String warningId) {
        List<Problem> problems = new ArrayList<>();
        checkReason(reason, problems);
        String id = warningId == null ? "" : warningId.startsWith(ANNOTATION_ID_PREFIX)
                ? warningId.substring(ANNOTATION_ID_PREFIX.length()) : warningId;
        if (id.isBlank() || id.contains("::")) {
            problems.add(new Problem(ErrorCode.CONFLICTING_PROPS, "warningId",
                    warningId == null ? "(unset)" : "'" + warningId + "'",
                    "the id of a construct warning, e.g. @aws-cdk/aws-events:ruleUnresolvedEnvironment"));
        }
        if (!(resource instanceof CfnResource) && !(resource.getNode().getDefaultChild() instanceof CfnResource)) {
            problems.add(new Problem(ErrorCode.CONFLICTING_PROPS, "resource", "'" + resource.getNode().getPath() + "'",
                    "one resource: a CfnResource or the L2 construct of one, never a stack or a group of resources"));
        }
        if (!problems.isEmpty()) {
            throw new BlueprintValidationException("acknowledgement on " + resource.getNode().getPath(), problems);
        }
        Annotations.of(resource).acknowledgeWarning(id, reason);
        resource.getNode().addMetadata(ACKNOWLEDGED_WARNING_METADATA, Collections.singletonMap(id, reason));
        recordSource(resource, List.of(ANNOTATION_ID_PREFIX + id));
    }

    private static void checkReason(final String reason, final List<Problem> problems) {
        if (reason == null || reason.strip().length() < MIN_REASON_LENGTH) {
            problems.add(new Problem(ErrorCode.CONFLICTING_PROPS, "reason", reason == null ? "(unset)" : "'" + reason + "'",
                    "a reason of at least " + MIN_REASON_LENGTH + " characters: why the finding cannot be fixed"));
        }
    }

    private static String withoutGatePrefix(final String id) {
        return id.startsWith(GATE_ID_PREFIX) ? id.substring(GATE_ID_PREFIX.length()) : id;
    }
}
