package io.securevpc.defaults;

import io.securevpc.AppContext;
import io.securevpc.TestStacks;
import io.securevpc.compliance.AuditBaselineDeclaration;
import java.util.List;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.FlowLog;
import software.amazon.awscdk.services.ec2.FlowLogResourceType;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpoint;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpoint;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.sns.Topic;

/**
 * A consumer's app written with plain L2 constructs, each left at the CDK's defaults: what a team writes before it
 * adopts the blueprint. With cdk.json's feature flags, in eu-west-1 with its AZs given (no lookup).
 */
final class PlainConsumerApp {
    private PlainConsumerApp() {
    }

    /** A fresh app with cdk.json's context and the AZs of account 111111111111 in eu-west-1. */
    static App app() {
        App app = AppContext.app();
        app.getNode().setContext("availability-zones:account=111111111111:region=eu-west-1", TestStacks.AZS);
        return app;
    }

    static Stack stack(final App app) {
        return new Stack(app, "Consumer", StackProps.builder()
                .env(Environment.builder().account("111111111111").region("eu-west-1").build()).build());
    }

    /** Every construct type {@link SecureDefaults} covers, with no prop beyond the required ones. */
    static Stack build(final App app) {
        Stack stack = stack(app);
        Vpc vpc = new Vpc(stack, "Vpc");
        SecurityGroup app1 = SecurityGroup.Builder.create(stack, "AppSecurityGroup").vpc(vpc).build();
        InterfaceVpcEndpoint ssm = InterfaceVpcEndpoint.Builder.create(stack, "SsmEndpoint").vpc(vpc)
                .service(InterfaceVpcEndpointAwsService.SSM).build();
        ssm.getConnections().allowDefaultPortFrom(app1);
        GatewayVpcEndpoint.Builder.create(stack, "S3Endpoint").vpc(vpc).service(GatewayVpcEndpointAwsService.S3)
                .build();
        FlowLog.Builder.create(stack, "VpcFlowLog").resourceType(FlowLogResourceType.fromVpc(vpc)).build();
        new Bucket(stack, "Data");
        new LogGroup(stack, "AppLogs");
        new Key(stack, "DataKey");
        new Topic(stack, "Alerts");
        // The team's account has its audit baseline from the organization (a statement of the app, not a default).
        AuditBaselineDeclaration.declare(stack, "Organization trail, delegated AWS Config and GuardDuty "
                + "administrator in the security account", List.of(AuditBaselineDeclaration.CLOUDTRAIL,
                AuditBaselineDeclaration.CONFIG, AuditBaselineDeclaration.GUARDDUTY));
        return stack;
    }
}
