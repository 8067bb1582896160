package io.securevpc.detection;

import io.securevpc.internal.Maps;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.events.EventPattern;

/**
 * The GuardDuty finding types whose remote IPv4 address {@link MaliciousIpBlocking} may block (BP-NET-5,
 * BP-MON-5): EC2 findings GuardDuty raises because the address is on a threat list (its own threat intelligence, a
 * customer threat list, the Tor node lists) and that carry a {@code networkConnectionAction}, per the "EC2 finding
 * types" page of the Amazon GuardDuty User Guide
 * (https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_finding-types-ec2.html).
 *
 * <p>Left out on purpose: port probes and scans, SSH/RDP brute force, denial-of-service and other anomaly
 * findings, whose remote address is whoever sent the packets (an attacker can choose or spoof it, and so turn the
 * blocking against a partner, a peer or an on-premises address); {@code !DNS} findings, which name a domain and
 * carry no remote IP; and findings of other resource types. The list is enforced twice: in the rule's event
 * pattern ({@code detail.type}) and again by the automation script, which refuses any other type.
 */
final class ThreatIntelFindings {
    /** The finding types acted on, in the order the payload lists them. */
    static final List<String> TYPES = List.of(
            "Backdoor:EC2/C&CActivity.B",
            "CryptoCurrency:EC2/BitcoinTool.B",
            "Trojan:EC2/BlackholeTraffic",
            "Trojan:EC2/DropPoint",
            "UnauthorizedAccess:EC2/MaliciousIPCaller.Custom",
            "UnauthorizedAccess:EC2/TorClient",
            "UnauthorizedAccess:EC2/TorIPCaller",
            "UnauthorizedAccess:EC2/TorRelay");

    private ThreatIntelFindings() {
    }

    /**
     * Findings of {@link #TYPES} at or above the threshold, not archived, on an instance with a network interface in
     * one of the given subnets, naming a remote IPv4 address of a network connection.
     */
    static EventPattern pattern(final double threshold, final List<String> subnetIds) {
        EventPattern base = InstanceFindings.pattern(threshold, Maps.of(
                        "instanceId", List.of(Maps.of("exists", true)),
                        "networkInterfaces", Maps.of("subnetId", List.copyOf(subnetIds))),
                Maps.of("action", Maps.of("networkConnectionAction", Maps.of("remoteIpDetails",
                        Maps.of("ipAddressV4", List.of(Maps.of("exists", true)))))));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("type", TYPES);
        detail.putAll(base.getDetail());
        return EventPattern.builder().source(base.getSource()).detailType(base.getDetailType()).detail(detail).build();
    }
}
