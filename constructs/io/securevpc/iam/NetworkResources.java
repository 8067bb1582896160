package io.securevpc.iam;

import io.securevpc.internal.RequiredProps;
import java.util.List;
import java.util.stream.Collectors;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * The exact resources of one VPC that operator policies name (BP-IAM-2): identifiers and ARNs as strings, which
 * are CDK tokens inside a stack ({@link NetworkOperatorRoles} reads them from an {@code IVpc}) and literals in
 * unit tests and SCP documents.
 *
 * @param partition e.g. {@code aws}
 * @param region e.g. {@code eu-west-1}
 * @param account the 12-digit account id
 * @param vpcId the VPC's id
 * @param subnetIds every subnet of the VPC
 * @param routeTableIds the route tables of those subnets
 * @param securityGroupIds the security groups the security-group administrator manages
 * @param networkAclIds the NACLs the NACL administrator manages
 * @param vpcEndpointIds the interface/gateway endpoints of the VPC (no operator duty modifies them: BP-EP-3)
 * @param logGroupArns log groups the audit reader reads (flow logs, trail)
 * @param bucketArns buckets the audit reader lists (flow logs, trail, Config)
 */
public record NetworkResources(String partition, String region, String account, String vpcId,
                               List<String> subnetIds, List<String> routeTableIds, List<String> securityGroupIds,
                               List<String> networkAclIds, List<String> vpcEndpointIds, List<String> logGroupArns,
                               List<String> bucketArns) {

    public NetworkResources {
        RequiredProps.of("NetworkResources").require("partition", partition).require("region", region)
                .require("account", account).require("vpcId", vpcId)
                .elements("subnetIds", subnetIds).elements("routeTableIds", routeTableIds)
                .elements("securityGroupIds", securityGroupIds).elements("networkAclIds", networkAclIds)
                .elements("vpcEndpointIds", vpcEndpointIds).elements("logGroupArns", logGroupArns)
                .elements("bucketArns", bucketArns).check();
        subnetIds = copy(subnetIds);
        routeTableIds = copy(routeTableIds);
        securityGroupIds = copy(securityGroupIds);
        networkAclIds = copy(networkAclIds);
        vpcEndpointIds = copy(vpcEndpointIds);
        logGroupArns = copy(logGroupArns);
        bucketArns = copy(bucketArns);
    }

    /** @return the VPC's ARN, the value of the {@code ec2:Vpc} condition key. */
    public @NotNull String vpcArn() {
        return ec2Arn("vpc", vpcId);
    }

    /** @return {@code arn:PARTITION:ec2:REGION:ACCOUNT:TYPE/ID}. */
    public @NotNull String ec2Arn(final @NotNull String type, final @NotNull String id) {
        return "arn:" + partition + ":ec2:" + region + ":" + account + ":" + type + "/" + id;
    }

    /** @return the ARN of each id, of one EC2 resource type. */
    public @NotNull List<String> ec2Arns(final @NotNull String type, final @NotNull List<String> ids) {
        return ids.stream().map(id -> ec2Arn(type, id)).collect(Collectors.toList());
    }

    public static Builder builder(final @NotNull String partition, final @NotNull String region,
                                  final @NotNull String account, final @NotNull String vpcId) {
        return new Builder(partition, region, account, vpcId);
    }

    private static List<String> copy(final @Nullable List<String> v) {
        return v == null ? List.of() : List.copyOf(v);
    }

    /** Builder of {@link NetworkResources}; every list defaults to empty. */
    public static final class Builder {
        private final String partition;
        private final String region;
        private final String account;
        private final String vpcId;
        private List<String> subnetIds;
        private List<String> routeTableIds;
        private List<String> securityGroupIds;
        private List<String> networkAclIds;
        private List<String> vpcEndpointIds;
        private List<String> logGroupArns;
        private List<String> bucketArns;

        private Builder(final String partition, final String region, final String account, final String vpcId) {
            this.partition = partition;
            this.region = region;
            this.account = account;
            this.vpcId = vpcId;
        }

        public Builder subnetIds(final List<String> v) {
            this.subnetIds = v;
            return this;
        }

        public Builder routeTableIds(final List<String> v) {
            this.routeTableIds = v;
            return this;
        }

        public Builder securityGroupIds(final List<String> v) {
            this.securityGroupIds = v;
            return this;
        }

        public Builder networkAclIds(final List<String> v) {
            this.networkAclIds = v;
            return this;
        }

        public Builder vpcEndpointIds(final List<String> v) {
            this.vpcEndpointIds = v;
            return this;
        }

        public Builder logGroupArns(final List<String> v) {
            this.logGroupArns = v;
            return this;
        }

        public Builder bucketArns(final List<String> v) {
            this.bucketArns = v;
            return this;
        }

        public NetworkResources build() {
            return new NetworkResources(partition, region, account, vpcId, subnetIds, routeTableIds,
                    securityGroupIds, networkAclIds, vpcEndpointIds, logGroupArns, bucketArns);
        }
    }
}
