package io.securevpc.app;

import io.securevpc.connectivity.TransitGateway;
import io.securevpc.connectivity.TransitGatewayAttachment;
import io.securevpc.connectivity.TransitGatewayAttachmentProps;
import io.securevpc.connectivity.TransitGatewayProps;
import io.securevpc.connectivity.VpcPeering;
import io.securevpc.connectivity.VpcPeeringProps;
import io.securevpc.internal.LogRetention;
import io.securevpc.network.PortRange;
import io.securevpc.network.SecureVpc;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.constructs.Construct;

/**
 * The connections between the environments of one account and region (BP-MV-1, BP-MV-2, BP-MV-4): the Transit
 * Gateway and its attachments, and the VPC peering connections, with the routes they add to the environments'
 * route tables. Kept out of the {@link NetworkStack}s because a connection changes two of them: here it only
 * reads their VPCs, subnets and route tables (exports of those stacks), and the NACL entries it needs are added
 * to the NACLs in their own stacks, so no network stack depends on another or on this one.
 *
 * <p>Transit Gateway: segmented, one route table per attachment, nothing propagated; each attached environment's
 * route tiers get routes to every other attached environment's route tiers (never the whole VPC), and its table
 * on the Transit Gateway static routes to the same blocks. Each attachment sits in the tier the configuration names:
 * a {@code transit} tier the app adds (a /28 per AZ), or an existing isolated tier.
 */
public final class ConnectivityStack extends Stack {
    private final TransitGateway transitGateway;
    private final Map<String, TransitGatewayAttachment> attachments = new LinkedHashMap<>();
    private final List<VpcPeering> peerings = new ArrayList<>();

    /**
     * @param networks the network stacks of this account and region, by environment name
     */
    public ConnectivityStack(final Construct scope, final String id, final String account, final String region,
                             final ConnectivityConfig config, final Map<String, NetworkStack> networks) {
        super(scope, id, StackProps.builder()
                .stackName(id)
                .env(account == null && region == null ? null
                        : Environment.builder().account(account).region(region).build())
                .description("Secure VPC blueprint: Transit Gateway and peering between the environments")
                .terminationProtection(true)
                .build());
        Tags.of(this).add("blueprint:component", "connectivity");
        ConnectivityConfig.TransitGatewayConfig tgw = config.transitGateway();
        boolean hub = tgw != null && tgw.attachments().stream().allMatch(a -> networks.containsKey(a.environment()));
        this.transitGateway = hub ? attachAll(tgw, networks) : null;
        for (ConnectivityConfig.PeeringConfig p : config.peerings()) {
            if (networks.containsKey(p.requester())) {
                peerings.add(peer(p, networks));
            }
        }
    }

    /** @return whether anything of the configuration connects environments of this account and region. */
    static boolean needed(final ConnectivityConfig config, final Map<String, NetworkStack> networks) {
        return config.transitGateway() != null && config.transitGateway().attachments().stream()
                .allMatch(a -> networks.containsKey(a.environment()))
                || config.peerings().stream().anyMatch(p -> networks.containsKey(p.requester()));
    }

    /** @return the Transit Gateway, or null when none is configured here. */
    public TransitGateway getTransitGateway() {
        return transitGateway;
    }

    /** @return the Transit Gateway attachments, by environment name. */
    public Map<String, TransitGatewayAttachment> getAttachments() {
        return attachments;
    }

    public List<VpcPeering> getPeerings() {
        return peerings;
    }

    private TransitGateway attachAll(final ConnectivityConfig.TransitGatewayConfig tgw,
                                     final Map<String, NetworkStack> networks) {
        TransitGateway hub = new TransitGateway(this, "TransitGateway", TransitGatewayProps.builder()
                .amazonSideAsn(tgw.amazonSideAsn())
                .description("Secure VPC blueprint: segmented hub of " + tgw.attachments().stream()
                        .map(ConnectivityConfig.TransitGatewayConfig.Attachment::environment).toList())
                // its flow logs are kept as long as the longest-kept flow logs of the VPCs it connects (BP-MON-1)
                .flowLogRetention(tgw.attachments().stream()
                        .map(a -> networks.get(a.environment()).getConfig().profile().logRetention())
                        .max(Comparator.comparingInt(LogRetention::days)).orElse(null))
                .build());
        for (ConnectivityConfig.TransitGatewayConfig.Attachment a : tgw.attachments()) {
            List<ConnectivityConfig.TransitGatewayConfig.Attachment> others = tgw.attachments().stream()
                    .filter(o -> o != a).toList();
            attachments.put(a.environment(), new TransitGatewayAttachment(this, "Attachment-" + a.id(),
                    TransitGatewayAttachmentProps.builder()
                            .secureVpc(networks.get(a.environment()).getNetwork())
                            .transitGateway(hub)
                            .attachmentTier(a.attachmentTier())
                            .routeTiers(a.routeTiers())
                            .destinationCidrs(others.stream().flatMap(o -> routeTierBlocks(networks, o).stream())
                                    .toList())
                            .outboundPorts(others.stream().flatMap(o -> o.servedPorts().stream()).distinct()
                                    .map(PortRange::tcp).toList())
                            .inboundPorts(a.servedPorts().stream().map(PortRange::tcp).toList())
                            .build()));
        }
        for (ConnectivityConfig.TransitGatewayConfig.Attachment a : tgw.attachments()) {
            for (ConnectivityConfig.TransitGatewayConfig.Attachment o : tgw.attachments()) {
                if (o != a) {
                    attachments.get(a.environment()).routeTo("To-" + o.id(), attachments.get(o.environment()),
                            routeTierBlocks(networks, o));
                }
            }
        }
        return hub;
    }

    private static List<String> routeTierBlocks(final Map<String, NetworkStack> networks,
                                                final ConnectivityConfig.TransitGatewayConfig.Attachment a) {
        SecureVpc vpc = networks.get(a.environment()).getNetwork();
        return a.routeTiers().stream().flatMap(t -> vpc.tierCidrs(t).stream()).toList();
    }

    private VpcPeering peer(final ConnectivityConfig.PeeringConfig p, final Map<String, NetworkStack> networks) {
        return new VpcPeering(this, "Peering-" + p.id(), VpcPeeringProps.builder()
                .secureVpc(networks.get(p.requester()).getNetwork())
                .routeTiers(p.requesterTiers())
                .peerSecureVpc(networks.get(p.accepter()).getNetwork())
                .peerRouteTiers(p.accepterTiers())
                .outboundPorts(p.ports().stream().map(PortRange::tcp).toList())
                .inboundPorts(p.accepterPorts().stream().map(PortRange::tcp).toList())
                .build());
    }
}
