package io.securevpc.app;

import io.securevpc.ErrorCode;
import io.securevpc.internal.Ipv4Cidr;
import io.securevpc.internal.Problems;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the app's environments connect to each other and to on-premises networks: the optional
 * {@code connectivity} object of the {@code blueprint} context (BP-MV-1..4, BP-NET-11). Every connection joins
 * environments of one account and region, from their private or isolated tiers only, on the TCP ports named.
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

    private static final String KEY = BlueprintConfig.CONTEXT_KEY + ".connectivity";
    private static final Pattern CERTIFICATE_ARN = Pattern.compile(
            "^arn:aws[a-z-]*:acm:([a-z]{2}(-[a-z]+)+-\\d):(\\d{12}):certificate/[0-9a-f-]{36}$");
    private static final List<Ipv4Cidr> NOT_PUBLIC = List.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8",
            "169.254.0.0/16", "172.16.0.0/12", "192.168.0.0/16", "224.0.0.0/3").stream().map(Ipv4Cidr::of).toList();

    /**
     * The Transit Gateway: every attached environment's route tiers reach every other attached environment's
     * route tiers on the ports those serve.
     *
     * @param amazonSideAsn private ASN of the Amazon side, or null for 64512
     * @param attachments the attached environments, at least two
     */
    public record TransitGatewayConfig(Integer amazonSideAsn, List<Attachment> attachments) {
        /** The tier the app adds for attachments when no existing tier is named. */
        public static final String TRANSIT_TIER = "transit";

        /**
         * @param environment the attached environment
         * @param attachmentTier the tier that holds the attachment's interfaces: {@value #TRANSIT_TIER} (a /28 per AZ
         *     the app adds, as AWS recommends) or a private or isolated tier of the profile
         * @param routeTiers its tiers that route to the other attached environments
         * @param servedPorts TCP ports its route tiers serve to the other attached environments' route tiers
         */
        public record Attachment(String environment, String attachmentTier, List<String> routeTiers,
                                 List<Integer> servedPorts) {
        }
    }

    /**
     * @param requester the environment that requests the peering
     * @param requesterTiers its tiers that route to the accepter's tiers
     * @param accepter the environment that accepts it
     * @param accepterTiers its tiers that route back to the requester's tiers
     * @param ports TCP ports the requester's tiers open to the accepter's tiers
     * @param accepterPorts TCP ports the accepter's tiers open to the requester's tiers (often none)
     */
    public record PeeringConfig(String requester, List<String> requesterTiers, String accepter,
                                List<String> accepterTiers, List<Integer> ports, List<Integer> accepterPorts) {
    }

    /**
     * @param provider the environment whose Network Load Balancer serves
     * @param providerTier the provider's tier that holds the load balancer and its targets
     * @param port the TLS listener port, which consumers connect to
     * @param targetPort the TCP port of the targets in the provider tier
     * @param certificateArn the ACM certificate of the TLS listener, in the provider's region
     * @param consumer the environment with the interface endpoint
     * @param consumerTier the consumer's tier that holds the endpoint's interfaces
     */
    public record PrivateLinkConfig(String provider, String providerTier, int port, int targetPort,
                                    String certificateArn, String consumer, String consumerTier) {
    }

    /**
     * @param environment the environment whose VPC gets the virtual private gateway
     * @param customerGatewayIp the public IPv4 address of the on-premises VPN device
     * @param customerGatewayAsn its BGP ASN, or null for 65000
     * @param onPremisesCidrs the on-premises blocks
     * @param staticRouting static routes to those blocks instead of BGP
     * @param routeTiers the environment's tiers that get the VPN routes
     * @param outboundPorts TCP ports the route tiers open to on-premises
     * @param inboundPorts TCP ports the route tiers serve to on-premises
     */
    public record VpnConfig(String environment, String customerGatewayIp, Integer customerGatewayAsn,
                            List<String> onPremisesCidrs, boolean staticRouting, List<String> routeTiers,
                            List<Integer> outboundPorts, List<Integer> inboundPorts) {
    }

    /** @return whether the environment is attached to the Transit Gateway through a transit tier the app adds. */
    public boolean needsTransitTier(final String environment) {
        return transitGateway != null && transitGateway.attachments().stream().anyMatch(a ->
                a.environment().equals(environment)
                        && TransitGatewayConfig.TRANSIT_TIER.equals(a.attachmentTier()));
    }

    // ---------------------------------------------------------------------------------------- parsing

    /** Parses {@code blueprint.connectivity}; problems are added, what parsed is returned. */
    static ConnectivityConfig parse(final Object value, final List<EnvironmentConfig> envs, final Problems problems) {
        if (value == null) {
            return NONE;
        }
        if (!(value instanceof Map<?, ?> root)) {
            problems.add(ErrorCode.APP_CONFIG, KEY, String.valueOf(value),
                    "an object with any of 'transitGateway', 'peerings', 'privateLinks', 'vpns'");
            return NONE;
        }
        Parser p = new Parser(envs, problems);
        p.knownKeys(KEY, root, "transitGateway", "peerings", "privateLinks", "vpns");
        TransitGatewayConfig tgw = root.get("transitGateway") == null ? null
                : p.transitGateway(KEY + ".transitGateway", root.get("transitGateway"));
        List<PeeringConfig> peerings = p.list(KEY + ".peerings", root.get("peerings"), p::peering);
        List<PrivateLinkConfig> links = p.list(KEY + ".privateLinks", root.get("privateLinks"), p::privateLink);
        List<VpnConfig> vpns = p.list(KEY + ".vpns", root.get("vpns"), p::vpn);
        return new ConnectivityConfig(tgw, peerings, links, vpns);
    }

    /** Reads one connectivity object after another, adding every problem to the same list. */
    private static final class Parser {
        private final List<EnvironmentConfig> envs;
        private final Problems problems;
        private final Set<String> linkIds = new HashSet<>();
        private final Set<String> withVpn = new HashSet<>();

        Parser(final List<EnvironmentConfig> envs, final Problems problems) {
            this.envs = envs;
            this.problems = problems;
        }

        <T> List<T> list(final String key, final Object value, final BiFunction<String, Map<?, ?>, T> item) {
            if (value == null) {
                return List.of();
            }
            if (!(value instanceof List<?> list)) {
                problems.add(ErrorCode.APP_CONFIG, key, String.valueOf(value), "a list of objects");
                return List.of();
            }
            List<T> result = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof Map<?, ?> map) {
                    int before = problems.size();
                    T parsed = item.apply(key + "[" + i + "]", map);
                    if (problems.size() == before) {
                        result.add(parsed);
                    }
                } else {
                    problems.add(ErrorCode.APP_CONFIG, key + "[" + i + "]", String.valueOf(list.get(i)), "an object");
                }
            }
            return result;
        }

        /** Flags keys the object does not take: a misspelt key is never ignored silently. */
        private void knownKeys(final String key, final Map<?, ?> m, final String... allowed) {
            for (Object k : m.keySet()) {
                if (!List.of(allowed).contains(String.valueOf(k))) {
                    problems.add(ErrorCode.APP_CONFIG, key + "." + k, String.valueOf(m.get(k)),
                            "no such key: one of " + String.join(", ", allowed));
                }
            }
        }

        TransitGatewayConfig transitGateway(final String key, final Object value) {
            if (!(value instanceof Map<?, ?> tgw)) {
                problems.add(ErrorCode.APP_CONFIG, key, String.valueOf(value), "an object with 'attachments'");
                return null;
            }
            int before = problems.size();
            knownKeys(key, tgw, "amazonSideAsn", "attachments");
            Integer asn = tgw.get("amazonSideAsn") == null ? null : integer(key + ".amazonSideAsn",
                    tgw.get("amazonSideAsn"), 64512, 65534, "a private ASN from 64512 to 65534");
            List<TransitGatewayConfig.Attachment> attachments = list(key + ".attachments", tgw.get("attachments"),
                    (k, a) -> {
                        knownKeys(k, a, "environment", "attachmentTier", "routeTiers", "servedPorts");
                        String env = environment(k + ".environment", a.get("environment"));
                        Object tier = a.get("attachmentTier");
                        String attachmentTier = tier == null || TransitGatewayConfig.TRANSIT_TIER.equals(tier)
                                ? TransitGatewayConfig.TRANSIT_TIER : tier(k + ".attachmentTier", tier, env);
                        List<String> tiers = tiers(k + ".routeTiers", a.get("routeTiers"), env);
                        List<Integer> ports = ports(k + ".servedPorts", a.get("servedPorts"), true);
                        return new TransitGatewayConfig.Attachment(env, attachmentTier, tiers, ports);
                    });
            if (problems.size() == before) {
                if (attachments.size() < 2) {
                    problems.add(ErrorCode.APP_CONFIG, key + ".attachments", String.valueOf(tgw.get("attachments")),
                            "at least two environments to connect");
                }
                Set<String> seen = new HashSet<>();
                for (int i = 0; i < attachments.size(); i++) {
                    String env = attachments.get(i).environment();
                    if (!seen.add(env)) {
                        problems.add(ErrorCode.APP_CONFIG, key + ".attachments[" + i + "].environment", env,
                                "an environment attached once");
                    } else if (i > 0) {
                        samePlace(key + ".attachments[" + i + "].environment", env, attachments.get(0).environment());
                    }
                }
            }
            return new TransitGatewayConfig(asn, attachments);
        }

        PeeringConfig peering(final String key, final Map<?, ?> m) {
            knownKeys(key, m, "requester", "requesterTiers", "accepter", "accepterTiers", "ports", "accepterPorts");
            String requester = environment(key + ".requester", m.get("requester"));
            String accepter = environment(key + ".accepter", m.get("accepter"));
            List<String> requesterTiers = tiers(key + ".requesterTiers", m.get("requesterTiers"), requester);
            List<String> accepterTiers = tiers(key + ".accepterTiers", m.get("accepterTiers"), accepter);
            List<Integer> ports = ports(key + ".ports", m.get("ports"), false);
            List<Integer> accepterPorts = m.get("accepterPorts") == null ? List.of()
                    : ports(key + ".accepterPorts", m.get("accepterPorts"), true);
            if (requester != null && requester.equals(accepter)) {
                problems.add(ErrorCode.APP_CONFIG, key + ".accepter", accepter, "another environment than the requester");
            } else {
                samePlace(key + ".accepter", accepter, requester);
            }
            return new PeeringConfig(requester, requesterTiers, accepter, accepterTiers, ports, accepterPorts);
        }

        PrivateLinkConfig privateLink(final String key, final Map<?, ?> m) {
            knownKeys(key, m, "provider", "providerTier", "port", "targetPort", "certificateArn", "consumer",
                    "consumerTier");
            String provider = environment(key + ".provider", m.get("provider"));
            String consumer = environment(key + ".consumer", m.get("consumer"));
            String providerTier = tier(key + ".providerTier", m.get("providerTier"), provider);
            List<String> workloadTiers = env(provider).map(e -> e.profile().workloadTiers()).orElse(List.of());
            if (providerTier != null && !workloadTiers.contains(providerTier)) {
                problems.add(ErrorCode.APP_CONFIG, key + ".providerTier", providerTier,
                        "a workload tier, where the load balancer's targets run: " + workloadTiers);
            }
            String consumerTier = tier(key + ".consumerTier", m.get("consumerTier"), consumer);
            Integer port = integer(key + ".port", m.get("port"), 1, 65535, "a TCP port from 1 to 65535");
            Integer targetPort = integer(key + ".targetPort", m.get("targetPort"), 1, 65535,
                    "a TCP port from 1 to 65535");
            String arn = m.get("certificateArn") instanceof String s ? s : null;
            Matcher match = arn == null ? null : CERTIFICATE_ARN.matcher(arn);
            if (match == null || !match.matches()) {
                problems.add(ErrorCode.APP_CONFIG, key + ".certificateArn", arn,
                        "the ARN of an ACM certificate, arn:aws:acm:<region>:<account>:certificate/<id>: PrivateLink "
                                + "listeners terminate TLS (stock packs' ELBv2ACMCertificateRequired)");
            } else {
                env(provider).filter(e -> e.region() != null && !e.region().equals(match.group(1)))
                        .ifPresent(e -> problems.add(ErrorCode.APP_CONFIG, key + ".certificateArn", arn,
                                "a certificate in the provider's region " + e.region() + " (ACM is regional)"));
            }
            if (provider != null && provider.equals(consumer)) {
                problems.add(ErrorCode.APP_CONFIG, key + ".consumer", consumer, "another environment than the provider");
            } else {
                samePlace(key + ".consumer", consumer, provider);
            }
            if (port != null && !linkIds.add(provider + "/" + consumer + "/" + port)) {
                problems.add(ErrorCode.APP_CONFIG, key + ".port", port,
                        "a port no other PrivateLink from '" + provider + "' to '" + consumer + "' uses");
            }
            return new PrivateLinkConfig(provider, providerTier, port == null ? 0 : port,
                    targetPort == null ? 0 : targetPort, arn, consumer, consumerTier);
        }

        VpnConfig vpn(final String key, final Map<?, ?> m) {
            knownKeys(key, m, "environment", "customerGatewayIp", "customerGatewayAsn", "onPremisesCidrs",
                    "staticRouting", "routeTiers", "outboundPorts", "inboundPorts");
            String env = environment(key + ".environment", m.get("environment"));
            if (env != null && !withVpn.add(env)) {
                problems.add(ErrorCode.APP_CONFIG, key + ".environment", env,
                        "an environment with no other VPN: a VPC takes one virtual private gateway");
            }
            String ip = m.get("customerGatewayIp") instanceof String s ? s : null;
            Optional<Ipv4Cidr> address = ip == null ? Optional.empty() : Ipv4Cidr.parse(ip + "/32");
            if (address.isEmpty() || NOT_PUBLIC.stream().anyMatch(r -> r.contains(address.get()))) {
                problems.add(ErrorCode.APP_CONFIG, key + ".customerGatewayIp", ip,
                        "the public IPv4 address of the on-premises VPN device");
            }
            Integer asn = m.get("customerGatewayAsn") == null ? null : integer(key + ".customerGatewayAsn",
                    m.get("customerGatewayAsn"), 1, 65534, "a 16-bit BGP ASN other than 7224 (reserved by AWS)");
            if (asn != null && asn == 7224) {
                problems.add(ErrorCode.APP_CONFIG, key + ".customerGatewayAsn", asn,
                        "a 16-bit BGP ASN other than 7224 (reserved by AWS)");
            }
            List<String> cidrs = onPremisesCidrs(key + ".onPremisesCidrs", m.get("onPremisesCidrs"));
            Object staticRouting = m.get("staticRouting");
            if (staticRouting != null && !(staticRouting instanceof Boolean)) {
                problems.add(ErrorCode.APP_CONFIG, key + ".staticRouting", String.valueOf(staticRouting),
                        "true or false");
            }
            List<String> tiers = tiers(key + ".routeTiers", m.get("routeTiers"), env);
            List<Integer> outbound = ports(key + ".outboundPorts", m.get("outboundPorts"), true);
            List<Integer> inbound = ports(key + ".inboundPorts", m.get("inboundPorts"), true);
            return new VpnConfig(env, ip, asn, cidrs, Boolean.TRUE.equals(staticRouting), tiers, outbound, inbound);
        }

        // ------------------------------------------------------------------------------------ values

        private String environment(final String key, final Object value) {
            if (value instanceof String name && env(name).isPresent()) {
                return name;
            }
            problems.add(ErrorCode.APP_CONFIG, key, value == null ? null : String.valueOf(value),
                    "the name of an environment: " + envs.stream().map(EnvironmentConfig::name).toList());
            return null;
        }

        private Optional<EnvironmentConfig> env(final String name) {
            return envs.stream().filter(e -> e.name().equals(name)).findFirst();
        }

        /** Connections join environments of one account and region (a peering or attachment cannot span more here). */
        private void samePlace(final String key, final String name, final String other) {
            Optional<EnvironmentConfig> a = name == null ? Optional.empty() : env(name);
            Optional<EnvironmentConfig> b = other == null ? Optional.empty() : env(other);
            if (a.isPresent() && b.isPresent() && (!Objects.equals(a.get().account(), b.get().account())
                    || !Objects.equals(a.get().region(), b.get().region()))) {
                problems.add(ErrorCode.APP_CONFIG, key, name, "an environment in the same account and region as '"
                        + other + "' (" + place(b.get()) + "); this one is in " + place(a.get()));
            }
        }

        private static String place(final EnvironmentConfig e) {
            return "account " + (e.account() == null ? "(CLI's)" : e.account()) + ", region "
                    + (e.region() == null ? "(CLI's)" : e.region());
        }

        private String tier(final String key, final Object value, final String environment) {
            List<String> allowed = env(environment).map(e -> e.profile().privateTiers()).orElse(List.of());
            if (value instanceof String name && (environment == null || allowed.contains(name))) {
                return name;
            }
            problems.add(ErrorCode.APP_CONFIG, key, value == null ? null : String.valueOf(value),
                    "a private or isolated tier of the environment's profile: " + allowed);
            return null;
        }

        private List<String> tiers(final String key, final Object value, final String environment) {
            if (!(value instanceof List<?> list) || list.isEmpty()) {
                List<String> allowed = env(environment).map(e -> e.profile().privateTiers()).orElse(List.of());
                problems.add(ErrorCode.APP_CONFIG, key, value == null ? null : String.valueOf(value),
                        "a non-empty list of private or isolated tiers of the environment's profile: " + allowed);
                return List.of();
            }
            List<String> result = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                String tier = tier(key + "[" + i + "]", list.get(i), environment);
                if (tier != null && !result.contains(tier)) {
                    result.add(tier);
                }
            }
            return result;
        }

        private List<Integer> ports(final String key, final Object value, final boolean mayBeEmpty) {
            if (value == null && mayBeEmpty) {
                return List.of();
            }
            if (!(value instanceof List<?> list) || (list.isEmpty() && !mayBeEmpty)) {
                problems.add(ErrorCode.APP_CONFIG, key, value == null ? null : String.valueOf(value),
                        "a " + (mayBeEmpty ? "" : "non-empty ") + "list of TCP ports from 1 to 65535");
                return List.of();
            }
            List<Integer> result = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Integer port = integer(key + "[" + i + "]", list.get(i), 1, 65535, "a TCP port from 1 to 65535");
                if (port != null && !result.contains(port)) {
                    result.add(port);
                }
            }
            return result;
        }

        private Integer integer(final String key, final Object value, final int min, final int max,
                                final String allowed) {
            if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                    && n.doubleValue() >= min && n.doubleValue() <= max) {
                return n.intValue();
            }
            problems.add(ErrorCode.APP_CONFIG, key, value instanceof Number ? value
                    : value == null ? null : String.valueOf(value), allowed);
            return null;
        }

        /** Specific IPv4 blocks outside every environment's VPC. */
        private List<String> onPremisesCidrs(final String key, final Object value) {
            if (!(value instanceof List<?> list) || list.isEmpty()) {
                problems.add(ErrorCode.APP_CONFIG, key, value == null ? null : String.valueOf(value),
                        "a non-empty list of IPv4 CIDRs");
                return List.of();
            }
            List<String> result = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Object item = list.get(i);
                Optional<Ipv4Cidr> cidr = item instanceof String s ? Ipv4Cidr.parse(s) : Optional.empty();
                if (cidr.isEmpty() || cidr.get().prefix() == 0) {
                    problems.add(ErrorCode.APP_CONFIG, key + "[" + i + "]", String.valueOf(item),
                            "a specific IPv4 CIDR with no host bits set (no 0.0.0.0/0: no default route to on-premises)");
                    continue;
                }
                for (EnvironmentConfig e : envs) {
                    if (cidr.get().overlaps(Ipv4Cidr.of(e.cidr()))) {
                        problems.add(ErrorCode.APP_CONFIG, key + "[" + i + "]", String.valueOf(item),
                                "a block outside every environment: it overlaps '" + e.name() + "' (" + e.cidr() + ")");
                    }
                }
                result.add((String) item);
            }
            return result;
        }
    }
}
