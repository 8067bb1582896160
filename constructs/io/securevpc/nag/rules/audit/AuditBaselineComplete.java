package io.securevpc.nag.rules.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.securevpc.audit.SecurityEvent;
import io.securevpc.compliance.AuditBaselineDeclaration;
import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.StackTemplate;
import io.securevpc.nag.model.TemplateResource;
import io.securevpc.nag.rules.BlueprintRule;
import io.securevpc.nag.rules.Finding;
import io.securevpc.nag.rules.RuleResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.jetbrains.annotations.NotNull;

/**
 * BP-AUD-1..3, BP-MON-2, BP-MON-3: the audit baseline of the account and region of every VPC is complete. For the
 * environment of the VPC's stack (as the cloud assembly writes it; environment-agnostic stacks share the
 * {@code unknown-account} / {@code unknown-region} environment), the stacks of the app in the same account, or the
 * same account and region, hold:
 * <ul>
 *   <li>{@code CloudTrail}: a multi-region trail with log file validation that is logging (in the account);</li>
 *   <li>{@code ConfigRecorder}: a Config recorder of all supported resource types (in the account and region);</li>
 *   <li>{@code ConfigGlobalResources}: a recorder that includes global resource types (IAM), in one region of
 *       the account;</li>
 *   <li>{@code ConfigRules}: the VPC rules of AWS Config that the blueprint deploys ({@link #VPC_CONFIG_RULES});</li>
 *   <li>{@code GuardDuty}: an enabled detector (in the account and region);</li>
 *   <li>{@code TrailAlarms}: for every {@link SecurityEvent}, a metric filter with its pattern on the trail's
 *       CloudWatch Logs group and an alarm on that filter's metric (in the account);</li>
 *   <li>{@code AlertTopic}: each of those alarms notifies an SNS topic (whether anyone is subscribed to the topic
 *       is {@link AlertTopicSubscribed}'s check).</li>
 * </ul>
 * One finding per missing part, naming what is missing. {@link AuditBaselineDeclaration} parts declared in a stack of
 * the same account or the same account and region stand for what lives outside the app: {@code CloudTrail} (in the
 * account) for the trail and the alarms on its log group, which the app cannot see; {@code TrailAlarms} (in the
 * account) for the alarms and their topic only; {@code Config} (in the account and region) for the recorder and its
 * rules, {@code Config} in any region of the account for the recording of global types; {@code ConfigRules} (in
 * the account and region) for the rules only; {@code GuardDuty} (in the account and region) for the detector. A
 * declaration made for {@code AuditBaselinePresent} (CloudTrail, Config, GuardDuty) so covers every part.
 * Like {@link AuditBaselinePresent}, the rule reports on the first VPC of each stack only.
 */
public final class AuditBaselineComplete implements BlueprintRule {
    /** The managed rule identifiers of the VPC rules ConfigBaseline deploys. */
    public static final List<String> VPC_CONFIG_RULES = List.of("VPC_FLOW_LOGS_ENABLED",
            "VPC_DEFAULT_SECURITY_GROUP_CLOSED", "INCOMING_SSH_DISABLED", "RESTRICTED_INCOMING_TRAFFIC",
            "VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS", "NACL_NO_UNRESTRICTED_SSH_RDP",
            "SUBNET_AUTO_ASSIGN_PUBLIC_IP_DISABLED", "NO_UNRESTRICTED_ROUTE_TO_IGW",
            "INTERNET_GATEWAY_AUTHORIZED_VPC_ONLY", "EC2_INSTANCE_NO_PUBLIC_IP");

    public static final String CLOUDTRAIL = "CloudTrail";
    public static final String CONFIG_RECORDER = "ConfigRecorder";
    public static final String CONFIG_GLOBAL_RESOURCES = "ConfigGlobalResources";
    public static final String CONFIG_RULES = "ConfigRules";
    public static final String GUARDDUTY = "GuardDuty";
    public static final String TRAIL_ALARMS = "TrailAlarms";
    public static final String ALERT_TOPIC = "AlertTopic";

    @Override
    public @NotNull Set<String> resourceTypes() {
        return Set.of("AWS::EC2::VPC");
    }

