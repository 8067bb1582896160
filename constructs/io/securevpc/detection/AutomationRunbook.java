package io.securevpc.detection;

import io.securevpc.internal.Maps;
import io.securevpc.internal.WildcardAcknowledgements;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jetbrains.annotations.NotNull;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.interfaces.events.IRuleRef;
import software.amazon.awscdk.services.events.CfnRule;
import software.amazon.awscdk.services.events.EventField;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.IRuleTarget;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetConfig;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.ssm.CfnDocument;
import software.constructs.Construct;

/**
 * An SSM Automation document with its least-privilege automation role, and the EventBridge target that starts it
 * (BP-MON-5). Documents are declarative ({@code aws:executeAwsApi} steps: no code to patch) wherever the API calls
 * can be listed up front; {@link MaliciousIpBlocking} needs a decision (which rule number is free) and runs one
 * small, tested {@code aws:executeScript} step. Each role has a customer-managed policy listing exactly the
 * document's API calls; EventBridge's role may start only this document and pass only this role, to SSM only. All
 * rules that start the document share that one EventBridge role.
 */
public class AutomationRunbook extends Construct {
    /** Retries of EventBridge's call to SSM, and how old an event may get before it is dropped. */
    static final int MAX_RETRIES = 4;
    static final Duration MAX_EVENT_AGE = Duration.hours(1);

    private final CfnDocument document;
    private final Role automationRole;
    private final Map<String, Object> content;
    /** The role EventBridge starts this document with, created at the first target bound. */
    private Role eventsRole;

    /**
     * @param description what the document does
     * @param parameters document parameters (name to SSM parameter definition), besides AutomationAssumeRole
     * @param steps the mainSteps
     * @param permissions the API calls the steps make, scoped as tightly as each API allows
     * @param wildcardReason why the resources of {@code permissions} that end in a wildcard cannot be named
     *     (e.g. "any instance a finding names"); each is acknowledged as its own AwsSolutions-IAM5 finding, with
     *     what narrows it added (the condition keys of every statement naming it), but only when a condition does
     *     ({@code ec2:Vpc}, {@code aws:ResourceAccount} with {@code aws:RequestedRegion}, {@code aws:ResourceTag/..})
     *     or its actions have no resource-level permissions
     */
    public AutomationRunbook(final @NotNull Construct scope, final @NotNull String id,
                             final @NotNull String description, final @NotNull Map<String, Object> parameters,
                             final @NotNull List<Map<String, Object>> steps,
                             final @NotNull List<PolicyStatement> permissions, final @NotNull String wildcardReason) {
        super(scope, id);
        Stack stack = Stack.of(this);
        Map<String, Object> params = new LinkedHashMap<>(parameters);
        params.put("AutomationAssumeRole", Maps.of("type", "String",
                "description", "Role the automation runs as"));
        this.content = new LinkedHashMap<>();
        content.put("schemaVersion", "0.3");
        content.put("description", description);
        content.put("assumeRole", "{{ AutomationAssumeRole }}");
        content.put("parameters", params);
        content.put("mainSteps", List.copyOf(steps));
        this.document = CfnDocument.Builder.create(this, "Document")
                .documentType("Automation")
                .documentFormat("JSON")
                .content(content)
                .build();
        this.automationRole = Role.Builder.create(this, "AutomationRole")
                .description(description)
                .assumedBy(new ServicePrincipal("ssm.amazonaws.com", null).withConditions(Maps.of(
                        "StringEquals", Maps.of("aws:SourceAccount", stack.getAccount()))))
                .build();
        ManagedPolicy policy = ManagedPolicy.Builder.create(this, "AutomationPolicy")
                .description("The API calls of one automation document")
                .statements(permissions)
                .roles(List.of(automationRole))
                .build();
        // Remediation acts on whatever resource an event names: each wildcard resource is acknowledged as its own
        // granular finding, with what narrows it (its statements' condition keys), or left for the gate to report.
        WildcardAcknowledgements.acknowledge(policy, permissions, wildcardReason);
    }

    /** @return the document's content as synthesized (for tests and review). */
    public @NotNull Map<String, Object> getContent() {
        return content;
    }

    public @NotNull String getDocumentName() {
        return document.getRef();
    }

    public @NotNull Role getAutomationRole() {
        return automationRole;
    }

