package io.securevpc.endpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.securevpc.TestStacks;
import io.securevpc.iam.AccessRequest;
import io.securevpc.iam.ConditionClause;
import io.securevpc.iam.PolicyEvaluator;
import io.securevpc.iam.PolicyEvaluator.Decision;
import io.securevpc.iam.PolicyRule;
import io.securevpc.iam.RuleEffect;
import io.securevpc.network.SecureVpc;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;

/**
 * The resource perimeter of interface endpoint policies (BP-EP-3): per service, the synthesized policy, and what it
 * lets through when evaluated. An endpoint policy only allows (no deny), so a request it does not cover is refused
 * at the endpoint: {@link Decision#NOT_GRANTED} here, "explicitly denied by a VPC endpoint policy" in AWS.
 */
class EndpointPerimeterTest {
    private static final String ACCOUNT = "111111111111";
    private static final String FOREIGN = "999999999999";
    private static final String ORG = "o-a1b2c3d4e5";
    private static Template template;

    @BeforeAll
    static void synth() {
        Stack stack = TestStacks.regionalStack();
        SecureVpc vpc = new SecureVpc(stack, "Network", null);
        new InterfaceEndpoints(stack, "Endpoints", InterfaceEndpointsProps.builder()
                .vpc(vpc.getVpc())
                .presets(List.of(InterfaceEndpointPreset.SSM_MANAGED_INSTANCES, InterfaceEndpointPreset.ECR_PULL,
                        InterfaceEndpointPreset.KMS, InterfaceEndpointPreset.CLOUDWATCH_LOGS,
                        InterfaceEndpointPreset.STS, InterfaceEndpointPreset.SECRETS_MANAGER))
                .consumerCidrs(vpc.tierCidrs("workload"))
                .sharedSecurityGroup(true)
                .build());
        SecureVpc other = new SecureVpc(stack, "OrgNetwork", null);
        new InterfaceEndpoints(stack, "OrgEndpoints", InterfaceEndpointsProps.builder()
                .vpc(other.getVpc())
                .services(List.of(InterfaceVpcEndpointAwsService.SECRETS_MANAGER))
                .accessBoundary(AccessBoundary.organization(ORG))
                .consumerCidrs(other.tierCidrs("workload"))
                .build());
        template = Template.fromStack(stack);
    }

    // ------------------------------------------------------------------------------ synthesized policies

    @ParameterizedTest
    @ValueSource(strings = {"ecr.api", "ecr.dkr", "kms", "logs", "secretsmanager"})
    void dataServicesAllowOnlyPerimeterCallersOnPerimeterResourcesAndAwsServices(final String service) {
        assertEquals(List.of("CallersAndResourcesWithinBoundary", "AwsServicesOnCallersBehalf"), sids(service));
        Map<String, Object> perimeter = statement(service, "CallersAndResourcesWithinBoundary");
        assertEquals(Map.of("StringEquals", Map.of("aws:PrincipalAccount", List.of(ACCOUNT),
                "aws:ResourceAccount", List.of(ACCOUNT))), perimeter.get("Condition"));
        assertEquals(Map.of("Bool", Map.of("aws:PrincipalIsAWSService", "true")),
                statement(service, "AwsServicesOnCallersBehalf").get("Condition"));
    }

    @Test
    void stsAllowsAssumingOnlyRolesOfThePerimeterAndGetCallerIdentityForItsCallers() {
        assertEquals(List.of("CallersAndResourcesWithinBoundary", "AwsServicesOnCallersBehalf",
                "GetCallerIdentityWithinBoundary"), sids("sts"));
        assertEquals(List.of("sts:AssumeRole", "sts:TagSession"),
                statement("sts", "CallersAndResourcesWithinBoundary").get("Action"));
        Map<String, Object> identity = statement("sts", "GetCallerIdentityWithinBoundary");
        assertEquals("sts:GetCallerIdentity", identity.get("Action"));
        assertEquals(Map.of("StringEquals", Map.of("aws:PrincipalAccount", List.of(ACCOUNT))),
                identity.get("Condition"));
    }

    @Test
    void ssmAlsoAllowsAwsOwnedDocumentsAndPublicParameters() {
        assertEquals(List.of("CallersAndResourcesWithinBoundary", "AwsServicesOnCallersBehalf",
                "AwsOwnedSsmDocumentsAndParameters"), sids("ssm"));
        assertEquals(List.of("arn:aws:ssm:eu-west-1::parameter/aws/*", "arn:aws:ssm:eu-west-1::document/*"),
                statement("ssm", "AwsOwnedSsmDocumentsAndParameters").get("Resource"));
    }