    @Override
    public @NotNull RuleResult check(final @NotNull TemplateResource resource, final @NotNull AppTemplates app) {
        List<TemplateResource> vpcs = resource.stack().ofType(resource.type());
        if (!vpcs.isEmpty() && !vpcs.get(0).logicalId().equals(resource.logicalId())) {
            return RuleResult.notApplicable();
        }
        Place place = new Place(app, resource.stack());
        List<Finding> findings = new ArrayList<>();
        List<TemplateResource> trails = place.inAccount("AWS::CloudTrail::Trail").stream()
                .filter(t -> isTrue(t.prop("IsMultiRegionTrail")) && isTrue(t.prop("EnableLogFileValidation"))
                        && !"false".equalsIgnoreCase(t.prop("IsLogging").asText()))
                .toList();
        if (trails.isEmpty() && !place.declared(AuditBaselineDeclaration.CLOUDTRAIL, false)) {
            findings.add(Finding.of(CLOUDTRAIL, "No multi-region trail with log file validation in account "
                    + place.account()));
        }
        checkRecorders(place, findings);
        checkConfigRules(place, findings);
        boolean detector = place.inRegion("AWS::GuardDuty::Detector").stream().anyMatch(d -> isTrue(d.prop("Enable")));
        if (!detector && !place.declared(AuditBaselineDeclaration.GUARDDUTY, true)) {
            findings.add(Finding.of(GUARDDUTY, "No enabled GuardDuty detector in " + place));
        }
        if (!place.declared(AuditBaselineDeclaration.TRAIL_ALARMS, false)
                && !place.declared(AuditBaselineDeclaration.CLOUDTRAIL, false)) {
            checkAlarms(app, place, trails, findings);
        }
        return RuleResult.of(findings);
    }

    private static void checkRecorders(final Place place, final List<Finding> findings) {
        if (place.declared(AuditBaselineDeclaration.CONFIG, true)) {
            return;
        }
        List<TemplateResource> recorders = place.inRegion("AWS::Config::ConfigurationRecorder");
        if (recorders.stream().noneMatch(r -> !r.prop("RecordingGroup").isObject()
                || isTrue(r.prop("RecordingGroup").path("AllSupported")))) {
            findings.add(Finding.of(CONFIG_RECORDER, recorders.isEmpty()
                    ? "No AWS Config recorder in " + place
                    : "No AWS Config recorder of all supported resource types (AllSupported) in " + place));
        }
        boolean global = place.inAccount("AWS::Config::ConfigurationRecorder").stream()
                .anyMatch(r -> isTrue(r.prop("RecordingGroup").path("IncludeGlobalResourceTypes")));
        if (!global && !place.declared(AuditBaselineDeclaration.CONFIG, false)) {
            findings.add(Finding.of(CONFIG_GLOBAL_RESOURCES, "No AWS Config recorder in account " + place.account()
                    + " records global resource types (IncludeGlobalResourceTypes)"));
        }
    }

    private static void checkConfigRules(final Place place, final List<Finding> findings) {
        if (place.declared(AuditBaselineDeclaration.CONFIG_RULES, true)
                || place.declared(AuditBaselineDeclaration.CONFIG, true)) {
            return;
        }
        Set<String> present = new LinkedHashSet<>();
        for (TemplateResource rule : place.inRegion("AWS::Config::ConfigRule")) {
            JsonNode source = rule.prop("Source");
            if ("AWS".equals(source.path("Owner").asText())) {
                present.add(source.path("SourceIdentifier").asText());
            }
        }
        List<String> missing = VPC_CONFIG_RULES.stream().filter(r -> !present.contains(r)).toList();
        if (!missing.isEmpty()) {
            findings.add(Finding.of(CONFIG_RULES, "AWS Config rules missing in " + place + ": " + missing));
        }
    }

