package io.securevpc.endpoints;

import io.securevpc.ErrorCode;
import io.securevpc.internal.Maps;
import io.securevpc.internal.Problems;
import io.securevpc.internal.RequiredProps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jetbrains.annotations.NotNull;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.PolicyStatementProps;

/**
 * A least-privilege VPC endpoint policy, built from typed presets instead of raw JSON (BP-EP-3, BP-IAM-3).
 * Every preset statement carries a condition that keeps callers inside an {@link AccessBoundary}
 * ({@code aws:PrincipalAccount} or {@code aws:PrincipalOrgID}); statements on customer resources also keep
 * the resources inside it ({@code aws:ResourceAccount} or {@code aws:ResourceOrgID}), so that the endpoint cannot
 * carry data out to another account's bucket, key, log group or secret. Interface-endpoint policies follow AWS's
 * data-perimeter endpoint-policy examples (github.com/aws-samples/data-perimeter-policy-examples,
 * {@code vpc_endpoint_policies/}): the identity and resource perimeter, requests AWS services make on the callers'
 * behalf ({@code aws:PrincipalIsAWSService}), and per-service exceptions for AWS-owned resources ({@link #sts},
 * {@link #ssm}). AWS-owned buckets that common services need are named opt-ins of the S3 policy.
 *
 * <pre>
 * EndpointPolicy s3 = EndpointPolicy.s3(AccessBoundary.thisAccount())
 *         .amazonLinuxRepositories()
 *         .ecrImageLayers()
 *         .build();
 * </pre>
 *
 * An endpoint has one policy (BP-EP-3): {@link #merge(EndpointPolicy)} combines two policies statement by
 * statement (same statement id twice is kept once), never replacing one with the other. Immutable.
 */
public final class EndpointPolicy {
    /** The service a policy was written for; a policy for one service is refused on another's endpoint. */
    public enum Service {
        /** Amazon S3 (gateway or interface endpoint). */
        S3,
        /** Amazon DynamoDB (gateway endpoint). */
        DYNAMODB,
        /** Any service that supports endpoint policies (interface endpoints). */
        ANY
    }

    /** Amazon Linux 2023 and Amazon Linux 2 package repositories (yum/dnf), read-only. */
    static final List<String> AMAZON_LINUX_BUCKETS = List.of(
            "al2023-repos-{region}-de612dc2", "amazonlinux-2-repos-{region}", "amazonlinux.{region}.amazonaws.com");
    /** The bucket ECR serves image layers from ("starport"), read-only. */
    static final List<String> ECR_LAYER_BUCKETS = List.of("prod-{region}-starport-layer-bucket");
    /** Buckets the SSM Agent reads updates, documents, patch baselines and distributor packages from. */
    static final List<String> SSM_BUCKETS = List.of(
            "aws-ssm-{region}", "aws-windows-downloads-{region}", "amazon-ssm-{region}",
            "amazon-ssm-packages-{region}", "{region}-birdwatcher-prod", "aws-ssm-distributor-file-{region}",
            "aws-ssm-document-attachments-{region}", "patch-baseline-snapshot-{region}");

    /** The statement id of the requests AWS services make on the callers' behalf (interface endpoints). */
    static final String SERVICE_SID = "AwsServicesOnCallersBehalf";

    private final Service service;
    private final List<Statement> statements;

    private EndpointPolicy(final Service service, final List<Statement> statements) {
        this.service = service;
        this.statements = List.copyOf(statements);
    }

    /**
     * Starts an S3 policy: every S3 action on buckets inside {@code boundary}, by callers inside it.
     *
     * @param boundary whose callers and buckets
     */
    public static @NotNull S3Builder s3(final @NotNull AccessBoundary boundary) {
        return new S3Builder(boundary);
    }

    /** Starts a DynamoDB policy: every DynamoDB action on tables inside {@code boundary}, by callers inside it. */
    public static @NotNull Builder dynamoDb(final @NotNull AccessBoundary boundary) {
        return new Builder(Service.DYNAMODB, boundary, "dynamodb:*", true);
    }

