package io.securevpc.app;

import io.securevpc.detection.InstanceIsolation;
import io.securevpc.detection.InstanceIsolationProps;
import io.securevpc.detection.MaliciousIpBlocking;
import io.securevpc.detection.MaliciousIpBlockingProps;
import io.securevpc.detection.PublicIngressRevocation;
import io.securevpc.detection.SecurityAlerts;
import io.securevpc.detection.TamperResponse;
import io.securevpc.detection.ThreatDetection;
import java.util.List;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * Threat detection and automatic remediation for one account and region (GuardDuty allows one detector
 * per account and region): the detector, the alerts topic, tamper alerts, world-open ingress revocation,
 * and, in each VPC of that account and region, instance isolation and the blocking of malicious remote IPs in
 * the tier NACLs (BP-MON-2/4/5, BP-NET-5).
 *
 * <p>Remediation of a VPC lives here, not in the VPC's network stack: it sends to this stack's alerts topic, and
 * this stack already refers to the network stacks (VPC, subnets, NACLs), so a reference back would be a cycle.
 */
public final class DetectionStack extends Stack {
    private final SecurityAlerts alerts;

    /**
     * @param audit the audit stack of the same account and region, if any: a stopped trail is then restarted
     *     (the audit trail, when this is the account's home region)
     */
    public DetectionStack(final Construct scope, final String id, final String account, final String region,
                          final List<NetworkStack> networks, final AuditStack audit) {
        super(scope, id, StackProps.builder()
                .env(account == null && region == null ? null
                        : Environment.builder().account(account).region(region).build())
                .description("Secure VPC blueprint: threat detection and automatic remediation")
                .terminationProtection(true)
                .build());
        new ThreatDetection(this, "GuardDuty", null);
        this.alerts = new SecurityAlerts(this, "Alerts", null);
        String trailArn = audit == null || audit.getTrail() == null || audit.getTrail().getTrail() == null ? null
                : audit.getTrail().getTrail().getAttrArn();
        new TamperResponse(this, "Tamper", alerts, trailArn, false, false);
        new PublicIngressRevocation(this, "WorldOpenIngress", alerts, null, null, false);
        for (NetworkStack network : networks) {
            new InstanceIsolation(this, "Isolation-" + network.getStackName(), InstanceIsolationProps.builder()
                    .vpc(network.getNetwork().getVpc())
                    .alerts(alerts)
                    .build());
            new MaliciousIpBlocking(this, "IpBlocking-" + network.getStackName(), MaliciousIpBlockingProps.builder()
                    .network(network.getNetwork())
                    .alerts(alerts)
                    .build());
        }
    }

    public SecurityAlerts getAlerts() {
        return alerts;
    }
}
