package io.securevpc.network;

import io.securevpc.compliance.Acknowledgements;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Validations;
import software.constructs.IConstruct;
import software.constructs.MetadataEntry;

/**
 * The findings on aws-cdk-lib's provider of {@code restrictDefaultSecurityGroup} (its function and role, one per
 * stack, shared by every VPC of the stack), acknowledged per resource and rule. They cannot be fixed here: the
 * provider is CDK's singleton {@code CustomResourceProvider}, which makes both as plain {@code CfnResource}s with
 * fixed properties, and {@link software.amazon.awscdk.services.ec2.Vpc} offers no setting for it (no VPC, dead-letter
 * queue, reserved concurrency, tracing, managed policy or log policy). Reserving concurrency through a property override
 * would also make deployment fail in accounts whose unreserved concurrency is at its minimum.
 *
 * <p>{@link SecureVpc} calls it for its own stack; an app with a plain {@code Vpc} whose default security group is
 * restricted gets the same through {@code io.securevpc.defaults.SecureDefaults}, or calls {@link #acknowledge}.
 */
public final class DefaultSecurityGroupProvider {
    /** The provider's construct id in the stack, as aws-cdk-lib names it. */
    static final String PROVIDER_ID = "Custom::VpcRestrictDefaultSGCustomResourceProvider";

    static final String NO_VPC = "aws-cdk-lib's provider for restrictDefaultSecurityGroup: it runs only while "
            + "CloudFormation creates, updates or deletes the stack's Custom::VpcRestrictDefaultSG resources, and "
            + "calls only the EC2 API (revoke and authorize on the default security group) and CloudFormation's "
            + "response URL; it reaches nothing inside the VPC, and aws-cdk-lib offers no VPC setting for it.";
    static final String NO_DLQ = "aws-cdk-lib's provider for restrictDefaultSecurityGroup is invoked only by "
            + "CloudFormation for the Custom::VpcRestrictDefaultSG resources; its entry point reports any error to "
            + "CloudFormation, which fails and rolls back the stack operation, so no event is lost for a "
            + "dead-letter queue to keep. aws-cdk-lib offers no dead-letter setting for it.";
    static final String NO_RESERVED_CONCURRENCY = "aws-cdk-lib's provider for restrictDefaultSecurityGroup runs only "
            + "during deployments, once per Custom::VpcRestrictDefaultSG create, update or delete; reserving "
            + "concurrency would take it from the account's unreserved pool (deployment fails where that pool is at "
            + "its minimum), and aws-cdk-lib offers no setting for it.";
    static final String NO_TRACING = "aws-cdk-lib's provider for restrictDefaultSecurityGroup makes one EC2 call per "
            + "rule of a default security group, only during deployments; each run is recorded in CloudFormation's "
            + "stack events, CloudTrail and the function's logs, and aws-cdk-lib offers no tracing setting for it.";
    static final String INLINE_POLICY = "aws-cdk-lib's provider for restrictDefaultSecurityGroup writes its "
            + "permissions as this role's inline policy: ec2:Authorize/RevokeSecurityGroupIngress/Egress on the "
            + "default security groups of this stack's VPCs only. It belongs to this role alone, and aws-cdk-lib "
            + "offers no managed-policy setting for it.";
    static final String BASIC_EXECUTION = "aws-cdk-lib's provider for restrictDefaultSecurityGroup attaches "
            + "AWSLambdaBasicExecutionRole, which grants only logs:CreateLogGroup, logs:CreateLogStream and "
            + "logs:PutLogEvents for the function's own logs; aws-cdk-lib offers no setting to replace it.";
    static final String BASIC_EXECUTION_FINDING =
            "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]";

    private DefaultSecurityGroupProvider() {
    }

    /**
     * Acknowledges the provider's findings in the stack of {@code scope}, once per stack; does nothing when the
     * stack has no such provider (yet: call it after the VPCs are created).
     */
    public static void acknowledge(final IConstruct scope) {
        IConstruct provider = Stack.of(scope).getNode().tryFindChild(PROVIDER_ID);
        if (provider == null) {
            return;
        }
        IConstruct handler = provider.getNode().tryFindChild("Handler");
        IConstruct role = provider.getNode().tryFindChild("Role");
        if (!(handler instanceof CfnResource function) || alreadyAcknowledged(function)) {
            return;
        }
        Acknowledgements.acknowledge(function, NO_VPC, "HIPAA.Security-LambdaInsideVPC",
                "NIST.800.53.R4-LambdaInsideVPC", "NIST.800.53.R5-LambdaInsideVPC", "PCI.DSS.321-LambdaInsideVPC");
        Acknowledgements.acknowledge(function, NO_DLQ, "HIPAA.Security-LambdaDLQ", "NIST.800.53.R5-LambdaDLQ",
                "Serverless-LambdaDLQ");
        Acknowledgements.acknowledge(function, NO_RESERVED_CONCURRENCY, "HIPAA.Security-LambdaConcurrency",
                "NIST.800.53.R5-LambdaConcurrency");
        Acknowledgements.acknowledge(function, NO_TRACING, "Serverless-LambdaTracing");
        if (role instanceof CfnResource cfnRole) {
            Acknowledgements.acknowledge(cfnRole, INLINE_POLICY, "HIPAA.Security-IAMNoInlinePolicy",
                    "NIST.800.53.R4-IAMNoInlinePolicy", "NIST.800.53.R5-IAMNoInlinePolicy",
                    "PCI.DSS.321-IAMNoInlinePolicy");
            Acknowledgements.acknowledge(cfnRole, BASIC_EXECUTION, BASIC_EXECUTION_FINDING);
        }
    }

    /** A second VPC of the stack shares the provider: acknowledged already by the first. */
    private static boolean alreadyAcknowledged(final CfnResource handler) {
        for (MetadataEntry entry : handler.getNode().getMetadata()) {
            if (Validations.ACKNOWLEDGED_RULES_METADATA_KEY.equals(entry.getType())) {
                return true;
            }
        }
        return false;
    }
}