    /**
     * Starts a policy for an interface endpoint of any service, after AWS's data-perimeter example
     * {@code vpc_endpoint_policies/default_endpoint_policy.json} (github.com/aws-samples/data-perimeter-policy-examples):
     * every action by callers inside {@code boundary} on resources inside it ({@code aws:ResourceAccount} or
     * {@code aws:ResourceOrgID}: a key, log group, secret or repository of a foreign account is refused at the
     * endpoint), and requests AWS services make on the callers' behalf ({@code aws:PrincipalIsAWSService}).
     */
    public static @NotNull Builder anyService(final @NotNull AccessBoundary boundary) {
        return new Builder(Service.ANY, boundary, "*", true);
    }

    /**
     * Starts an STS policy (after the example's {@code sts_endpoint_policy.json}): {@code sts:AssumeRole} and
     * {@code sts:TagSession} by callers inside {@code boundary} into roles inside it only; {@code
     * sts:GetCallerIdentity}, which names no resource, by callers inside it; requests of AWS services. Other STS
     * actions (web-identity and SAML federation, session tokens) are not allowed through the endpoint.
     */
    public static @NotNull Builder sts(final @NotNull AccessBoundary boundary) {
        Builder builder = new Builder(Service.ANY, boundary, "*", true).actions("sts:AssumeRole", "sts:TagSession");
        builder.add(new Scoped("GetCallerIdentityWithinBoundary", List.of("sts:GetCallerIdentity"), List.of("*"),
                boundary, false));
        return builder;
    }

    /**
     * Starts a Systems Manager policy (after the example's {@code ssm_endpoint_policy.json}): as
     * {@link #anyService}, plus read access and {@code SendCommand}/{@code CreateAssociation}/{@code StartSession}
     * with AWS-owned public parameters ({@code parameter/aws/*}) and documents, by callers inside {@code boundary}.
     */
    public static @NotNull Builder ssm(final @NotNull AccessBoundary boundary) {
        Builder builder = anyService(boundary);
        builder.add(new Scoped("AwsOwnedSsmDocumentsAndParameters", List.of("ssm:Describe*", "ssm:List*", "ssm:Get*",
                "ssm:SendCommand", "ssm:CreateAssociation", "ssm:StartSession"),
                List.of("arn:{partition}:ssm:{region}::parameter/aws/*", "arn:{partition}:ssm:{region}::document/*"),
                boundary, false));
        return builder;
    }

    /** The default policy of an interface endpoint of {@code shortName} (e.g. {@code sts}, {@code ssm}, {@code kms}). */
    static EndpointPolicy forInterfaceService(final String shortName, final AccessBoundary boundary) {
        return switch (shortName) {
            case "sts" -> sts(boundary).build();
            case "ssm" -> ssm(boundary).build();
            default -> anyService(boundary).build();
        };
    }

    /** @return the service the policy was written for. */
    public @NotNull Service getService() {
        return service;
    }

    /** @return the statement ids, in order (custom statements without an id show as {@code null}). */
    public @NotNull List<String> getStatementIds() {
        return statements.stream().map(Statement::sid).toList();
    }

    /**
     * Combines this policy with {@code other}: statements of both, in order; a statement id present in both
     * is kept once when both statements are the same preset, and is an error otherwise. Both must be written
     * for the same service (or one for {@link Service#ANY}).
     *
     * @throws io.securevpc.BlueprintValidationException when the two policies conflict
     */
    public @NotNull EndpointPolicy merge(final @NotNull EndpointPolicy other) {
        Problems problems = new Problems();
        if (service != other.service && service != Service.ANY && other.service != Service.ANY) {
            problems.add(ErrorCode.ENDPOINT_POLICY, "policy", other.service.name(),
                    "a policy for " + service.name() + ", the service of the policy it is merged into");
        }
        Map<String, Statement> bySid = new LinkedHashMap<>();
        statements.stream().filter(s -> s.sid() != null).forEach(s -> bySid.put(s.sid(), s));
        List<Statement> merged = new ArrayList<>(statements);
        for (Statement s : other.statements) {
            Statement existing = s.sid() == null ? null : bySid.get(s.sid());
            if (existing == null) {
                merged.add(s);
            } else if (!existing.equals(s)) {
                problems.add(ErrorCode.ENDPOINT_POLICY, "policy.statements[" + s.sid() + "]", s.sid(),
                        "a statement id that is not already used by a different statement of the endpoint policy");
            }
        }
        problems.throwIfAny("EndpointPolicy merge");
        return new EndpointPolicy(service == Service.ANY ? other.service : service, merged);
    }

