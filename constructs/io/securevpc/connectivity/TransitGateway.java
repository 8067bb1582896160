package io.securevpc.connectivity;

import io.securevpc.ErrorCode;
import io.securevpc.internal.Problems;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.services.ec2.CfnTransitGateway;
import software.constructs.Construct;

/**
 * A Transit Gateway, the hub of many VPCs and on-premises networks (BP-MV-4), segmented by default (BP-MV-1):
 * it accepts no shared attachment automatically and has no default route table, so no attachment is associated
 * with or propagated into a table it did not ask for. Each {@link TransitGatewayAttachment} made on it gets a
 * route table of its own, and every path between two attachments is a static route added on purpose
 * ({@link TransitGatewayAttachment#routeTo}).
 */
public class TransitGateway extends Construct {
    private static final long DEFAULT_ASN = 64512;

    private final CfnTransitGateway resource;

    public TransitGateway(final @NotNull Construct scope, final @NotNull String id,
                          final @Nullable TransitGatewayProps props) {
        super(scope, id);
        TransitGatewayProps p = props != null ? props : TransitGatewayProps.builder().build();
        validate(p);
        this.resource = CfnTransitGateway.Builder.create(this, "Resource")
                .description(p.getDescription() != null ? p.getDescription()
                        : "Transit Gateway of " + getNode().getPath() + ": no default association or propagation")
                .amazonSideAsn(p.getAmazonSideAsn() != null ? p.getAmazonSideAsn().longValue() : DEFAULT_ASN)
                .autoAcceptSharedAttachments("disable")
                .defaultRouteTableAssociation("disable")
                .defaultRouteTablePropagation("disable")
                .dnsSupport("enable")
                .vpnEcmpSupport("enable")
                .build();
    }

    /** @return the Transit Gateway's id. */
    public @NotNull String getTransitGatewayId() {
        return resource.getRef();
    }

    private void validate(final TransitGatewayProps p) {
        Problems problems = new Problems();
        Integer asn = p.getAmazonSideAsn();
        // Java's int cannot hold the 32-bit private range (4200000000-4294967294): 16-bit private ASNs only here.
        if (asn != null && (asn < 64512 || asn > 65534)) {
            problems.add(ErrorCode.CONNECTIVITY, "amazonSideAsn", asn, "a private 16-bit ASN from 64512 to 65534");
        }
        problems.throwIfAny(() -> "TransitGateway " + getNode().getPath());
    }
}
