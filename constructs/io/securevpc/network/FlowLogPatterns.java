package io.securevpc.network;

import io.securevpc.internal.Ipv4Cidr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * CloudWatch Logs space-delimited metric-filter patterns over the blueprint's flow-log records (BP-MON-1, BP-MON-3):
 * one named field per {@link FlowLogFormat#FIELDS} entry, in that order ({@code account-id} becomes
 * {@code account_id}), each optionally with a condition. Conditions of different fields must all hold; the terms
 * of one field's condition are joined by one operator only ({@code ||} or {@code &&}, never both), so no reading of
 * CloudWatch's precedence is relied upon. String values are double-quoted, with {@code *} as the wildcard; port
 * numbers are compared as numbers. Plain Java, no CDK: tested without jsii. Package-private.
 *
 * <p>Addresses are matched by text: an IPv4 block becomes wildcard prefixes on octet boundaries ({@code 10.0.0.0/16}
 * is {@code "10.0.*"}, {@code 10.0.16.0/20} the sixteen {@code "10.0.16.*"} ... {@code "10.0.31.*"}, a block
 * narrower than /24 its addresses), see {@link #wildcards}.
 */
final class FlowLogPatterns {
    /** The longest filter pattern CloudWatch Logs accepts. */
    static final int MAX_PATTERN_LENGTH = 1024;
    /** How long a subnet id is once deployed ({@code subnet-} and 17 hex digits): what a token stands for. */
    static final int SUBNET_ID_LENGTH = 24;
    /** Most wildcard terms one address block may expand to. */
    static final int MAX_TERMS_PER_BLOCK = 128;
    static final String OK = "OK";
    static final List<Integer> REMOTE_ACCESS_PORTS = List.of(22, 3389);
    /** Services an isolated tier reaches through gateway endpoints ({@code pkt-dst-aws-service} values). */
    static final List<String> GATEWAY_ENDPOINT_SERVICES = List.of("S3", "DYNAMODB");

    /** The pattern's field names, in record order. */
    static final List<String> FIELDS = FlowLogFormat.FIELDS.stream().map(FlowLogPatterns::name).toList();

    private static final Pattern TOKEN = Pattern.compile("\\$\\{Token\\[[^\\]]*\\]\\}");

    private FlowLogPatterns() {
    }

    /** @return the pattern's name of a flow-log field, e.g. {@code log_status} for {@code log-status}. */
    static String name(final String field) {
        return field.replace('-', '_');
    }

    /** @return the pattern with the given conditions (field name to condition text), other fields unconstrained. */
    static String pattern(final Map<String, String> conditions) {
        for (String field : conditions.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException("not a flow-log field: " + field);
            }
        }
        return FIELDS.stream().map(f -> conditions.getOrDefault(f, f)).collect(Collectors.joining(", ", "[", "]"));
    }

    /**
     * @return the length the pattern has once deployed: each unresolved token (a subnet id) counted as
     *     {@value #SUBNET_ID_LENGTH} characters
     */
    static int deployedLength(final String pattern) {
        return TOKEN.matcher(pattern).replaceAll("x".repeat(SUBNET_ID_LENGTH)).length();
    }

    /** {@code field = "a" || field = "b"}: the field is one of the values (wildcards allowed). */
    static String anyOf(final String field, final List<String> values) {
        return values.stream().map(v -> field + " = " + quote(v)).collect(Collectors.joining(" || "));
    }

    /** {@code field != "a" && field != "b"}: the field is none of the values (wildcards allowed). */
    static String noneOf(final String field, final List<String> values) {
        return values.stream().map(v -> field + " != " + quote(v)).collect(Collectors.joining(" && "));
    }

    /** {@code field = 22 || field = 3389}: the numeric field is one of the numbers. */
    static String anyNumber(final String field, final List<Integer> numbers) {
        return numbers.stream().map(n -> field + " = " + n).collect(Collectors.joining(" || "));
    }

    /** {@code field >= from && field <= to}, or {@code field = from} for a single number. */
    static String between(final String field, final int from, final int to) {
        return from == to ? field + " = " + from : field + " >= " + from + " && " + field + " <= " + to;
    }

    private static String quote(final String value) {
        return "\"" + value + "\"";
    }

    /**
     * The wildcard terms that match exactly the IPv4 addresses of a block, written as flow logs write them
     * (decimal octets, no leading zeros): one term on an octet boundary, else one per value of the partial octet
     * (e.g. 16 for a /20), and for a block narrower than /24 one per address.
     *
     * @throws IllegalArgumentException when the block is not an IPv4 CIDR or needs more than
     *     {@value #MAX_TERMS_PER_BLOCK} terms
     */
    static List<String> wildcards(final String cidr) {
        Ipv4Cidr block = Ipv4Cidr.of(cidr);
        int prefix = block.prefix();
        int boundary = prefix == 0 ? 0 : ((prefix + 7) / 8) * 8;
        long count = 1L << (boundary - prefix);
        if (count > MAX_TERMS_PER_BLOCK) {
            throw new IllegalArgumentException(cidr + " needs " + count + " wildcard terms");
        }
        List<String> terms = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            long network = block.network() + (i << (32 - boundary));
            List<String> octets = new ArrayList<>();
            for (int o = 0; o < boundary / 8; o++) {
                octets.add(Long.toString((network >> (24 - 8 * o)) & 0xFF));
            }
            terms.add(boundary == 32 ? String.join(".", octets)
                    : octets.isEmpty() ? "*" : String.join(".", octets) + ".*");
        }
        return terms;
    }

    /** @return the wildcard terms of several blocks, in order. */
    static List<String> wildcards(final List<String> cidrs) {
        return cidrs.stream().flatMap(c -> wildcards(c).stream()).toList();
    }

    /** Every record of a tier's subnets that carries data (accepted or rejected). */
    static String tierFlows(final List<String> subnetIds) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("subnet_id", anyOf("subnet_id", subnetIds));
        c.put("log_status", anyOf("log_status", List.of(OK)));
        return pattern(c);
    }

    /**
     * SSH and RDP arriving at an interface from outside the VPC (any action, any protocol on those ports).
     *
     * @param vpcTerms wildcard terms of the VPC's IPv4 blocks; empty when unknown at synth (then every source counts)
     */
    static String remoteAccess(final List<String> vpcTerms) {
        Map<String, String> c = new LinkedHashMap<>();
        if (!vpcTerms.isEmpty()) {
            c.put("srcaddr", noneOf("srcaddr", vpcTerms));
        }
        c.put("dstport", anyNumber("dstport", REMOTE_ACCESS_PORTS));
        c.put("log_status", anyOf("log_status", List.of(OK)));
        c.put("flow_direction", anyOf("flow_direction", List.of("ingress")));
        return pattern(c);
    }

    /**
     * Traffic from ({@code srcaddr}) or to ({@code dstaddr}) a block-list range, narrowed to the entry's protocol and
     * destination ports when it names them, as the NACL deny entries are.
     */
    static String blockList(final String addressField, final List<String> terms, final PortRange ports) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put(addressField, anyOf(addressField, terms));
        if (ports != null) {
            c.put("dstport", between("dstport", ports.getFrom(), ports.getTo()));
            c.put("protocol", anyNumber("protocol", List.of(ports.getProtocol().number())));
        }
        c.put("log_status", anyOf("log_status", List.of(OK)));
        return pattern(c);
    }

    /**
     * Records leaving an isolated tier's interfaces for an IPv4 address outside the VPC and the connected networks
     * (any action). IPv6 destinations are not judged: the VPC's IPv6 block is known only at deploy time.
     *
     * @param excludedTerms wildcard terms of the VPC's blocks and the connected networks
     * @param gatewayEndpoints whether traffic to S3 and DynamoDB (through the tier's gateway endpoints) is expected
     */
    static String isolatedEgress(final List<String> subnetIds, final List<String> excludedTerms,
                                 final boolean gatewayEndpoints) {
        List<String> excluded = new ArrayList<>(excludedTerms);
        excluded.add(IPV6);
        return isolatedEgressWhere(subnetIds, noneOf("dstaddr", excluded), gatewayEndpoints);
    }

    /**
     * The records of {@link #isolatedEgress}, as few patterns as CloudWatch's {@value #MAX_PATTERN_LENGTH}-character
     * limit allows: the one pattern of {@link #isolatedEgress} when it fits, else a partition of the IPv4 addresses
     * outside the excluded blocks into patterns of which <em>exactly one</em> matches each such record and none a
     * record to an excluded block (so several metric filters publishing to one metric count each record once).
     * Exact, no block widened: a cell is a prefix (an octet-aligned wildcard) minus the excluded blocks under it,
     * written as {@code dstaddr = "P.*" && dstaddr != ...} when that fits; else as P minus its next-octet children
     * that hold blocks ({@code dstaddr = "P.*" && dstaddr != "P.a.*" ...}) or, when too many children hold blocks,
     * the list of those that hold none ({@code dstaddr = "P.a.*" || ...}); the children that hold blocks without
     * being wholly excluded become cells of their own. Every pattern keeps one operator per field.
     *
     * @param excludedTerms wildcard terms ({@link #wildcards}) of the VPC's blocks and the connected networks
     */
    static List<String> isolatedEgressPatterns(final List<String> subnetIds, final List<String> excludedTerms,
                                               final boolean gatewayEndpoints) {
        String single = isolatedEgress(subnetIds, excludedTerms, gatewayEndpoints);
        if (deployedLength(single) <= MAX_PATTERN_LENGTH) {
            return List.of(single);
        }
        List<List<Integer>> blocks = minimal(excludedTerms.stream().map(FlowLogPatterns::octets).toList());
        List<String> patterns = new ArrayList<>();
        cell(List.of(), blocks, condition -> isolatedEgressWhere(subnetIds, condition, gatewayEndpoints), patterns);
        return patterns;
    }

    private static String isolatedEgressWhere(final List<String> subnetIds, final String dstaddrCondition,
                                              final boolean gatewayEndpoints) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("dstaddr", dstaddrCondition);
        c.put("log_status", anyOf("log_status", List.of(OK)));
        c.put("subnet_id", anyOf("subnet_id", subnetIds));
        if (gatewayEndpoints) {
            c.put("pkt_dst_aws_service", noneOf("pkt_dst_aws_service", GATEWAY_ENDPOINT_SERVICES));
        }
        c.put("flow_direction", anyOf("flow_direction", List.of("egress")));
        return pattern(c);
    }

    /** IPv6 addresses as flow logs write them: never an isolated-tier egress judged here. */
    private static final String IPV6 = "*:*";

    /**
     * Adds the patterns of one cell: the addresses under {@code prefix} (all of IPv4 for the empty prefix) minus
     * the {@code blocks} under it (each longer than the prefix, none under another).
     */
    private static void cell(final List<Integer> prefix, final List<List<Integer>> blocks,
                             final java.util.function.Function<String, String> build, final List<String> out) {
        String whole = build.apply(minus(prefix, blocks.stream().map(FlowLogPatterns::term).toList()));
        if (deployedLength(whole) <= MAX_PATTERN_LENGTH) {
            out.add(whole);
            return;
        }
        // Too many blocks under this prefix: list the children (next octet) that hold none, then recurse into the
        // children that hold some without being wholly excluded.
        Map<Integer, List<List<Integer>>> byChild = new java.util.TreeMap<>();
        for (List<Integer> block : blocks) {
            byChild.computeIfAbsent(block.get(prefix.size()), k -> new ArrayList<>()).add(block);
        }
        String outsideHeld = build.apply(minus(prefix,
                byChild.keySet().stream().map(o -> term(append(prefix, o))).toList()));
        if (deployedLength(outsideHeld) <= MAX_PATTERN_LENGTH) {
            out.add(outsideHeld);
        } else {
            List<String> free = new ArrayList<>();
            for (int octet = 0; octet < 256; octet++) {
                if (!byChild.containsKey(octet)) {
                    free.add(term(append(prefix, octet)));
                }
            }
            for (List<String> group : chunks(free, g -> build.apply(anyOf("dstaddr", g)))) {
                out.add(build.apply(anyOf("dstaddr", group)));
            }
        }
        for (Map.Entry<Integer, List<List<Integer>>> child : byChild.entrySet()) {
            List<Integer> childPrefix = append(prefix, child.getKey());
            List<List<Integer>> under = child.getValue().stream().filter(b -> b.size() > childPrefix.size()).toList();
            if (under.size() == child.getValue().size()) {
                cell(childPrefix, under, build, out);
            }
        }
    }

    /**
     * @return the {@code dstaddr} condition "under {@code prefix} and none of {@code terms}" (for the empty prefix:
     *     any IPv4 address, IPv6 excluded)
     */
    private static String minus(final List<Integer> prefix, final List<String> terms) {
        List<String> negative = new ArrayList<>(terms);
        if (prefix.isEmpty()) {
            negative.add(IPV6);
            return noneOf("dstaddr", negative);
        }
        return "dstaddr = " + quote(term(prefix)) + " && " + noneOf("dstaddr", negative);
    }

    private static List<Integer> append(final List<Integer> prefix, final int octet) {
        List<Integer> child = new ArrayList<>(prefix);
        child.add(octet);
        return child;
    }

    /** @return the octets of an octet-aligned wildcard term ({@code "10.1.*"} is [10, 1], {@code "*"} is []). */
    private static List<Integer> octets(final String term) {
        String body = term.endsWith("*") ? term.substring(0, term.length() - 1) : term + ".";
        List<Integer> octets = new ArrayList<>();
        for (String o : body.split("\\.")) {
            if (!o.isEmpty()) {
                octets.add(Integer.parseInt(o));
            }
        }
        return octets;
    }

    /** @return the term of a prefix: {@code "10.1.*"} for [10, 1], the address itself for four octets. */
    private static String term(final List<Integer> octets) {
        String joined = octets.stream().map(String::valueOf).collect(Collectors.joining("."));
        return octets.size() == 4 ? joined : octets.isEmpty() ? "*" : joined + ".*";
    }

    /** @return the blocks that lie under no other block, distinct, in their first order. */
    private static List<List<Integer>> minimal(final List<List<Integer>> blocks) {
        List<List<Integer>> kept = new ArrayList<>();
        for (List<Integer> block : blocks) {
            boolean covered = blocks.stream().anyMatch(other -> other.size() < block.size()
                    && block.subList(0, other.size()).equals(other));
            if (!covered && !kept.contains(block)) {
                kept.add(block);
            }
        }
        return kept;
    }

    /**
     * Splits terms into the fewest groups whose pattern, built by {@code build}, fits {@link #MAX_PATTERN_LENGTH}.
     *
     * @throws IllegalArgumentException when one term alone does not fit
     */
    static List<List<String>> chunks(final List<String> terms, final java.util.function.Function<List<String>, String> build) {
        List<List<String>> groups = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String term : terms) {
            current.add(term);
            if (deployedLength(build.apply(current)) > MAX_PATTERN_LENGTH) {
                current.remove(current.size() - 1);
                if (current.isEmpty()) {
                    throw new IllegalArgumentException("the pattern of '" + term + "' alone is longer than "
                            + MAX_PATTERN_LENGTH + " characters");
                }
                groups.add(List.copyOf(current));
                current = new ArrayList<>(List.of(term));
            }
        }
        if (!current.isEmpty()) {
            groups.add(List.copyOf(current));
        }
        return groups;
    }
}
