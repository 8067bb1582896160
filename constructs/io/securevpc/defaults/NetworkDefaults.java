package io.securevpc.defaults;

import io.securevpc.internal.EndpointPolicySupport;
import io.securevpc.internal.Maps;
import io.securevpc.internal.QueryLogDelivery;
import io.securevpc.network.FlowLogDeliveryRole;
import io.securevpc.network.FlowLogFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.IPropertyInjector;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.FlowLog;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogResourceType;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpoint;
import software.amazon.awscdk.services.ec2.IInterfaceVpcEndpointService;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpoint;
import software.amazon.awscdk.services.ec2.LogFormat;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.route53resolver.CfnResolverQueryLoggingConfig;
import software.amazon.awscdk.services.route53resolver.CfnResolverQueryLoggingConfigAssociation;
import software.constructs.Construct;

/** The injectors of the network constructs (BP-NET-*, BP-MON-1, BP-EP-*). Package-private: see {@link SecureDefaults}. */
final class NetworkDefaults {
    private NetworkDefaults() {
    }

    /** Vpc: isolated subnets only unless configured, no public IP on launch, default group closed, flow logs. */
    static final class VpcDefaults extends InjectedProps implements IPropertyInjector {
        VpcDefaults() {
            super(Vpc.PROPERTY_INJECTION_ID);
        }

        @Override
        void addDefaults(final Map<String, Object> props, final Construct scope, final String id) {
            if (isUnset(props, "subnetConfiguration") && isUnset(props, "natGateways")
                    && isUnset(props, "natGatewayProvider") && isUnset(props, "natGatewaySubnets")) {
                // SecureVpc's default: no internet gateway, no NAT (BP-NET-1, BP-NET-10, BP-EP-1).
                props.put("subnetConfiguration", List.of(
                        SubnetConfiguration.builder().name("workload").subnetType(SubnetType.PRIVATE_ISOLATED)
                                .cidrMask(22).build(),
                        SubnetConfiguration.builder().name("endpoints").subnetType(SubnetType.PRIVATE_ISOLATED)
                                .cidrMask(26).build()));
            } else if (props.get("subnetConfiguration") instanceof List<?> subnets) {
                props.put("subnetConfiguration", withoutPublicIpOnLaunch(subnets));
            }
            putIfUnset(props, "restrictDefaultSecurityGroup", true);
            // Traffic type, format and destination come from the FlowLog injector (BP-MON-1).
            putIfUnset(props, "flowLogs", Maps.of("FlowLogs", Maps.of()));   // options {}: an empty struct would not deserialize
        }

        /** Every public subnet group that does not say otherwise gets {@code mapPublicIpOnLaunch: false} (BP-NET-3). */
        private static List<Object> withoutPublicIpOnLaunch(final List<?> subnets) {
            List<Object> out = new ArrayList<>();
            for (Object subnet : subnets) {
                if (subnet instanceof Map<?, ?> given && given.get("mapPublicIpOnLaunch") == null
                        && "Public".equals(given.get("subnetType"))) {
                    Map<Object, Object> copy = new LinkedHashMap<>(given);
                    copy.put("mapPublicIpOnLaunch", false);
                    out.add(copy);
                } else if (subnet instanceof SubnetConfiguration c && c.getMapPublicIpOnLaunch() == null
                        && c.getSubnetType() == SubnetType.PUBLIC) {
                    out.add(SubnetConfiguration.builder().name(c.getName()).subnetType(c.getSubnetType())
                            .cidrMask(c.getCidrMask()).reserved(c.getReserved()).ipv6AssignAddressOnCreation(
                                    c.getIpv6AssignAddressOnCreation()).mapPublicIpOnLaunch(false).build());
                } else {
                    out.add(subnet);
                }
            }
            return out;
        }
    }

    /** SecurityGroup: nothing out unless allowed (BP-NET-2, BP-NET-7). */
    static final class SecurityGroupDefaults extends InjectedProps implements IPropertyInjector {
        SecurityGroupDefaults() {
            super(SecurityGroup.PROPERTY_INJECTION_ID);
        }

