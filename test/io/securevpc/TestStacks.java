package io.securevpc;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Stacks for tests: one app per stack, AZs fixed so no lookup ever happens. */
public final class TestStacks {
    public static final List<String> AZS = List.of("eu-west-1a", "eu-west-1b", "eu-west-1c");

    private TestStacks() {
    }

    /** An environment-agnostic stack (2 AZs from the CDK's defaults unless the construct gives its own). */
    public static Stack agnosticStack() {
        return new Stack(new App(), "Test");
    }

    /** A stack in eu-west-1 of account 111111111111 whose AZ lookups are pre-seeded. */
    public static Stack regionalStack() {
        App app = App.Builder.create().context(Map.of(
                "availability-zones:account=111111111111:region=eu-west-1", AZS)).build();
        return new Stack(app, "Test", StackProps.builder()
                .env(Environment.builder().account("111111111111").region("eu-west-1").build()).build());
    }

    /** Builds something into a fresh regional stack and returns its template. */
    public static Template template(final Consumer<Stack> body) {
        Stack stack = regionalStack();
        body.accept(stack);
        return Template.fromStack(stack);
    }

    public static Annotations annotations(final Stack stack) {
        return Annotations.fromStack(stack);
    }

    /** An ARN as CDK renders it in a stack without a fixed partition: {@code arn:<partition><rest>}. */
    public static Object arn(final String rest) {
        return Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"), rest)));
    }

    /**
     * Asserts a role that only one service may assume, for this stack's account and its own resources only
     * (no confused deputy): {@code aws:SourceAccount} 111111111111 and {@code aws:SourceArn} like {@code arn(sourceArnRest)}.
     */
    public static void assertServiceRoleTrust(final Template template, final String service,
                                              final String sourceArnRest) {
        template.hasResourceProperties("AWS::IAM::Role", Map.of("AssumeRolePolicyDocument", Map.of("Statement",
                List.of(Match.objectLike(Map.of(
                        "Principal", Map.of("Service", service),
                        "Condition", Map.of(
                                "StringEquals", Map.of("aws:SourceAccount", "111111111111"),
                                "ArnLike", Map.of("aws:SourceArn", arn(sourceArnRest)))))))));
    }
}