    /**
     * The alarm set: a metric filter per security event on the trail's log group (any log group, when the trail
     * itself is declared), an alarm on its metric, and an SNS action on every such alarm.
     */
    private static void checkAlarms(final AppTemplates app, final Place place, final List<TemplateResource> trails,
                                    final List<Finding> findings) {
        Set<String> logGroups = new LinkedHashSet<>();
        trails.forEach(t -> logGroups.add(logGroupKey(app, t.stack(), t.prop("CloudWatchLogsLogGroupArn"))));
        logGroups.remove(null);
        Predicate<String> onTrailLogGroup = trails.isEmpty() ? key -> key != null : logGroups::contains;
        List<TemplateResource> filters = place.inAccount("AWS::Logs::MetricFilter");
        List<TemplateResource> alarms = place.inAccount("AWS::CloudWatch::Alarm");
        List<String> unwatched = new ArrayList<>();
        List<String> silent = new ArrayList<>();
        for (SecurityEvent event : SecurityEvent.values()) {
            Optional<TemplateResource> alarm = filters.stream()
                    .filter(f -> event.pattern().equals(f.prop("FilterPattern").asText())
                            && onTrailLogGroup.test(logGroupKey(app, f.stack(), f.prop("LogGroupName"))))
                    .flatMap(f -> alarmsOn(f, alarms).stream()).findFirst();
            if (alarm.isEmpty()) {
                unwatched.add(event.metricName());
            } else if (!notifiesATopic(app, alarm.get())) {
                silent.add(alarm.get().logicalId());
            }
        }
        if (!unwatched.isEmpty()) {
            findings.add(Finding.of(TRAIL_ALARMS, (trails.isEmpty() ? "No metric filter and alarm in account "
                    + place.account() : "No metric filter and alarm on the trail's log group") + " for "
                    + unwatched));
        }
        if (!silent.isEmpty()) {
            findings.add(Finding.of(ALERT_TOPIC, "Alarms notifying no SNS topic: " + silent));
        }
    }

    private static List<TemplateResource> alarmsOn(final TemplateResource filter, final List<TemplateResource> alarms) {
        List<TemplateResource> out = new ArrayList<>();
        for (JsonNode t : filter.prop("MetricTransformations")) {
            String name = t.path("MetricName").asText(null);
            String namespace = t.path("MetricNamespace").asText(null);
            alarms.stream().filter(a -> Objects.equals(name, a.prop("MetricName").asText(null))
                    && Objects.equals(namespace, a.prop("Namespace").asText(null))).forEach(out::add);
        }
        return out;
    }

    private static boolean notifiesATopic(final AppTemplates app, final TemplateResource alarm) {
        for (JsonNode action : alarm.prop("AlarmActions")) {
            if (action.isTextual() && action.asText().matches("^arn:[^:]+:sns:.*")) {
                return true;
            }
            if (app.target(alarm.stack(), action).map(t -> "AWS::SNS::Topic".equals(t.type())).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    /** A log group as one key: the resource a value points at, else the name (from a literal name or ARN). */
    private static String logGroupKey(final AppTemplates app, final StackTemplate stack, final JsonNode value) {
        Optional<TemplateResource> target = app.target(stack, value);
        if (target.isPresent()) {
            return target.get().stack().name() + "/" + target.get().logicalId();
        }
        if (!value.isTextual()) {
            return null;
        }
        String text = value.asText();
        int at = text.indexOf(":log-group:");
        return at < 0 ? text : text.substring(at + ":log-group:".length()).replaceFirst(":\\*$", "");
    }

    private static boolean isTrue(final JsonNode v) {
        return v.isValueNode() && "true".equalsIgnoreCase(v.asText());
    }

    /** The account and region of the VPC's stack, and the stacks of the app that share them. */
    private static final class Place {
        private final AppTemplates app;
        private final StackTemplate stack;

        Place(final AppTemplates app, final StackTemplate stack) {
            this.app = app;
            this.stack = stack;
        }

        String account() {
            return stack.account();
        }

        List<TemplateResource> inAccount(final String type) {
            return of(type, false);
        }

        List<TemplateResource> inRegion(final String type) {
            return of(type, true);
        }

        private List<TemplateResource> of(final String type, final boolean sameRegion) {
            List<TemplateResource> out = new ArrayList<>();
            for (StackTemplate s : app.stacks().values()) {
                if (shares(s, sameRegion)) {
                    out.addAll(s.ofType(type));
                }
            }
            return out;
        }

        private boolean shares(final StackTemplate other, final boolean sameRegion) {
            return other.account().equals(stack.account()) && (!sameRegion || other.region().equals(stack.region()));
        }

        /** @return whether a stack of the account (and region, when {@code regional}) declares {@code part}. */
        boolean declared(final String part, final boolean regional) {
            for (StackTemplate s : app.stacks().values()) {
                JsonNode declaration = s.metadata(AuditBaselineDeclaration.METADATA_KEY);
                if (!shares(s, regional) || !declaration.path("reason").isTextual()
                        || declaration.path("reason").asText().isBlank()) {
                    continue;
                }
                for (JsonNode covered : declaration.path("covers")) {
                    if (part.equals(covered.asText())) {
                        return true;
                    }
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return "account " + stack.account() + " region " + stack.region();
        }
    }
}
