package io.securevpc.network;

import io.securevpc.ErrorCode;
import io.securevpc.compliance.PublicIngressMarker;
import io.securevpc.internal.AwsIds;
import io.securevpc.internal.Problems;
import io.securevpc.internal.RequiredProps;
import java.util.List;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.ec2.Connections;
import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.constructs.Construct;

/**
 * A security group for one role of a workload (load balancer, application, database) whose rules name
 * other security groups instead of CIDRs (BP-NET-2, BP-NET-8). It allows nothing by default, in either
 * direction: no ingress, and no egress (unlike a default {@link SecurityGroup}).
 *
 * <p>{@link #allowFrom(TierSecurityGroup, PortRange, String)} opens one port between two groups in both
 * places it must be opened: ingress on this group and egress on the source group. Members of one group do
 * not reach each other unless {@link #allowWithinGroup(PortRange, String)} says so (BP-NET-7). Internet
 * ingress exists only through the explicit {@code publicIngressPorts} prop and warns at synth.
 */
public class TierSecurityGroup extends Construct implements IConnectable {
    private final SecurityGroup group;

    public TierSecurityGroup(final @NotNull Construct scope, final @NotNull String id,
                             final @NotNull TierSecurityGroupProps props) {
        super(scope, id);
        RequiredProps.of("TierSecurityGroup").require("props", props).check();
        validate(props);
        this.group = SecurityGroup.Builder.create(this, "Group")
                .vpc(props.getVpc())
                .description(props.getDescription())
                .allowAllOutbound(false)
                .allowAllIpv6Outbound(false)
                .build();
        openPublicIngress(publicIngressPorts(props));
    }

    /** @return the security group, for anything that takes an {@link ISecurityGroup}. */
    public @NotNull ISecurityGroup getSecurityGroup() {
        return group;
    }

    @Override
    public @NotNull Connections getConnections() {
        return group.getConnections();
    }

    /**
     * Lets members of {@code source} reach this group's members on {@code port}: an ingress rule here and
     * the matching egress rule on the source, both referencing groups, not addresses.
     */
    public void allowFrom(final @NotNull TierSecurityGroup source, final @NotNull PortRange port,
                          final @NotNull String description) {
        RequiredProps.of("TierSecurityGroup.allowFrom").require("source", source).check();
        checkPort("port", port);
        group.addIngressRule(source.group, port.toPort(), description);
        source.group.addEgressRule(group, port.toPort(), description);
    }

    /** Lets members of this group reach each other on {@code port} (BP-NET-7: not implied). */
    public void allowWithinGroup(final @NotNull PortRange port, final @NotNull String description) {
        checkPort("port", port);
        group.addIngressRule(group, port.toPort(), description);
        group.addEgressRule(group, port.toPort(), description);
    }

    /**
     * Lets members reach a managed prefix list (e.g. the S3 or DynamoDB list of a gateway endpoint) instead of
     * a wide CIDR (BP-EP-4).
     */
    public void allowEgressToPrefixList(final @NotNull String prefixListId, final @NotNull PortRange port,
                                        final @NotNull String description) {
        RequiredProps.of("TierSecurityGroup.allowEgressToPrefixList").require("prefixListId", prefixListId)
                .require("port", port).check();
        Problems problems = new Problems();
        AwsIds.check(problems, ErrorCode.SECURITY_GROUP, "prefixListId", prefixListId, AwsIds.Format.PREFIX_LIST_ID);
        problems.throwIfAny(() -> "TierSecurityGroup " + getNode().getPath());
        checkPort("port", port);
        group.addEgressRule(Peer.prefixList(prefixListId), port.toPort(), description);
    }

    /**
     * Lets members open connections to any IPv4 address on {@code port}, e.g. HTTPS through NAT. A
     * weakening of the default (no egress): warns at synth.
     */
    public void allowEgressToInternet(final @NotNull PortRange port, final @NotNull String description) {
        checkPort("port", port);
        group.addEgressRule(Peer.anyIpv4(), port.toPort(), description);
        Annotations.of(this).addWarningV2("@securevpc/network:internetEgress",
                "egress on " + port + " to 0.0.0.0/0: " + description);
    }

