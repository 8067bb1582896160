package io.securevpc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.securevpc.TestStacks;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.MetadataEntry;

/**
 * WildcardAcknowledgements: one AwsSolutions-IAM5 acknowledgement per wildcard resource, its reason naming what
 * narrows it; a wildcard nothing narrows is left for the gate to report.
 */
class WildcardAcknowledgementsTest {

    @Test
    void acknowledgesEachNarrowedWildcardWithItsConditionAndLeavesTheOthers() {
        Stack stack = TestStacks.regionalStack();
        List<PolicyStatement> statements = List.of(
                PolicyStatement.Builder.create().actions(List.of("ec2:ModifyNetworkInterfaceAttribute"))
                        .resources(List.of("arn:aws:ec2:eu-west-1:111111111111:network-interface/*"))
                        .conditions(Maps.of("ArnEquals", Maps.of("ec2:Vpc", "arn:aws:ec2:eu-west-1:111111111111:vpc/v")))
                        .build(),
                PolicyStatement.Builder.create().actions(List.of("ec2:DescribeInstances"))
                        .resources(List.of("*")).build(),
                PolicyStatement.Builder.create().actions(List.of("ec2:TerminateInstances"))
                        .resources(List.of("arn:aws:ec2:eu-west-1:111111111111:instance/*"))
                        .conditions(Maps.of("StringEquals", Maps.of("aws:RequestedRegion", "eu-west-1"))).build());
        ManagedPolicy policy = ManagedPolicy.Builder.create(stack, "Policy").statements(statements).build();

        WildcardAcknowledgements.acknowledge(policy, statements, "Acts on whatever resource the event names");

        Map<String, String> acknowledged = new TreeMap<>();
        for (MetadataEntry entry : policy.getNode().getDefaultChild().getNode().getMetadata()) {
            if (Validations.ACKNOWLEDGED_RULES_METADATA_KEY.equals(entry.getType())
                    && entry.getData() instanceof Map<?, ?> data) {
                data.forEach((id, reason) -> acknowledged.put(String.valueOf(id)
                        .replaceFirst("(?i)^annotation::", ""), String.valueOf(reason)));
            }
        }
        assertEquals(Map.of(
                "AwsSolutions-IAM5[Resource::arn:aws:ec2:eu-west-1:111111111111:network-interface/*]",
                "Acts on whatever resource the event names. Narrowed by ec2:Vpc.",
                "AwsSolutions-IAM5[Resource::*]",
                "Acts on whatever resource the event names. No resource-level permissions: ec2:DescribeInstances."),
                acknowledged);
    }
}
