package io.securevpc.app;

import com.fasterxml.jackson.annotation.JsonValue;
import io.securevpc.endpoints.InterfaceEndpointPreset;
import io.securevpc.gate.ComplianceGate;
import io.securevpc.network.NatStrategy;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.s3.ObjectLockMode;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * What differs between a development, a production and a regulated environment, in one place: the
 * {@code profile} key of an environment in {@code cdk.json} selects one, independently of its network
 * {@link EnvironmentConfig.Shape shape}. {@code docs/config.md} shows the same table.
 *
 * <p>Profiles are ordered from the least to the most strict. Environments of one account and region share their
 * audit and detection stacks and one CDK stage, so they must share a profile; the gate runs the packs of the
 * strictest profile of the app (a stricter pack only adds checks).
 */
public enum Profile {
    /**
     * Development: one NAT gateway for all AZs, the interface endpoints a managed instance needs to be reached
     * (Systems Manager, CloudWatch Logs), logs kept a year (the library's floor), the audit archive locked 30
     * days, keys deletable after 7 days; the gate runs BlueprintChecks and AWS Solutions.
     */
    DEV("dev", NatStrategy.SINGLE,
            List.of(InterfaceEndpointPreset.SSM_MANAGED_INSTANCES, InterfaceEndpointPreset.CLOUDWATCH_LOGS),
            RetentionDays.ONE_YEAR, 30, 7, false,
            List.of(ComplianceGate.StockPack.AWS_SOLUTIONS), false),
    /**
     * Production: a NAT gateway per AZ, the full set of interface endpoints, logs kept two years, the audit archive
     * locked a year, keys deletable after 30 days, alert subscriptions required; the gate adds NIST 800-53 R5.
     */
    PROD("prod", NatStrategy.PER_AZ, fullEndpoints(), RetentionDays.TWO_YEARS, 365, 30, true,
            List.of(ComplianceGate.StockPack.AWS_SOLUTIONS, ComplianceGate.StockPack.NIST_800_53_R5), false),
    /**
     * Regulated: as production, with logs kept seven years and the audit archive locked seven years in COMPLIANCE
     * mode; the gate runs
     * all six stock packs and CloudFormation's template validation.
     */
    REGULATED("regulated", NatStrategy.PER_AZ, fullEndpoints(), RetentionDays.SEVEN_YEARS, 2557, 30, true,
            List.of(ComplianceGate.StockPack.values()), true);

    /** Systems Manager, CloudWatch Logs, KMS, STS and ECR: what a private-only workload's instances call. */
    private static List<InterfaceEndpointPreset> fullEndpoints() {
        return List.of(InterfaceEndpointPreset.SSM_MANAGED_INSTANCES, InterfaceEndpointPreset.CLOUDWATCH_LOGS,
                InterfaceEndpointPreset.KMS, InterfaceEndpointPreset.STS, InterfaceEndpointPreset.ECR_PULL);
    }

    private final String configName;
    private final NatStrategy natStrategy;
    private final List<InterfaceEndpointPreset> interfaceEndpoints;
    private final RetentionDays logRetention;
    private final int archiveLockDays;
    private final int keyPendingWindowDays;
    private final boolean requireAlertSubscriptions;
    private final List<ComplianceGate.StockPack> stockPacks;
    private final boolean cloudFormationValidation;

    Profile(final String configName, final NatStrategy natStrategy, final List<InterfaceEndpointPreset> endpoints,
            final RetentionDays logRetention, final int archiveLockDays, final int keyPendingWindowDays,
            final boolean requireAlertSubscriptions, final List<ComplianceGate.StockPack> stockPacks,
            final boolean cloudFormationValidation) {
        this.configName = configName;
        this.natStrategy = natStrategy;
        this.interfaceEndpoints = endpoints;
        this.logRetention = logRetention;
        this.archiveLockDays = archiveLockDays;
        this.keyPendingWindowDays = keyPendingWindowDays;
        this.requireAlertSubscriptions = requireAlertSubscriptions;
        this.stockPacks = stockPacks;
        this.cloudFormationValidation = cloudFormationValidation;
    }

    /** @return the name the configuration uses: {@code dev}, {@code prod}, {@code regulated}. */
    @JsonValue
    public String configName() {
        return configName;
    }

    /** @return the NAT gateways of a shape that has them (three-tier): one for the VPC, or one per AZ (BP-NET-7). */
    public NatStrategy natStrategy() {
        return natStrategy;
    }

    /** @return the interface endpoints of a shape that has them (private-only), in the endpoints tier (BP-EP-1). */
    public List<InterfaceEndpointPreset> interfaceEndpoints() {
        return interfaceEndpoints;
    }

    /** @return the retention of the CloudWatch Logs groups the app sets: VPC flow logs, the trail's copy (BP-AUD-2). */
    public RetentionDays logRetention() {
        return logRetention;
    }

    /** @return the default Object Lock retention of the audit archive's CloudTrail bucket (BP-AUD-3). */
    public Duration archiveLockRetention() {
        return Duration.days(archiveLockDays);
    }

    /**
     * @return the Object Lock mode of the audit archive's CloudTrail bucket (BP-AUD-1): COMPLIANCE in the regulated
     *     profile (nobody, the root user included, can delete a record before its retention ends), GOVERNANCE
     *     otherwise (a principal allowed {@code s3:BypassGovernanceRetention} can, and the archive's bucket policy
     *     denies that to all but the break-glass principal)
     */
    public ObjectLockMode archiveLockMode() {
        return this == REGULATED ? ObjectLockMode.COMPLIANCE : ObjectLockMode.GOVERNANCE;
    }

    /** @return the days a scheduled KMS key deletion waits (the keys' {@code PendingWindowInDays}, 7 to 30). */
    public int keyPendingWindowDays() {
        return keyPendingWindowDays;
    }

    /**
     * @return whether the alerts of the environment's account and region must have a subscriber configured
     *     (the app's {@code requireAlertSubscriptions} setting): an alert nobody receives protects nothing
     */
    public boolean requireAlertSubscriptions() {
        return requireAlertSubscriptions;
    }

    /**
     * @return whether every VPC of the profile must have a DNS Firewall (BP-NET-6): in the regulated profile its VPCs
     *     are tagged {@code DnsFirewallRequirement}, so the gate's {@code VpcDnsFirewallRequired} (an error) checks
     *     them; elsewhere {@code VpcDnsFirewall} reports a missing firewall as a warning
     */
    public boolean requiresDnsFirewall() {
        return this == REGULATED;
    }

    /** @return the stock cdk-nag packs the gate runs beside BlueprintChecks. */
    public List<ComplianceGate.StockPack> stockPacks() {
        return stockPacks;
    }

    /** @return whether the gate runs CloudFormation's template validation. */
    public boolean cloudFormationValidation() {
        return cloudFormationValidation;
    }

    /** @return the stricter of the two (a later constant is stricter). */
    public Profile stricter(final Profile other) {
        return other == null || compareTo(other) >= 0 ? this : other;
    }

    /** @return the gate of this profile, registered on the app. */
    public ComplianceGate.Builder gate() {
        return ComplianceGate.builder().stockPacks(stockPacks).cloudFormationValidation(cloudFormationValidation);
    }
}
