package io.securevpc.detection;

import io.securevpc.ErrorCode;
import io.securevpc.internal.Ipv4Cidr;
import io.securevpc.internal.Maps;
import io.securevpc.internal.Problems;
import io.securevpc.internal.RequiredProps;
import io.securevpc.network.ISecureVpc;
import io.securevpc.network.NaclRuleNumbers;
import io.securevpc.network.SubnetTier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.IStableAnyProducer;
import software.amazon.awscdk.Lazy;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.CfnNetworkAclEntry;
import software.amazon.awscdk.services.ec2.INetworkAcl;
import software.amazon.awscdk.services.events.EventField;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.ssm.StringParameter;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * A GuardDuty finding naming a malicious remote IPv4 address → deny that address in the network ACL of the tier
 * where the instance lives, for a limited time, and notify (BP-NET-5 explicit deny rules, BP-MON-4/5).
 *
 * <p>Per protected tier, an EventBridge rule fires on GuardDuty threat-intelligence findings
 * ({@link ThreatIntelFindings#TYPES}: command and control, Bitcoin, black-hole, drop-point, custom threat list and
 * Tor findings; never port probes, scans or brute force, whose remote address an attacker chooses) at or above the
 * severity threshold, not archived, on an {@code Instance} with a network interface in one of the tier's subnets,
 * that carry {@code service.action.networkConnectionAction.remoteIpDetails.ipAddressV4}. Its targets: the security
 * alerts topic (a readable message) and, unless alert-only, an SSM Automation document whose one
 * {@code aws:executeScript} step ({@code malicious_ip_blocking.py}, in the jar beside this class) checks the finding
 * type again, then adds a deny-all entry for {@code <ip>/32} in both directions of that tier's NACL under the lowest
 * free rule number of the range {@link NaclRuleNumbers} reserves for it (1-99): never a number SecureVpc uses, never
 * one already recorded, and never one EC2 reports as taken (an entry added by hand). A finding naming an address
 * already blocked extends its expiry. A block that would leave fewer than {@code reservedNaclEntries} (default
 * {@value #DEFAULT_RESERVED_NACL_ENTRIES}) of a direction's {@value #NACL_ENTRY_QUOTA} entries free, counting
 * SecureVpc's own entries, is refused. An hourly scheduled rule runs the same document to lift expired blocks; its
 * {@code Unblock} action lifts one address's block on request. What the automation added is recorded in one SSM
 * parameter per tier that this construct owns; the script acts on no recorded entry outside its rule range, on a
 * number SecureVpc uses, or on an address it would not block (such entries are reported and dropped). The outcome
 * (blocked with rule number and expiry, extended, or not blocked and why) is published to the alerts topic, and an
 * execution that fails or times out raises an alert of its own.
 *
 * <p>The automation role names every resource exactly: the protected tiers' NACLs, the state parameters and
 * their lock parameters, the alerts topic and its key. It makes no {@code ec2:Describe*} call, which would need
 * {@code Resource: *}. Never blocked: private, shared, loopback, link-local, multicast and reserved ranges, the
 * VPC's own range, and the {@code allowList} (the app passes its peer and Transit Gateway networks, on-premises
 * ranges and customer gateway address). The rules start the document's {@code $DEFAULT} version: CloudFormation
 * exposes no version number of an {@code AWS::SSM::Document} to pin, and the default changes only by
 * {@code ssm:UpdateDocumentDefaultVersion}, which no role the blueprint creates is granted.
 *
 * <p>Not covered: remote IPv6 addresses (reported by the alert, refused by the script with that reason), and
 * API-call findings (their remote address talks to AWS APIs, not to the tier).
 */
public class MaliciousIpBlocking extends Construct {
    /** How long an address stays blocked unless told otherwise. */
    public static final Duration DEFAULT_BLOCK_DURATION = Duration.hours(24);
    /** Shortest block: expired blocks are lifted by a sweep every {@link #SWEEP_INTERVAL}. */
    public static final Duration MIN_BLOCK_DURATION = Duration.hours(1);
    /** Longest block: an address blocked for longer belongs in SecureVpc's block list. */
    public static final Duration MAX_BLOCK_DURATION = Duration.days(30);
    /** How often expired blocks are lifted. */
    public static final Duration SWEEP_INTERVAL = Duration.hours(1);
    /** GuardDuty's medium severity: the lowest finding acted on unless told otherwise. */
    public static final double DEFAULT_SEVERITY_THRESHOLD = 4.0;
    /** The automation script, a resource beside this class. */
    static final String SCRIPT_RESOURCE = "malicious_ip_blocking.py";
    /** Entries per direction of a NACL (the default "Rules per network ACL" quota), the blueprint's included. */
    static final int NACL_ENTRY_QUOTA = 20;
    /** Free entries per direction that blocking leaves in each NACL unless told otherwise. */
    public static final int DEFAULT_RESERVED_NACL_ENTRIES = 4;
    /** The script step's time limit; a lock left by a run that died is broken after 600 s (see the script). */
    static final int SCRIPT_TIMEOUT_SECONDS = 300;

    private final List<String> tiers;
    private final Map<String, Rule> rules = new LinkedHashMap<>();
    private final Map<String, StringParameter> stateParameters = new LinkedHashMap<>();
    private final AutomationRunbook runbook;
    private final Rule sweepRule;
    private final Rule failureRule;

    public MaliciousIpBlocking(final @NotNull Construct scope, final @NotNull String id,
                               final @NotNull MaliciousIpBlockingProps props) {
        super(scope, id);
        RequiredProps.of("MaliciousIpBlocking").require("props", props).check();
        this.tiers = validate(props);
        for (String tier : tiers) {
            rules.put(tier, createFindingRule(props, tier));
        }
        if (alertOnly(props)) {
            this.runbook = null;
            this.sweepRule = null;
            this.failureRule = null;
            Annotations.of(this).addWarningV2("@securevpc/detection:alertOnly",
                    "MaliciousIpBlocking is alert-only: malicious IPs are reported, not blocked (BP-NET-5, BP-MON-5).");
            return;
        }
        tiers.forEach(tier -> stateParameters.put(tier, createStateParameter(tier)));
        this.runbook = createRunbook(props);
        rules.forEach((tier, rule) -> rule.addTarget(runbook.target(blockParameters(tier),
                props.getAlerts().getDeadLetterQueue())));
        this.sweepRule = createSweepRule(props);
        this.failureRule = createFailureRule(props);
    }

    /** See {@link ThreatIntelFindings#pattern}: threat-intelligence finding types only. */
    static EventPattern pattern(final double threshold, final List<String> subnetIds) {
        return ThreatIntelFindings.pattern(threshold, subnetIds);
    }

    /** An execution of the document that did not succeed. */
    static EventPattern failurePattern(final String documentName) {
        return AutomationRunbook.failurePattern(documentName);
    }

    /** @return the automation script as packaged in the jar. */
    static String script() {
        return AutomationRunbook.script(SCRIPT_RESOURCE);
    }

    /** @return the protected tiers. */
    public @NotNull List<String> getTiers() {
        return tiers;
    }

    /** @return the finding rule of one protected tier. */
    public @NotNull Rule getRule(final @NotNull String tier) {
        return rules.get(tier);
    }

    /** @return the parameter recording one tier's blocks, or {@code null} in alert-only mode. */
    public @Nullable StringParameter getStateParameter(final @NotNull String tier) {
        return stateParameters.get(tier);
    }

    /** @return the automation, or {@code null} in alert-only mode. */
    public @Nullable AutomationRunbook getRunbook() {
        return runbook;
    }

    /** @return the scheduled rule lifting expired blocks, or {@code null} in alert-only mode. */
    public @Nullable Rule getSweepRule() {
        return sweepRule;
    }

    /** @return the rule alerting on failed executions, or {@code null} in alert-only mode. */
    public @Nullable Rule getFailureRule() {
        return failureRule;
    }

    // ------------------------------------------------------------------------------------------- steps

    private Rule createFindingRule(final MaliciousIpBlockingProps props, final String tier) {
        ISecureVpc network = props.getSecureVpc();
        List<String> subnetIds = network.getVpc().selectSubnets(network.tierSubnets(tier)).getSubnetIds();
        Rule rule = Rule.Builder.create(this, tier + "Rule")
                .description("GuardDuty finding naming a remote IPv4 on an instance in tier " + tier + ", severity >= "
                        + severityThreshold(props))
                .eventPattern(pattern(severityThreshold(props), subnetIds))
                .build();
        rule.applyRemovalPolicy(RemovalPolicy.RETAIN);
        String what = alertOnly(props) ? " [alert only: not blocked]"
                : " [blocking it in the tier's network ACL for " + human(blockDuration(props))
                        + "; the outcome follows]";
        rule.addTarget(props.getAlerts().target(RuleTargetInput.fromText("GuardDuty "
                + EventField.fromPath("$.detail.type") + " (severity " + EventField.fromPath("$.detail.severity")
                + ") on instance " + EventField.fromPath("$.detail.resource.instanceDetails.instanceId") + " in tier '"
                + tier + "' of " + network.getNode().getPath() + ": remote IP "
                + EventField.fromPath("$.detail.service.action.networkConnectionAction.remoteIpDetails.ipAddressV4")
                + ", account " + EventField.getAccount() + " " + EventField.getRegion() + ": "
                + EventField.fromPath("$.detail.title") + what)));
        return rule;
    }

    /** Starts empty; CloudFormation never changes the value again (it stays "{}" in the template). */
    private StringParameter createStateParameter(final String tier) {
        return StringParameter.Builder.create(this, tier + "State")
                .description("Deny entries MaliciousIpBlocking added to the NACL of tier " + tier
                        + ": {rule number: [ip, expiry epoch seconds]}")
                .stringValue("{}")
                .simpleName(true)
                .build();
    }

    private AutomationRunbook createRunbook(final MaliciousIpBlockingProps props) {
        Stack stack = Stack.of(this);
        ISecureVpc network = props.getSecureVpc();
        Map<String, Object> tierConfig = new LinkedHashMap<>();
        List<String> aclArns = new ArrayList<>();
        List<String> stateArns = new ArrayList<>();
        List<String> lockArns = new ArrayList<>();
        String arnPrefix = "arn:" + stack.getPartition() + ":";
        String regionAccount = ":" + stack.getRegion() + ":" + stack.getAccount() + ":";
        for (String tier : tiers) {
            String aclId = network.networkAcl(tier).getNetworkAclId();
            String stateName = stateParameters.get(tier).getParameterName();
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("networkAclId", aclId);
            t.put("stateParameter", stateName);
            t.put("reservedRuleNumbers", network.naclRuleNumbers(tier).stream()
                    .filter(n -> n >= NaclRuleNumbers.RESERVED_DENY_FIRST && n <= NaclRuleNumbers.RESERVED_DENY_LAST)
                    .toList());
            t.put("blueprintEntries", Lazy.any(new IStableAnyProducer() {
                @Override
                public Object produce() {
                    return blueprintEntries(network.networkAcl(tier));
                }
            }));
            tierConfig.put(tier, t);
            aclArns.add(arnPrefix + "ec2" + regionAccount + "network-acl/" + aclId);
            stateArns.add(arnPrefix + "ssm" + regionAccount + "parameter/" + stateName);
            lockArns.add(arnPrefix + "ssm" + regionAccount + "parameter/" + stateName + "-lock");
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("blockSeconds", blockDuration(props).toSeconds());
        config.put("ruleFirst", NaclRuleNumbers.RESERVED_DENY_FIRST);
        config.put("ruleLast", NaclRuleNumbers.RESERVED_DENY_LAST);
        config.put("topicArn", props.getAlerts().getTopic().getTopicArn());
        List<String> protectedCidrs = new ArrayList<>();
        protectedCidrs.add(network.getVpcCidrLiteral() != null ? network.getVpcCidrLiteral()
                : network.getVpc().getVpcCidrBlock());
        protectedCidrs.addAll(allowList(props));
        config.put("protectedCidrs", protectedCidrs);
        config.put("findingTypes", ThreatIntelFindings.TYPES);
        config.put("entryQuota", NACL_ENTRY_QUOTA);
        config.put("entryReserve", reservedNaclEntries(props));
        config.put("tiers", tierConfig);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("action", "{{ Action }}");
        payload.put("tier", "{{ Tier }}");
        payload.put("ip", "{{ RemoteIp }}");
        payload.put("instanceId", "{{ InstanceId }}");
        payload.put("findingType", "{{ FindingType }}");
        payload.put("executionId", "{{ automation:EXECUTION_ID }}");
        payload.put("config", config);
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("Runtime", "python3.11");
        inputs.put("Handler", "handler");
        inputs.put("InputPayload", payload);
        inputs.put("Script", script());
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("name", "BlockOrLift");
        step.put("action", "aws:executeScript");
        step.put("maxAttempts", 1);
        step.put("timeoutSeconds", SCRIPT_TIMEOUT_SECONDS);
        step.put("onFailure", "Abort");
        step.put("inputs", inputs);
        step.put("outputs", List.of(Maps.of("Name", "Result", "Selector", "$.Payload.result", "Type", "String")));
        return new AutomationRunbook(this, "Runbook",
                "Blocks a malicious IPv4 address in a tier's network ACL, lifts expired blocks, or unblocks an address "
                        + "(BP-NET-5, BP-MON-5)",
                documentParameters(), List.of(step), MaliciousIpBlockingPermissions.of(props, aclArns, stateArns, lockArns),
                "(no wildcard: the role names each NACL, parameter, topic and key)");
    }

    private Map<String, Object> documentParameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("Action", Maps.of("type", "String", "allowedValues", List.of("Block", "Sweep", "Unblock"),
                "description", "Block: deny RemoteIp in Tier's NACL. Sweep: lift every expired block. Unblock: "
                        + "lift the block of RemoteIp in Tier now"));
        parameters.put("Tier", Maps.of("type", "String", "default", "",
                "allowedPattern", "^(" + String.join("|", tiers) + ")?$"));
        parameters.put("RemoteIp", Maps.of("type", "String", "default", "",
                "allowedPattern", "^([0-9]{1,3}\\.){3}[0-9]{1,3}$|^$"));
        parameters.put("InstanceId", Maps.of("type", "String", "default", "",
                "allowedPattern", "^(i-[a-z0-9]{8,17})?$"));
        parameters.put("FindingType", Maps.of("type", "String", "default", "",
                "allowedPattern", "^[A-Za-z0-9:/!._&-]{0,128}$"));
        return parameters;
    }

    private Map<String, Object> blockParameters(final String tier) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("Action", "Block");
        parameters.put("Tier", tier);
        parameters.put("RemoteIp",
                EventField.fromPath("$.detail.service.action.networkConnectionAction.remoteIpDetails.ipAddressV4"));
        parameters.put("InstanceId", EventField.fromPath("$.detail.resource.instanceDetails.instanceId"));
        parameters.put("FindingType", EventField.fromPath("$.detail.type"));
        return parameters;
    }

    private Rule createSweepRule(final MaliciousIpBlockingProps props) {
        Rule rule = Rule.Builder.create(this, "SweepRule")
                .description("Lift expired malicious-IP blocks in the NACLs of tiers " + String.join(", ", tiers))
                .schedule(Schedule.rate(SWEEP_INTERVAL))
                .build();
        rule.applyRemovalPolicy(RemovalPolicy.RETAIN);
        rule.addTarget(runbook.target(Maps.of("Action", "Sweep"), props.getAlerts().getDeadLetterQueue()));
        return rule;
    }

    private Rule createFailureRule(final MaliciousIpBlockingProps props) {
        Rule rule = Rule.Builder.create(this, "FailureRule")
                .description("Malicious-IP blocking automation of " + props.getSecureVpc().getNode().getPath()
                        + " failed")
                .eventPattern(failurePattern(runbook.getDocumentName()))
                .build();
        rule.applyRemovalPolicy(RemovalPolicy.RETAIN);
        rule.addTarget(props.getAlerts().target(RuleTargetInput.fromText("Malicious-IP blocking automation "
                + EventField.fromPath("$.detail.Definition") + " ended " + EventField.fromPath("$.detail.Status")
                + " (execution " + EventField.fromPath("$.detail.ExecutionId") + ", account " + EventField.getAccount()
                + " " + EventField.getRegion() + "): an address may not have been blocked or unblocked in "
                + props.getSecureVpc().getNode().getPath() + "; see the execution in Systems Manager Automation")));
        return rule;
    }

    // The defaults of the optional props, in one place (the tiers' default is resolved by validate).

    private static double severityThreshold(final MaliciousIpBlockingProps props) {
        return props.getSeverityThreshold() != null ? props.getSeverityThreshold() : DEFAULT_SEVERITY_THRESHOLD;
    }

    private static boolean alertOnly(final MaliciousIpBlockingProps props) {
        return Boolean.TRUE.equals(props.getAlertOnly());
    }

    private static List<String> allowList(final MaliciousIpBlockingProps props) {
        return props.getAllowList() != null ? props.getAllowList() : List.of();
    }

    private static int reservedNaclEntries(final MaliciousIpBlockingProps props) {
        return props.getReservedNaclEntries() != null ? props.getReservedNaclEntries()
                : DEFAULT_RESERVED_NACL_ENTRIES;
    }

    /** The entries of a tier's NACL in the construct tree at synth, per direction (SecureVpc adds all of them). */
    static Map<String, Object> blueprintEntries(final INetworkAcl acl) {
        int inbound = 0;
        int outbound = 0;
        for (IConstruct c : acl.getNode().findAll()) {
            if (c instanceof CfnNetworkAclEntry entry) {
                if (Boolean.TRUE.equals(entry.getEgress())) {
                    outbound++;
                } else {
                    inbound++;
                }
            }
        }
        return Maps.of("inbound", inbound, "outbound", outbound);
    }

    private static Duration blockDuration(final MaliciousIpBlockingProps props) {
        return props.getBlockDuration() != null ? props.getBlockDuration() : DEFAULT_BLOCK_DURATION;
    }

    private List<String> validate(final MaliciousIpBlockingProps props) {
        Problems problems = new Problems();
        List<String> available = props.getSecureVpc().getTiers().stream().filter(t -> !t.isReserved())
                .map(SubnetTier::getName).toList();
        List<String> chosen = props.getTiers() != null ? props.getTiers() : available;
        if (chosen.isEmpty()) {
            problems.add(ErrorCode.TIER, "tiers", "[]", "at least one tier; leave unset to protect every tier ("
                    + String.join(", ", available) + ")");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < chosen.size(); i++) {
            String tier = chosen.get(i);
            if (!available.contains(tier)) {
                problems.add(ErrorCode.TIER, "tiers[" + i + "]", tier, "a tier of the network that is not reserved: "
                        + String.join(", ", available));
            } else if (!seen.add(tier)) {
                problems.add(ErrorCode.TIER, "tiers[" + i + "]", tier, "each tier once");
            }
        }
        double t = severityThreshold(props);
        if (t < 1 || t > 10) {
            problems.add(ErrorCode.REMEDIATION, "severityThreshold", t,
                    "a GuardDuty severity from 1 to 10 (4 = medium, 7 = high)");
        }
        double seconds = blockDuration(props).toSeconds().doubleValue();
        if (seconds < MIN_BLOCK_DURATION.toSeconds().doubleValue()
                || seconds > MAX_BLOCK_DURATION.toSeconds().doubleValue()) {
            problems.add(ErrorCode.REMEDIATION, "blockDuration", human(blockDuration(props)),
                    "from 1 hour (expired blocks are lifted every hour) to 30 days (block an address for longer "
                            + "through SecureVpc's blockList)");
        }
        List<String> allow = allowList(props);
        for (int i = 0; i < allow.size(); i++) {
            if (Ipv4Cidr.parse(allow.get(i)).isEmpty()) {
                problems.add(ErrorCode.INVALID_CIDR, "allowList[" + i + "]", allow.get(i),
                        "an IPv4 CIDR such as 203.0.113.0/24 (an address never blocked)");
            }
        }
        int reserve = reservedNaclEntries(props);
        if (reserve < 0 || reserve > NACL_ENTRY_QUOTA - 1) {
            problems.add(ErrorCode.REMEDIATION, "reservedNaclEntries", reserve,
                    "0 to " + (NACL_ENTRY_QUOTA - 1) + " free entries per direction of each NACL");
        }
        problems.throwIfAny(() -> "MaliciousIpBlocking " + getNode().getPath());
        return List.copyOf(chosen);
    }

    /** A duration as people write it: "24 hours", "90 minutes", "2 days". */
    static String human(final Duration duration) {
        long s = duration.toSeconds().longValue();
        if (s % 86_400 == 0 && s >= 86_400 * 2) {
            return s / 86_400 + " days";
        }
        if (s % 3_600 == 0) {
            return s / 3_600 + (s == 3_600 ? " hour" : " hours");
        }
        if (s % 60 == 0) {
            return s / 60 + " minutes";
        }
        return s + " seconds";
    }
}