        @Override
        void addDefaults(final Map<String, Object> props, final Construct scope, final String id) {
            putIfUnset(props, "allowAllOutbound", false);
        }
    }

    /**
     * FlowLog: traffic ALL, the full v2-v5 format, and without a destination a CloudWatch Logs group written by a
     * role with a customer managed policy on that group only (CDK's own role has an inline policy).
     */
    static final class FlowLogDefaults extends InjectedProps implements IPropertyInjector {
        private List<LogFormat> format;

        FlowLogDefaults() {
            super(FlowLog.PROPERTY_INJECTION_ID);
        }

        @Override
        void addDefaults(final Map<String, Object> props, final Construct scope, final String id) {
            putIfUnset(props, "trafficType", FlowLogTrafficType.ALL);
            if (isUnset(props, "logFormat")) {
                if (format == null) {
                    // Once per app: the first use of LogFormat reads its 40 constants from JavaScript.
                    format = List.of(LogFormat.custom(FlowLogFormat.FORMAT));
                }
                props.put("logFormat", format);
            }
            if (isUnset(props, "destination")) {
                props.put("destination", cloudWatchLogs(scope, id));
                queryLogs(props.get("resourceType"), scope, id);
            }
        }

        /**
         * A VPC's DNS queries too (BP-MON-1, BP-NET-6), which its flow logs do not record: Route 53 Resolver query
         * logging to a log group beside the flow logs' (encrypted by the LogGroup injector).
         */
        private static void queryLogs(final Object resourceType, final Construct scope, final String id) {
            if (!(resourceType instanceof FlowLogResourceType type) || !"VPC".equals(type.getResourceType())) {
                return;
            }
            LogGroup group = new LogGroup(scope, id + "QueryLogGroup");
            group.addToResourcePolicy(QueryLogDelivery.toLogGroup(Stack.of(scope), group.getLogGroupArn()));
            CfnResolverQueryLoggingConfig config = CfnResolverQueryLoggingConfig.Builder.create(scope, id + "QueryLogs")
                    .destinationArn(group.getLogGroupArn()).build();
            CfnResolverQueryLoggingConfigAssociation.Builder.create(scope, id + "QueryLogsAssociation")
                    .resolverQueryLogConfigId(config.getRef()).resourceId(type.getResourceId()).build();
        }

        private static FlowLogDestination cloudWatchLogs(final Construct scope, final String id) {
            Stack stack = Stack.of(scope);
            LogGroup group = new LogGroup(scope, id + "LogGroup");   // encrypted by the LogGroup injector
            return FlowLogDestination.toCloudWatchLogs(group, FlowLogDeliveryRole.create(scope, id,
                    "Lets VPC Flow Logs of this account write to one log group", group));
        }
    }

    /** InterfaceVpcEndpoint: closed until a consumer is allowed, private DNS, a policy for this account's callers. */
    static final class InterfaceEndpointDefaults extends InjectedProps implements IPropertyInjector {
        InterfaceEndpointDefaults(final SecureDefaults defaults) {
            super(InterfaceVpcEndpoint.PROPERTY_INJECTION_ID, defaults);
        }

        @Override
        void addDefaults(final Map<String, Object> props, final Construct scope, final String id) {
            putIfUnset(props, "open", false);
            putIfUnset(props, "privateDnsEnabled", true);
            if (props.get("service") instanceof IInterfaceVpcEndpointService service) {
                String name = service.getName();
                String shortName = name.substring(name.lastIndexOf('.') + 1);
                if (!EndpointPolicySupport.NO_POLICY_SUPPORT.contains(shortName)) {
                    defaults.endpointPolicies(scope).add(id);
                }
            }
        }
    }

    /** GatewayVpcEndpoint: a policy for this account's callers. */
    static final class GatewayEndpointDefaults extends InjectedProps implements IPropertyInjector {
        GatewayEndpointDefaults(final SecureDefaults defaults) {
            super(GatewayVpcEndpoint.PROPERTY_INJECTION_ID, defaults);
        }

        @Override
        void addDefaults(final Map<String, Object> props, final Construct scope, final String id) {
            defaults.endpointPolicies(scope).add(id);
        }
    }
}
