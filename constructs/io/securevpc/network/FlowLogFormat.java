package io.securevpc.network;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The custom flow-log record format SecureVpc uses: every field of versions 2 to 5, in the order AWS
 * documents them (BP-MON-1). The version 3-5 fields are what lets an investigator tie a record to a subnet,
 * an instance, the original packet addresses behind NAT, the direction and the path the traffic took.
 */
public final class FlowLogFormat {
    /** Version 2 (the default format). */
    public static final List<String> V2 = List.of("version", "account-id", "interface-id", "srcaddr", "dstaddr",
            "srcport", "dstport", "protocol", "packets", "bytes", "start", "end", "action", "log-status");
    /** Added in version 3. */
    public static final List<String> V3 = List.of("vpc-id", "subnet-id", "instance-id", "tcp-flags", "type",
            "pkt-srcaddr", "pkt-dstaddr");
    /** Added in version 4. */
    public static final List<String> V4 = List.of("region", "az-id", "sublocation-type", "sublocation-id");
    /** Added in version 5. */
    public static final List<String> V5 = List.of("pkt-src-aws-service", "pkt-dst-aws-service", "flow-direction",
            "traffic-path");

    /** Every field of versions 2-5, in order. */
    public static final List<String> FIELDS = List.of(V2, V3, V4, V5).stream().flatMap(List::stream)
            .collect(Collectors.toUnmodifiableList());

    /** The format string, e.g. {@code ${version} ${account-id} ...}. */
    public static final String FORMAT = FIELDS.stream().map(f -> "${" + f + "}").collect(Collectors.joining(" "));

    private FlowLogFormat() {
    }
}