    private void openPublicIngress(final List<PortRange> ports) {
        if (ports.isEmpty()) {
            return;
        }
        for (PortRange port : ports) {
            group.addIngressRule(Peer.anyIpv4(), port.toPort(), "Internet clients of a load balancer (IPv4)");
        }
        // Marks the group public for the pack's SecurityGroupNoWorldIngress rule (80/443 from anywhere allowed).
        Tags.of(group).add(PublicIngressMarker.TAG_KEY, PublicIngressMarker.TAG_VALUE);
        Annotations.of(this).addWarningV2("@securevpc/network:publicIngress",
                "publicIngressPorts opens " + ports + " to 0.0.0.0/0: only for internet-facing load balancers "
                        + "(BP-NET-2, BP-NET-10).");
    }

    private void validate(final TierSecurityGroupProps props) {
        Problems problems = new Problems();
        if (props.getDescription().isBlank()) {
            problems.add(ErrorCode.SECURITY_GROUP, "description", props.getDescription(),
                    "a description of who the members are");
        }
        for (PortRange port : publicIngressPorts(props)) {
            if (!port.isValid()) {
                problems.add(ErrorCode.PORT, "publicIngressPorts", port.toString(), "ports from 0 to 65535, from <= to");
            }
            for (int admin : NaclPlan.REMOTE_ADMIN_PORTS) {
                if (port.contains(admin)) {
                    problems.add(ErrorCode.SECURITY_GROUP, "publicIngressPorts", port.toString(),
                            "ports a load balancer serves; never " + admin + " (remote administration) to the internet");
                }
            }
        }
        problems.throwIfAny(() -> "TierSecurityGroup " + getNode().getPath());
    }

    /** @return the ports open to the internet: none unless asked for. */
    private static List<PortRange> publicIngressPorts(final TierSecurityGroupProps props) {
        return props.getPublicIngressPorts() != null ? props.getPublicIngressPorts() : List.of();
    }

    private void checkPort(final String prop, final PortRange port) {
        RequiredProps.of("TierSecurityGroup").require(prop, port).check();
        if (!port.isValid()) {
            new Problems().add(ErrorCode.PORT, prop, port.toString(), "ports from 0 to 65535, from <= to")
                    .throwIfAny(() -> "TierSecurityGroup " + getNode().getPath());
        }
    }

    /**
     * A fluent builder, as every aws-cdk-lib construct has in Java: {@code TierSecurityGroup.Builder.create(this,
     * "App").vpc(network.getVpc()).description("Application").build()}.
     */
    public static final class Builder {
        private final Construct scope;
        private final String id;
        private final TierSecurityGroupProps.Builder props = TierSecurityGroupProps.builder();

        private Builder(final Construct scope, final String id) {
            this.scope = scope;
            this.id = id;
        }

        public static @NotNull Builder create(final @NotNull Construct scope, final @NotNull String id) {
            return new Builder(scope, id);
        }

        /** @see TierSecurityGroupProps#getVpc() */
        public @NotNull Builder vpc(final @NotNull IVpc vpc) {
            props.vpc(vpc);
            return this;
        }

        /** @see TierSecurityGroupProps#getDescription() */
        public @NotNull Builder description(final @NotNull String description) {
            props.description(description);
            return this;
        }

        /** @see TierSecurityGroupProps#getPublicIngressPorts() */
        public @NotNull Builder publicIngressPorts(final @Nullable List<PortRange> publicIngressPorts) {
            props.publicIngressPorts(publicIngressPorts);
            return this;
        }

        public @NotNull TierSecurityGroup build() {
            return new TierSecurityGroup(scope, id, props.build());
        }
    }
}
