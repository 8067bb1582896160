package io.securevpc.app;

import io.securevpc.internal.AwsIds;
import io.securevpc.internal.Ipv4Cidr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the app's environments connect to each other and to on-premises networks: the optional
 * {@code connectivity} object of the {@code blueprint} context (BP-MV-1..4, BP-NET-11). Every connection joins
 * environments of one account and region, from their private or isolated tiers only, on the TCP ports named.
 * Each key is described in {@code docs/config.md}, with what a change of it replaces.
 *
 * @param transitGateway one Transit Gateway per account and region that attaches the listed environments, or null
 * @param peerings VPC peering connections between two environments
 * @param privateLinks services one environment provides to another over PrivateLink
 * @param vpns Site-to-Site VPN connections of an environment to an on-premises network (at most one each)
 */
public record ConnectivityConfig(TransitGatewayConfig transitGateway, List<PeeringConfig> peerings,
                                 List<PrivateLinkConfig> privateLinks, List<VpnConfig> vpns) {
    /** No connectivity. */
    public static final ConnectivityConfig NONE = new ConnectivityConfig(null, List.of(), List.of(), List.of());

    private static final Pattern CERTIFICATE_ARN = Pattern.compile(
            "^arn:[a-z-]+:acm:([a-z0-9-]+):(\\d{12}):certificate/.*$");
    private static final List<Ipv4Cidr> NOT_PUBLIC = List.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8",
            "169.254.0.0/16", "172.16.0.0/12", "192.168.0.0/16", "224.0.0.0/3").stream().map(Ipv4Cidr::of).toList();
    /** An explicit construct-id suffix ({@code id} keys): what a construct id may hold, short. */
    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9-]{0,62}$");
    private static final String ID_ALLOWED = "letters, digits and dashes (a letter or digit first, at most 63)";

    public ConnectivityConfig {
        peerings = ConfigReader.listOrEmpty(peerings);
        privateLinks = ConfigReader.listOrEmpty(privateLinks);
        vpns = ConfigReader.listOrEmpty(vpns);
    }

    /**
     * The Transit Gateway: every attached environment's route tiers reach every other attached environment's
     * route tiers on the ports those serve.
     *
     * @param amazonSideAsn private ASN of the Amazon side, or null for 64512
     * @param attachments the attached environments, at least two
     */
    public record TransitGatewayConfig(Integer amazonSideAsn, @Required List<Attachment> attachments) {
        /** The tier the app adds for attachments when no existing tier is named. */
        public static final String TRANSIT_TIER = "transit";

        public TransitGatewayConfig {
            attachments = ConfigReader.copy(attachments);
        }

        /**
         * @param environment the attached environment
         * @param attachmentTier the tier that holds the attachment's interfaces: {@value #TRANSIT_TIER} (a /28 per AZ
         *     the app adds, as AWS recommends; the default) or a private or isolated tier of the shape
         * @param routeTiers its tiers that route to the other attached environments
         * @param servedPorts TCP ports its route tiers serve to the other attached environments' route tiers
         * @param id the construct-id suffix of the attachment ({@code Attachment-<id>}) and of the routes to it
         *     ({@code To-<id>}), or null for the environment's name
         */
        public record Attachment(@Required String environment, String attachmentTier,
                                 @Required List<String> routeTiers, List<Integer> servedPorts, String id) {
            public Attachment {
                routeTiers = ConfigReader.copy(routeTiers);
                servedPorts = ConfigReader.listOrEmpty(servedPorts);
            }

            /** @return the tier given, or {@value TransitGatewayConfig#TRANSIT_TIER}. */
            @Override
            public String attachmentTier() {
                return attachmentTier == null ? TRANSIT_TIER : attachmentTier;
            }

            /** @return the construct-id suffix: the {@code id} given, or the environment's name. */
            @Override
            public String id() {
                return id != null ? id : environment;
            }
        }
    }

    /**
     * @param requester the environment that requests the peering
     * @param requesterTiers its tiers that route to the accepter's tiers
     * @param accepter the environment that accepts it
     * @param accepterTiers its tiers that route back to the requester's tiers
     * @param ports TCP ports the requester's tiers open to the accepter's tiers
     * @param accepterPorts TCP ports the accepter's tiers open to the requester's tiers (often none)
     * @param id the construct-id suffix of the peering ({@code Peering-<id>}), or null for
     *     {@code <requester>-<accepter>}
     */
    public record PeeringConfig(@Required String requester, @Required List<String> requesterTiers,
                                @Required String accepter, @Required List<String> accepterTiers,
                                @Required List<Integer> ports, List<Integer> accepterPorts, String id) {
        public PeeringConfig {
            requesterTiers = ConfigReader.copy(requesterTiers);
            accepterTiers = ConfigReader.copy(accepterTiers);
            ports = ConfigReader.copy(ports);
            accepterPorts = ConfigReader.listOrEmpty(accepterPorts);
        }

        /** @return the construct-id suffix: the {@code id} given, or {@code <requester>-<accepter>}. */
        @Override
        public String id() {
            return id != null ? id : requester + "-" + accepter;
        }
    }

    /**
     * @param provider the environment whose Network Load Balancer serves
     * @param providerTier the provider's tier that holds the load balancer and its targets
     * @param port the TLS listener port, which consumers connect to
     * @param targetPort the TCP port of the targets in the provider tier
     * @param certificateArn the ACM certificate of the TLS listener, in the provider's region
     * @param consumer the environment with the interface endpoint
     * @param consumerTier the consumer's tier that holds the endpoint's interfaces
     * @param serviceId the construct-id suffix of the service in the provider's stack ({@code PrivateLink-<id>}),
     *     or null for {@code <consumer>-<port>}
     * @param endpointId the construct-id suffix of the endpoint in the consumer's stack ({@code PrivateLink-<id>}),
     *     or null for {@code <provider>-<port>}
     */
    public record PrivateLinkConfig(@Required String provider, @Required String providerTier, @Required Integer port,
                                    @Required Integer targetPort, @Required String certificateArn,
                                    @Required String consumer, @Required String consumerTier, String serviceId,
                                    String endpointId) {
        /** @return the construct-id suffix of the service: the {@code serviceId} given, or {@code <consumer>-<port>}. */
        @Override
        public String serviceId() {
            return serviceId != null ? serviceId : consumer + "-" + port;
        }

        /** @return the construct-id suffix of the endpoint: the {@code endpointId} given, or {@code <provider>-<port>}. */
        @Override
        public String endpointId() {
            return endpointId != null ? endpointId : provider + "-" + port;
        }
    }

    /**
     * @param environment the environment whose VPC gets the virtual private gateway
     * @param customerGatewayIp the public IPv4 address of the on-premises VPN device
     * @param customerGatewayAsn its BGP ASN, or null for 65000
     * @param onPremisesCidrs the on-premises blocks
     * @param staticRouting static routes to those blocks instead of BGP (default false)
     * @param routeTiers the environment's tiers that get the VPN routes
     * @param outboundPorts TCP ports the route tiers open to on-premises
     * @param inboundPorts TCP ports the route tiers serve to on-premises
     */
    public record VpnConfig(@Required String environment, @Required String customerGatewayIp,
                            Integer customerGatewayAsn, @Required List<String> onPremisesCidrs,
                            Boolean staticRouting, @Required List<String> routeTiers,
                            List<Integer> outboundPorts, List<Integer> inboundPorts) {
        public VpnConfig {
            onPremisesCidrs = ConfigReader.copy(onPremisesCidrs);
            routeTiers = ConfigReader.copy(routeTiers);
            outboundPorts = ConfigReader.listOrEmpty(outboundPorts);
            inboundPorts = ConfigReader.listOrEmpty(inboundPorts);
        }

        /** @return whether the VPN routes statically (false when not given: BGP). */
        @Override
        public Boolean staticRouting() {
            return Boolean.TRUE.equals(staticRouting);
        }
    }

    /** @return whether the environment is attached to the Transit Gateway through a transit tier the app adds. */
    public boolean needsTransitTier(final String environment) {
        return transitGateway != null && transitGateway.attachments().stream().anyMatch(a ->
                a.environment().equals(environment)
                        && TransitGatewayConfig.TRANSIT_TIER.equals(a.attachmentTier()));
    }

    // ------------------------------------------------------------------------------------- checking

    /**
     * Checks the values and references of {@code blueprint.connectivity} (the reader has checked the JSON types).
     *
     * @param envs the environments without problems: connections are checked against these
     * @param names the name of every environment: a reference to one with problems is not reported again
     */
    void validate(final String key, final List<EnvironmentConfig> envs, final List<String> names,
                  final ConfigReader reader) {
        Checker c = new Checker(envs, names, reader);
        if (transitGateway != null) {
            c.transitGateway(key + ".transitGateway", transitGateway);
        }
        Set<String> peeringIds = new HashSet<>();
        for (int i = 0; i < peerings.size(); i++) {
            c.entry(key + ".peerings[" + i + "]", peerings.get(i), (k, p) -> c.peering(k, p, peeringIds));
        }
        for (int i = 0; i < privateLinks.size(); i++) {
            c.entry(key + ".privateLinks[" + i + "]", privateLinks.get(i), c::privateLink);
        }
        for (int i = 0; i < vpns.size(); i++) {
            c.entry(key + ".vpns[" + i + "]", vpns.get(i), c::vpn);
        }
    }

    /** Checks one connectivity object after another, adding every problem to the same reader. */
    private static final class Checker {
        private final List<EnvironmentConfig> envs;
        private final List<String> names;
        private final ConfigReader reader;
        /** Construct ids of PrivateLink services and endpoints, per environment (one network stack each). */
        private final Map<String, Set<String>> linkIds = new HashMap<>();
        private final Set<String> withVpn = new HashSet<>();

        Checker(final List<EnvironmentConfig> envs, final List<String> names, final ConfigReader reader) {
            this.envs = envs;
            this.names = names;
            this.reader = reader;
        }

        <T> void entry(final String key, final T value, final BiConsumer<String, T> check) {
            if (value == null) {
                reader.add(key, null, "an object");
            } else {
                check.accept(key, value);
            }
        }

        void transitGateway(final String key, final TransitGatewayConfig tgw) {
            if (tgw.amazonSideAsn() != null) {
                range(key + ".amazonSideAsn", tgw.amazonSideAsn(), 64512, 65534, "a private ASN from 64512 to 65534");
            }
            List<TransitGatewayConfig.Attachment> attachments = tgw.attachments();
            if (attachments == null) {
                reader.add(key + ".attachments", null, "a list of at least two attachments: environments to connect");
                return;
            }
            for (int i = 0; i < attachments.size(); i++) {
                entry(key + ".attachments[" + i + "]", attachments.get(i), this::attachment);
            }
            if (reader.hasProblemsUnder(key)) {
                return;
            }
            if (attachments.size() < 2) {
                reader.add(key + ".attachments", attachments.stream()
                        .map(TransitGatewayConfig.Attachment::environment).toList(),
                        "at least two environments to connect");
            }
            Set<String> seen = new HashSet<>();
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < attachments.size(); i++) {
                TransitGatewayConfig.Attachment a = attachments.get(i);
                String k = key + ".attachments[" + i + "]";
                if (!seen.add(a.environment())) {
                    reader.add(k + ".environment", a.environment(), "an environment attached once");
                } else if (!ids.add(a.id())) {
                    reader.add(k + ".id", a.id(), "an id no other attachment has: the attachment's "
                            + "construct id is 'Attachment-<id>'");
                } else if (i > 0) {
                    samePlace(k + ".environment", a.environment(), attachments.get(0).environment());
                }
            }
        }

        private void attachment(final String k, final TransitGatewayConfig.Attachment a) {
            EnvironmentConfig env = environment(k + ".environment", a.environment());
            if (a.attachmentTier != null && !TransitGatewayConfig.TRANSIT_TIER.equals(a.attachmentTier)) {
                tier(k + ".attachmentTier", a.attachmentTier, env);
            }
            tiers(k + ".routeTiers", a.routeTiers(), env);
            ports(k + ".servedPorts", a.servedPorts(), true);
            id(k + ".id", a.id);
        }

        void peering(final String key, final PeeringConfig p, final Set<String> ids) {
            EnvironmentConfig requester = environment(key + ".requester", p.requester());
            tiers(key + ".requesterTiers", p.requesterTiers(), requester);
            EnvironmentConfig accepter = environment(key + ".accepter", p.accepter());
            tiers(key + ".accepterTiers", p.accepterTiers(), accepter);
            ports(key + ".ports", p.ports(), false);
            ports(key + ".accepterPorts", p.accepterPorts(), true);
            if (p.requester() != null && p.requester().equals(p.accepter())) {
                reader.add(key + ".accepter", p.accepter(), "another environment than the requester");
            } else {
                samePlace(key + ".accepter", p.accepter(), p.requester());
            }
            if (id(key + ".id", p.id) && !ids.add(p.id())) {
                reader.add(key + ".id", p.id(), "an id no other peering has: the peering's construct id "
                        + "is 'Peering-<id>', by default 'Peering-<requester>-<accepter>'");
            }
        }

        void privateLink(final String key, final PrivateLinkConfig l) {
            EnvironmentConfig provider = environment(key + ".provider", l.provider());
            tier(key + ".providerTier", l.providerTier(), provider);
            List<String> workloadTiers = provider == null ? List.of() : provider.shape().workloadTiers();
            if (l.providerTier() != null && provider != null && provider.shape().privateTiers()
                    .contains(l.providerTier()) && !workloadTiers.contains(l.providerTier())) {
                reader.add(key + ".providerTier", l.providerTier(),
                        "a workload tier, where the load balancer's targets run: " + workloadTiers);
            }
            boolean port = range(key + ".port", l.port(), 1, 65535, "a TCP port from 1 to 65535");
            range(key + ".targetPort", l.targetPort(), 1, 65535, "a TCP port from 1 to 65535");
            Matcher match = l.certificateArn() == null ? null : CERTIFICATE_ARN.matcher(l.certificateArn());
            if (match == null || !match.matches() || !AwsIds.Format.CERTIFICATE_ARN.matches(l.certificateArn())) {
                reader.add(key + ".certificateArn", l.certificateArn(), AwsIds.Format.CERTIFICATE_ARN.allowed()
                        + ": PrivateLink listeners terminate TLS (stock packs' ELBv2ACMCertificateRequired)");
            } else if (provider != null && provider.region() != null && !provider.region().equals(match.group(1))) {
                reader.add(key + ".certificateArn", l.certificateArn(),
                        "a certificate in the provider's region " + provider.region() + " (ACM is regional)");
            }
            EnvironmentConfig consumer = environment(key + ".consumer", l.consumer());
            if (l.provider() != null && l.provider().equals(l.consumer())) {
                reader.add(key + ".consumer", l.consumer(), "another environment than the provider");
            } else {
                samePlace(key + ".consumer", l.consumer(), l.provider());
            }
            tier(key + ".consumerTier", l.consumerTier(), consumer);
            boolean ids = id(key + ".serviceId", l.serviceId) & id(key + ".endpointId", l.endpointId);
            if (ids && provider != null && consumer != null) {
                if (l.serviceId != null || port) {
                    uniqueLinkId(key + ".serviceId", provider.name(), l.serviceId(), l.serviceId == null);
                }
                if (l.endpointId != null || port) {
                    uniqueLinkId(key + ".endpointId", consumer.name(), l.endpointId(), l.endpointId == null);
                }
            }
        }

        /** Each environment's stack holds its services and endpoints as {@code PrivateLink-<id>}: one of each id. */
        private void uniqueLinkId(final String key, final String env, final String id, final boolean derived) {
            if (!linkIds.computeIfAbsent(env, e -> new HashSet<>()).add(id)) {
                reader.add(key, id, "an id no other PrivateLink service or endpoint of environment '" + env
                        + "' has: its construct id there is 'PrivateLink-" + id + "'"
                        + (derived ? " (derived from the other environment and the port; set this key)" : ""));
            }
        }

        void vpn(final String key, final VpnConfig v) {
            EnvironmentConfig env = environment(key + ".environment", v.environment());
            if (env != null && !withVpn.add(env.name())) {
                reader.add(key + ".environment", v.environment(),
                        "an environment with no other VPN: a VPC takes one virtual private gateway");
            }
            String ip = v.customerGatewayIp();
            Optional<Ipv4Cidr> address = ip == null ? Optional.empty() : Ipv4Cidr.parse(ip + "/32");
            if (address.isEmpty() || NOT_PUBLIC.stream().anyMatch(r -> r.contains(address.get()))) {
                reader.add(key + ".customerGatewayIp", ip, "the public IPv4 address of the on-premises VPN device");
            }
            Integer asn = v.customerGatewayAsn();
            if (asn != null && (asn < 1 || asn > 65534 || asn == 7224)) {
                reader.add(key + ".customerGatewayAsn", asn, "a 16-bit BGP ASN other than 7224 (reserved by AWS)");
            }
            onPremisesCidrs(key + ".onPremisesCidrs", v.onPremisesCidrs());
            tiers(key + ".routeTiers", v.routeTiers(), env);
            ports(key + ".outboundPorts", v.outboundPorts(), true);
            ports(key + ".inboundPorts", v.inboundPorts(), true);
        }

        // ------------------------------------------------------------------------------------ values

        /** @return the environment named, or null (reported, unless it is one with problems of its own). */
        private EnvironmentConfig environment(final String key, final String name) {
            Optional<EnvironmentConfig> env = env(name);
            if (env.isEmpty() && (name == null || !names.contains(name))) {
                reader.add(key, name, "the name of an environment: " + names);
            }
            return env.orElse(null);
        }

        private Optional<EnvironmentConfig> env(final String name) {
            return envs.stream().filter(e -> e.name().equals(name)).findFirst();
        }

        /** Connections join environments of one account and region (a peering or attachment cannot span more here). */
        private void samePlace(final String key, final String name, final String other) {
            Optional<EnvironmentConfig> a = env(name);
            Optional<EnvironmentConfig> b = env(other);
            if (a.isPresent() && b.isPresent() && (!Objects.equals(a.get().account(), b.get().account())
                    || !Objects.equals(a.get().region(), b.get().region()))) {
                reader.add(key, name, "an environment in the same account and region as '"
                        + other + "' (" + place(b.get()) + "); this one is in " + place(a.get()));
            }
        }

        private static String place(final EnvironmentConfig e) {
            return "account " + (e.account() == null ? "(CLI's)" : e.account()) + ", region "
                    + (e.region() == null ? "(CLI's)" : e.region());
        }

        /** A private or isolated tier of the environment (any name when the environment is unknown: reported). */
        private void tier(final String key, final String value, final EnvironmentConfig environment) {
            List<String> allowed = environment == null ? List.of() : environment.shape().privateTiers();
            if (value == null || (environment != null && !allowed.contains(value))) {
                reader.add(key, value, "a private or isolated tier of the environment's shape: " + allowed);
            }
        }

        private void tiers(final String key, final List<String> value, final EnvironmentConfig environment) {
            if (value == null || value.isEmpty()) {
                List<String> allowed = environment == null ? List.of() : environment.shape().privateTiers();
                reader.add(key, value, "a non-empty list of private or isolated tiers of the environment's shape: "
                        + allowed);
                return;
            }
            for (int i = 0; i < value.size(); i++) {
                tier(key + "[" + i + "]", value.get(i), environment);
                if (value.get(i) != null && value.indexOf(value.get(i)) < i) {
                    reader.add(key + "[" + i + "]", value.get(i), "a tier listed once");
                }
            }
        }

        private void ports(final String key, final List<Integer> value, final boolean mayBeEmpty) {
            if (value == null || (value.isEmpty() && !mayBeEmpty)) {
                reader.add(key, value, "a " + (mayBeEmpty ? "" : "non-empty ") + "list of TCP ports from 1 to 65535");
                return;
            }
            for (int i = 0; i < value.size(); i++) {
                if (range(key + "[" + i + "]", value.get(i), 1, 65535, "a TCP port from 1 to 65535")
                        && value.indexOf(value.get(i)) < i) {
                    reader.add(key + "[" + i + "]", value.get(i), "a port listed once");
                }
            }
        }

        /** @return whether the value is given and within the range (else it is reported). */
        private boolean range(final String key, final Integer value, final int min, final int max,
                              final String allowed) {
            if (value == null || value < min || value > max) {
                reader.add(key, value, allowed);
                return false;
            }
            return true;
        }

        /** @return whether the explicit id, if any, may be a construct-id suffix (else it is reported). */
        private boolean id(final String key, final String id) {
            if (id != null && !ID.matcher(id).matches()) {
                reader.add(key, id, ID_ALLOWED);
                return false;
            }
            return true;
        }

        /** Specific IPv4 blocks outside every environment's VPC. */
        private void onPremisesCidrs(final String key, final List<String> value) {
            if (value == null || value.isEmpty()) {
                reader.add(key, value, "a non-empty list of IPv4 CIDRs");
                return;
            }
            for (int i = 0; i < value.size(); i++) {
                String item = value.get(i);
                Optional<Ipv4Cidr> cidr = Ipv4Cidr.parse(item);
                if (cidr.isEmpty() || cidr.get().prefix() == 0) {
                    reader.add(key + "[" + i + "]", item,
                            "a specific IPv4 CIDR with no host bits set (no 0.0.0.0/0: no default route to on-premises)");
                    continue;
                }
                for (EnvironmentConfig e : envs) {
                    if (cidr.get().overlaps(Ipv4Cidr.of(e.cidr()))) {
                        reader.add(key + "[" + i + "]", item,
                                "a block outside every environment: it overlaps '" + e.name() + "' (" + e.cidr() + ")");
                    }
                }
            }
        }
    }
}