    /** @return the statements that {@code other} adds to this policy when merged (see {@link #merge}). */
    @NotNull EndpointPolicy statementsAddedBy(final @NotNull EndpointPolicy other) {
        List<Statement> added = new ArrayList<>(merge(other).statements);
        added.subList(0, statements.size()).clear();
        return new EndpointPolicy(other.service, added);
    }

    /**
     * Renders the statements for one partition and region (tokens such as {@code Aws.REGION} are fine).
     *
     * @param partition e.g. {@code Stack.of(scope).getPartition()}
     * @param region e.g. {@code Stack.of(scope).getRegion()}
     */
    public @NotNull List<PolicyStatement> render(final @NotNull String partition, final @NotNull String region) {
        return statements.stream().map(s -> s.render(partition, region)).toList();
    }

    /**
     * Adds a problem for each statement that is not least privilege: an Allow for every principal and every
     * action with no condition (the default endpoint policy), or a statement without a principal.
     */
    void validate(final String prop, final Problems problems) {
        for (Statement s : statements) {
            if (s instanceof Custom custom) {
                checkCustom(prop, custom.statement(), problems);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void checkCustom(final String prop, final PolicyStatement statement, final Problems problems) {
        if (!Boolean.TRUE.equals(statement.getHasPrincipal())) {
            problems.add(ErrorCode.ENDPOINT_POLICY, prop, statement.getSid(),
                    "statements with a Principal: an endpoint policy is a resource policy");
            return;
        }
        Map<String, Object> json = (Map<String, Object>) statement.toStatementJson();
        boolean allow = "Allow".equals(json.get("Effect"));
        boolean anyPrincipal = isWildcard(json.get("Principal"))
                || json.get("Principal") instanceof Map<?, ?> m && isWildcard(m.get("AWS"));
        boolean anyAction = isWildcard(json.get("Action"));
        boolean conditioned = json.get("Condition") instanceof Map<?, ?> c && !c.isEmpty();
        if (allow && anyPrincipal && anyAction && !conditioned) {
            problems.add(ErrorCode.ENDPOINT_POLICY, prop, "Allow * to * with no condition",
                    "a statement narrowed by a condition such as aws:PrincipalAccount or aws:PrincipalOrgID "
                            + "(use AccessBoundary), or by actions and resources (BP-EP-3)");
        }
    }

    private static boolean isWildcard(final Object value) {
        return "*".equals(value) || value instanceof List<?> l && l.contains("*");
    }

    // ------------------------------------------------------------------------------------------ builders

    /** Builds a policy for one service: the boundary statement, then custom statements. */
    public static class Builder {
        private final Service service;
        private final AccessBoundary boundary;
        private final boolean resourceScoped;
        private List<String> actions;
        private final List<Statement> extra = new ArrayList<>();

        Builder(final Service service, final AccessBoundary boundary, final String allActions,
                final boolean resourceScoped) {
            this.service = service;
            RequiredProps.of("EndpointPolicy").require("boundary", boundary).check();
            this.boundary = boundary;
            this.resourceScoped = resourceScoped;
            this.actions = List.of(allActions);
        }

        /**
         * Narrows the boundary statement to these actions, e.g. {@code s3:GetObject}.
         *
         * @default - every action of the service
         */
        public Builder actions(final @NotNull String... narrowed) {
            RequiredProps.of("EndpointPolicy").require("actions", narrowed).elements("actions", narrowed).check();
            this.actions = List.of(narrowed);
            return this;
        }

        /**
         * Adds a statement of your own: the escape hatch. It must have a principal and must not allow every
         * action to every principal without a condition (checked by the endpoint construct).
         */
        public Builder statement(final @NotNull PolicyStatement statement) {
            RequiredProps.of("EndpointPolicy").require("statement", statement).check();
            extra.add(new Custom(statement.getSid(), statement));
            return this;
        }

        void add(final Statement statement) {
            extra.add(statement);
        }

        public @NotNull EndpointPolicy build() {
            List<Statement> all = new ArrayList<>();
            String sid = switch (service) {
                case S3 -> "S3WithinBoundary";
                case DYNAMODB -> "DynamoDbWithinBoundary";
                case ANY -> "CallersAndResourcesWithinBoundary";
            };
            all.add(new Scoped(sid, actions, List.of("*"), boundary, resourceScoped));
            if (service == Service.ANY) {
                all.add(new AwsServices(SERVICE_SID));
            }
            all.addAll(extra);
            return new EndpointPolicy(service, all);
        }
    }

    /** Builds an S3 policy, with named opt-ins for the AWS-owned buckets common services read. */
    public static final class S3Builder extends Builder {
        private final AccessBoundary boundary;

        S3Builder(final AccessBoundary boundary) {
            super(Service.S3, boundary, "s3:*", true);
            this.boundary = boundary;
        }

        /** Read access to the Amazon Linux 2023 / 2 package repositories (dnf/yum through the endpoint). */
        public S3Builder amazonLinuxRepositories() {
            add(new AwsOwned("AmazonLinuxRepositories", AMAZON_LINUX_BUCKETS, boundary));
            return this;
        }

        /** Read access to the bucket ECR serves image layers from, needed to pull images privately. */
        public S3Builder ecrImageLayers() {
            add(new AwsOwned("EcrImageLayers", ECR_LAYER_BUCKETS, boundary));
            return this;
        }

        /** Read access to the buckets the SSM Agent uses (updates, documents, patching, distributor). */
        public S3Builder ssmAgentBuckets() {
            add(new AwsOwned("SsmAgentBuckets", SSM_BUCKETS, boundary));
            return this;
        }

        @Override
        public S3Builder actions(final @NotNull String... narrowed) {
            super.actions(narrowed);
            return this;
        }

        @Override
        public S3Builder statement(final @NotNull PolicyStatement statement) {
            super.statement(statement);
            return this;
        }
    }

    // ---------------------------------------------------------------------------------------- statements

    private sealed interface Statement permits Scoped, AwsServices, AwsOwned, Custom {
        String sid();

        PolicyStatement render(String partition, String region);
    }

    /** Actions on resources inside the boundary, by callers inside it. */
    private record Scoped(String sid, List<String> actions, List<String> resources, AccessBoundary boundary,
                          boolean resourceScoped) implements Statement {
        @Override
        public PolicyStatement render(final String partition, final String region) {
            return new PolicyStatement(PolicyStatementProps.builder()
                    .sid(sid).effect(Effect.ALLOW).principals(List.of(new AnyPrincipal()))
                    .actions(actions)
                    .resources(resources.stream().map(r -> r.replace("{partition}", partition)
                            .replace("{region}", region)).toList())
                    .conditions(Maps.of("StringEquals", resourceScoped ? boundary.principalAndResourceCondition()
                            : boundary.principalCondition()))
                    .build());
        }
    }

    /**
     * Requests AWS services make on the callers' behalf with their service principals (example statement
     * {@code AllowRequestsByAWSServicePrincipals}); a caller's own credentials never carry this key as true.
     */
    private record AwsServices(String sid) implements Statement {
        @Override
        public PolicyStatement render(final String partition, final String region) {
            return new PolicyStatement(PolicyStatementProps.builder()
                    .sid(sid).effect(Effect.ALLOW).principals(List.of(new AnyPrincipal()))
                    .actions(List.of("*")).resources(List.of("*"))
                    .conditions(Maps.of("Bool", Maps.of("aws:PrincipalIsAWSService", "true")))
                    .build());
        }
    }

    /** Read access to AWS-owned buckets, by callers inside the boundary (the buckets are outside it). */
    private record AwsOwned(String sid, List<String> buckets, AccessBoundary boundary) implements Statement {
        @Override
        public PolicyStatement render(final String partition, final String region) {
            List<String> arns = buckets.stream()
                    .map(b -> "arn:" + partition + ":s3:::" + b.replace("{region}", region) + "/*").toList();
            return new PolicyStatement(PolicyStatementProps.builder()
                    .sid(sid).effect(Effect.ALLOW).principals(List.of(new AnyPrincipal()))
                    .actions(List.of("s3:GetObject")).resources(arns)
                    .conditions(Maps.of("StringEquals", boundary.principalCondition()))
                    .build());
        }
    }

    private record Custom(String sid, PolicyStatement statement) implements Statement {
        @Override
        public PolicyStatement render(final String partition, final String region) {
            return statement;
        }
    }
}