    /**
     * An EventBridge target that starts this document with the given parameters (values may be
     * {@code EventField}s); AutomationAssumeRole is added.
     */
    public @NotNull IRuleTarget target(final @NotNull Map<String, Object> parameters,
                                       final @NotNull IQueue deadLetterQueue) {
        AutomationRunbook runbook = this;
        return new IRuleTarget() {
            @Override
            public @NotNull RuleTargetConfig bind(final @NotNull IRuleRef rule) {
                return bind(rule, null);
            }

            /**
             * jsii may call either overload for the same JavaScript call (which one depends on the order Java
             * reflection lists the methods, not fixed between runs), so nothing here depends on {@code targetId}:
             * the shared role's construct id, and so its logical id, is the same whichever is called.
             */
            @Override
            public @NotNull RuleTargetConfig bind(final @NotNull IRuleRef rule, final String targetId) {
                Stack stack = Stack.of(runbook);
                String definitionArn = "arn:" + stack.getPartition() + ":ssm:" + stack.getRegion() + ":"
                        + stack.getAccount() + ":automation-definition/" + document.getRef() + ":$DEFAULT";
                if (eventsRole == null) {
                    eventsRole = createEventsRole(definitionArn);
                }
                deadLetterQueue.addToResourcePolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                        .principals(List.of(new ServicePrincipal("events.amazonaws.com")))
                        .actions(List.of("sqs:SendMessage"))
                        .resources(List.of(deadLetterQueue.getQueueArn()))
                        .conditions(Maps.of("ArnEquals", Maps.of("aws:SourceArn", rule.getRuleRef().getRuleArn())))
                        .build());
                Map<String, Object> input = new LinkedHashMap<>();
                // In name order: the input is rendered as a JSON string, and a Map.of's order changes between runs,
                // which would change the template (and the deployed rule) on every synth.
                new TreeMap<>(parameters).forEach((k, v) -> input.put(k, List.of(v)));
                input.put("AutomationAssumeRole", List.of(automationRole.getRoleArn()));
                return RuleTargetConfig.builder()
                        .arn(definitionArn)
                        .role(eventsRole.withoutPolicyUpdates())
                        .input(RuleTargetInput.fromObject(input))
                        .deadLetterConfig(CfnRule.DeadLetterConfigProperty.builder()
                                .arn(deadLetterQueue.getQueueArn()).build())
                        .retryPolicy(CfnRule.RetryPolicyProperty.builder()
                                .maximumRetryAttempts(MAX_RETRIES)
                                .maximumEventAgeInSeconds(MAX_EVENT_AGE.toSeconds())
                                .build())
                        .build();
            }
        };
    }

    private Role createEventsRole(final String definitionArn) {
        Stack stack = Stack.of(this);
        Role role = Role.Builder.create(this, "EventsRole")
                .description("Lets EventBridge start one automation document")
                .assumedBy(new ServicePrincipal("events.amazonaws.com", null).withConditions(Maps.of(
                        "StringEquals", Maps.of("aws:SourceAccount", stack.getAccount()))))
                .build();
        List<PolicyStatement> statements = new ArrayList<>();
        statements.add(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                .actions(List.of("ssm:StartAutomationExecution"))
                .resources(List.of(definitionArn)).build());
        statements.add(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                .actions(List.of("iam:PassRole"))
                .resources(List.of(automationRole.getRoleArn()))
                .conditions(Maps.of("StringEquals", Maps.of("iam:PassedToService", "ssm.amazonaws.com")))
                .build());
        ManagedPolicy.Builder.create(this, "EventsPolicy")
                .description("Start one automation document, pass its role to SSM only")
                .statements(statements)
                .roles(List.of(role))
                .build();
        return role;
    }

    /** One {@code aws:loop} step running {@code step} once per item of {@code iterators} (at most 100). */
    static Map<String, Object> loopStep(final String name, final String iterators, final Map<String, Object> step) {
        Map<String, Object> loop = new LinkedHashMap<>();
        loop.put("name", name);
        loop.put("action", "aws:loop");
        loop.put("onFailure", "Abort");
        loop.put("inputs", Maps.of("Iterators", iterators, "IteratorDataType", "String", "Steps", List.of(step)));
        return loop;
    }

    /**
     * Alerts on every execution of this document that failed, timed out or was cancelled (BP-MON-5): a remediation
     * that did not happen is reported, not silent. The rule is {@code RETAIN}.
     *
     * @param what what the document was doing, in words (e.g. "Instance isolation of vpc/Network")
     */
    public @NotNull Rule alertOnFailure(final @NotNull SecurityAlerts alerts, final @NotNull String what) {
        Rule rule = Rule.Builder.create(this, "FailureRule")
                .description(what + ": automation failed")
                .eventPattern(failurePattern(document.getRef()))
                .build();
        rule.applyRemovalPolicy(RemovalPolicy.RETAIN);
        rule.addTarget(alerts.target(RuleTargetInput.fromText(what + ": automation "
                + EventField.fromPath("$.detail.Definition") + " ended " + EventField.fromPath("$.detail.Status")
                + " (execution " + EventField.fromPath("$.detail.ExecutionId") + ", account " + EventField.getAccount()
                + " " + EventField.getRegion() + "); the remediation may not have happened: see the execution in "
                + "Systems Manager Automation")));
        return rule;
    }

    /** An execution of the document that did not succeed. */
    static EventPattern failurePattern(final String documentName) {
        return failurePattern(List.of(documentName));
    }

    /** An execution of one of the documents that did not succeed. */
    static EventPattern failurePattern(final List<String> documentNames) {
        return EventPattern.builder()
                .source(List.of("aws.ssm"))
                .detailType(List.of("EC2 Automation Execution Status-change Notification"))
                .detail(Maps.of("Definition", documentNames,
                        "Status", List.of("Failed", "TimedOut", "Cancelled")))
                .build();
    }

    /** @return the text of a script resource beside this class (an {@code aws:executeScript} step's code). */
    static String script(final String resource) {
        try (java.io.InputStream in = AutomationRunbook.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing beside " + AutomationRunbook.class
                        + " on the classpath");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** One {@code aws:executeAwsApi} step with bounded retries. */
    static Map<String, Object> apiStep(final String name, final String service, final String api,
                                       final Map<String, Object> inputs, final boolean continueOnFailure) {
        Map<String, Object> allInputs = new LinkedHashMap<>();
        allInputs.put("Service", service);
        allInputs.put("Api", api);
        allInputs.putAll(inputs);
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("name", name);
        step.put("action", "aws:executeAwsApi");
        step.put("maxAttempts", 3);
        step.put("timeoutSeconds", 120);
        step.put("onFailure", continueOnFailure ? "Continue" : "Abort");
        step.put("inputs", allInputs);
        return step;
    }
}