    @Test
    void anOrganizationBoundaryUsesTheOrganizationsIdForCallersAndResources() {
        template.hasResourceProperties("AWS::EC2::VPCEndpoint", Map.of(
                "VpcId", Map.of("Ref", Match.stringLikeRegexp("OrgNetwork.*")),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Sid", "CallersAndResourcesWithinBoundary",
                        "Condition", Map.of("StringEquals", Map.of("aws:PrincipalOrgID", List.of(ORG),
                                "aws:ResourceOrgID", List.of(ORG))))))))));
    }

    // ---------------------------------------------------------------------------------------- evaluation

    @Test
    void aCallerOfTheAccountCannotSendDataToAnotherAccountsKeyLogGroupSecretOrRepository() {
        assertEquals(Decision.NOT_GRANTED, evaluate("kms", "kms:Encrypt", "arn:aws:kms:eu-west-1:" + FOREIGN
                + ":key/k", ACCOUNT, FOREIGN));
        assertEquals(Decision.NOT_GRANTED, evaluate("logs", "logs:PutLogEvents", "arn:aws:logs:eu-west-1:" + FOREIGN
                + ":log-group:exfil:log-stream:s", ACCOUNT, FOREIGN));
        assertEquals(Decision.NOT_GRANTED, evaluate("secretsmanager", "secretsmanager:PutSecretValue",
                "arn:aws:secretsmanager:eu-west-1:" + FOREIGN + ":secret:s", ACCOUNT, FOREIGN));
        assertEquals(Decision.NOT_GRANTED, evaluate("ecr.api", "ecr:InitiateLayerUpload",
                "arn:aws:ecr:eu-west-1:" + FOREIGN + ":repository/r", ACCOUNT, FOREIGN));
    }

    @Test
    void aCallerOfTheAccountReachesItsOwnResources() {
        assertEquals(Decision.ALLOWED, evaluate("kms", "kms:Decrypt", "arn:aws:kms:eu-west-1:" + ACCOUNT
                + ":key/k", ACCOUNT, ACCOUNT));
        assertEquals(Decision.ALLOWED, evaluate("logs", "logs:PutLogEvents", "arn:aws:logs:eu-west-1:" + ACCOUNT
                + ":log-group:app:log-stream:s", ACCOUNT, ACCOUNT));
    }

    @Test
    void aForeignCallerCannotUseTheEndpointEvenOnTheAccountsResources() {
        assertEquals(Decision.NOT_GRANTED, evaluate("secretsmanager", "secretsmanager:GetSecretValue",
                "arn:aws:secretsmanager:eu-west-1:" + ACCOUNT + ":secret:s", FOREIGN, ACCOUNT));
    }

    @Test
    void stsAssumesOnlyRolesOfTheAccountAndTellsCallersWhoTheyAre() {
        assertEquals(Decision.ALLOWED, evaluate("sts", "sts:AssumeRole", "arn:aws:iam::" + ACCOUNT + ":role/app",
                ACCOUNT, ACCOUNT));
        assertEquals(Decision.NOT_GRANTED, evaluate("sts", "sts:AssumeRole", "arn:aws:iam::" + FOREIGN
                + ":role/exfil", ACCOUNT, FOREIGN));
        assertEquals(Decision.ALLOWED, PolicyEvaluator.evaluate(rules("sts"),
                AccessRequest.of("sts:GetCallerIdentity", "*").with("aws:PrincipalAccount", ACCOUNT)));
        assertEquals(Decision.NOT_GRANTED, PolicyEvaluator.evaluate(rules("sts"),
                AccessRequest.of("sts:GetSessionToken", "*").with("aws:PrincipalAccount", ACCOUNT)
                        .with("aws:ResourceAccount", ACCOUNT)), "only the listed STS actions");
    }

    @Test
    void awsServicesActingOnTheCallersBehalfPass() {
        assertEquals(Decision.ALLOWED, PolicyEvaluator.evaluate(rules("kms"),
                AccessRequest.of("kms:Decrypt", "arn:aws:kms:eu-west-1:" + FOREIGN + ":key/k")
                        .with("aws:PrincipalIsAWSService", "true")));
        assertEquals(Decision.NOT_GRANTED, PolicyEvaluator.evaluate(rules("kms"),
                AccessRequest.of("kms:Decrypt", "arn:aws:kms:eu-west-1:" + FOREIGN + ":key/k")
                        .with("aws:PrincipalIsAWSService", "false").with("aws:PrincipalAccount", ACCOUNT)
                        .with("aws:ResourceAccount", FOREIGN)));
    }

    @Test
    void ssmSendsCommandsWithAwsOwnedDocumentsButNotWithAnotherAccountsDocuments() {
        assertEquals(Decision.ALLOWED, evaluate("ssm", "ssm:SendCommand",
                "arn:aws:ssm:eu-west-1::document/AWS-RunPatchBaseline", ACCOUNT, "aws-owned"));
        assertEquals(Decision.NOT_GRANTED, evaluate("ssm", "ssm:SendCommand",
                "arn:aws:ssm:eu-west-1:" + FOREIGN + ":document/exfil", ACCOUNT, FOREIGN));
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static Decision evaluate(final String service, final String action, final String resource,
                                     final String principalAccount, final String resourceAccount) {
        return PolicyEvaluator.evaluate(rules(service), AccessRequest.of(action, resource)
                .with("aws:PrincipalAccount", principalAccount).with("aws:ResourceAccount", resourceAccount)
                .with("aws:PrincipalIsAWSService", "false"));
    }

    /** The synthesized policy of the main construct's endpoint of {@code service}, as evaluator rules. */
    @SuppressWarnings("unchecked")
    private static List<PolicyRule> rules(final String service) {
        List<PolicyRule> rules = new ArrayList<>();
        for (Map<String, Object> s : statements(service)) {
            // the record itself: the builder refuses the wildcard actions an endpoint policy rightly uses
            List<ConditionClause> conditions = new ArrayList<>();
            ((Map<String, Map<String, Object>>) s.get("Condition")).forEach((operator, keys) ->
                    keys.forEach((key, values) -> conditions.add(new ConditionClause(operator, key, strings(values)))));
            assertEquals("Allow", s.get("Effect"));
            rules.add(new PolicyRule((String) s.get("Sid"), RuleEffect.ALLOW, strings(s.get("Action")), List.of(),
                    strings(s.get("Resource")), List.of(), conditions));
        }
        return rules;
    }

    private static List<String> strings(final Object value) {
        return value instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(value));
    }

    private static List<String> sids(final String service) {
        return statements(service).stream().map(s -> (String) s.get("Sid")).toList();
    }

    private static Map<String, Object> statement(final String service, final String sid) {
        return statements(service).stream().filter(s -> sid.equals(s.get("Sid"))).findFirst().orElseThrow();
    }

    /** The statements, with the account and partition references replaced by their values in the test stack. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statements(final String service) {
        Map<String, Map<String, Object>> found = template.findResources("AWS::EC2::VPCEndpoint", Map.of(
                "Properties", Map.of("ServiceName", "com.amazonaws.eu-west-1." + service,
                        "VpcId", Map.of("Ref", Match.stringLikeRegexp("^NetworkVpc.*")))));
        assertEquals(1, found.size(), service);
        Map<String, Object> props = (Map<String, Object>) found.values().iterator().next().get("Properties");
        List<Object> statements = (List<Object>) ((Map<String, Object>) props.get("PolicyDocument")).get("Statement");
        return statements.stream().map(s -> (Map<String, Object>) literal(s)).toList();
    }

    @SuppressWarnings("unchecked")
    private static Object literal(final Object node) {
        if (node instanceof Map<?, ?> m && m.size() == 1 && m.containsKey("Ref")) {
            return switch ((String) m.get("Ref")) {
                case "AWS::AccountId" -> ACCOUNT;
                case "AWS::Partition" -> "aws";
                default -> node;
            };
        }
        if (node instanceof Map<?, ?> m && m.size() == 1 && m.containsKey("Fn::Join")) {
            List<Object> join = (List<Object>) m.get("Fn::Join");
            StringBuilder text = new StringBuilder();
            for (Object part : (List<Object>) join.get(1)) {
                text.append(literal(part));
            }
            return text.toString();
        }
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put((String) k, literal(v)));
            return copy;
        }
        if (node instanceof List<?> l) {
            return l.stream().map(EndpointPerimeterTest::literal).toList();
        }
        return node;
    }
}
