package io.securevpc.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.securevpc.internal.Maps;
import io.securevpc.internal.WildcardAcknowledgements;
import java.util.List;
import java.util.Map;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.config.CfnConfigurationAggregator;
import software.amazon.awscdk.services.config.CfnConfigurationRecorder;
import software.amazon.awscdk.services.config.CfnConformancePack;
import software.amazon.awscdk.services.config.CfnDeliveryChannel;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

/**
 * The optional parts of {@link ConfigBaseline} (BP-AUD-3), created in the baseline's own scope so their construct
 * paths are the baseline's: the conformance pack of the VPC rules and the organization aggregator.
 */
final class ConfigBaselineOptions {
    private ConfigBaselineOptions() {
    }

    /**
     * The VPC rules again, as one conformance pack {@code securevpc-vpc-baseline}: its template is the rules'
     * CloudFormation declaration ({@code packRules}, by construct id).
     */
    static CfnConformancePack conformancePack(final Construct baseline, final Map<String, Object> packRules,
                                             final @Nullable CfnConfigurationRecorder recorder,
                                             final @Nullable CfnDeliveryChannel deliveryChannel) {
        String body;
        try {
            body = new ObjectMapper().writeValueAsString(Maps.of("Resources", packRules));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        CfnConformancePack pack = CfnConformancePack.Builder.create(baseline, "VpcConformancePack")
                .conformancePackName("securevpc-vpc-baseline")
                .templateBody(body)
                .build();
        if (recorder != null) {
            pack.getNode().addDependency(recorder, deliveryChannel);
        }
        return pack;
    }

    /**
     * An aggregator of the organization's accounts and regions, and its role: AWS Config of this account only
     * ({@code aws:SourceAccount}) may assume it, to make the Organizations read calls the aggregator needs (they have
     * no resource-level permissions, hence {@code *}).
     */
    static CfnConfigurationAggregator organizationAggregator(final Construct baseline) {
        Stack stack = Stack.of(baseline);
        Role role = Role.Builder.create(baseline, "AggregatorRole")
                .description("AWS Config reads the organization's accounts for the aggregator of "
                        + baseline.getNode().getPath())
                .assumedBy(new ServicePrincipal("config.amazonaws.com", null).withConditions(Maps.of(
                        "StringEquals", Maps.of("aws:SourceAccount", stack.getAccount()))))
                .build();
        List<PolicyStatement> statements = List.of(PolicyStatement.Builder.create()
                .sid("ReadTheOrganization")
                .effect(Effect.ALLOW)
                .actions(List.of("organizations:DescribeOrganization", "organizations:ListAWSServiceAccessForOrganization",
                        "organizations:ListAccounts", "organizations:ListDelegatedAdministrators"))
                .resources(List.of("*"))
                .build());
        ManagedPolicy policy = ManagedPolicy.Builder.create(baseline, "AggregatorPolicy")
                .description("The Organizations read calls of the AWS Config organization aggregator, nothing else")
                .statements(statements)
                .roles(List.of(role))
                .build();
        WildcardAcknowledgements.acknowledge(policy, statements,
                "The Organizations read calls of an AWS Config organization aggregator (DescribeOrganization, "
                        + "ListAccounts, ListAWSServiceAccessForOrganization, ListDelegatedAdministrators) have no "
                        + "resource-level permissions, so they name * (BP-IAM-2)");
        CfnConfigurationAggregator aggregator = CfnConfigurationAggregator.Builder.create(baseline,
                        "OrganizationAggregator")
                .organizationAggregationSource(CfnConfigurationAggregator.OrganizationAggregationSourceProperty.builder()
                        .roleArn(role.getRoleArn())
                        .allAwsRegions(true)
                        .build())
                .build();
        aggregator.getNode().addDependency(policy);
        return aggregator;
    }
}
