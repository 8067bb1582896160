package io.securevpc.detection;

import io.securevpc.internal.RequiredProps;
import io.securevpc.network.ISecureVpc;
import java.util.List;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.Duration;

/** Props of {@link MaliciousIpBlocking}. */
public final class MaliciousIpBlockingProps {
    private final ISecureVpc secureVpc;
    private final SecurityAlerts alerts;
    private final List<String> tiers;
    private final Duration blockDuration;
    private final Double severityThreshold;
    private final Boolean alertOnly;
    private final List<String> allowList;
    private final Integer reservedNaclEntries;

    private MaliciousIpBlockingProps(final Builder b) {
        RequiredProps.of("MaliciousIpBlockingProps").require("secureVpc", b.secureVpc).require("alerts", b.alerts)
                .elements("tiers", b.tiers)
                .elements("allowList", b.allowList)
                .check();
        this.secureVpc = b.secureVpc;
        this.alerts = b.alerts;
        this.tiers = b.tiers == null ? null : List.copyOf(b.tiers);
        this.blockDuration = b.blockDuration;
        this.severityThreshold = b.severityThreshold;
        this.alertOnly = b.alertOnly;
        this.allowList = b.allowList == null ? null : List.copyOf(b.allowList);
        this.reservedNaclEntries = b.reservedNaclEntries;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** @return the VPC whose tier NACLs take the deny entries (it must be in this stack's account and region). */
    public @NotNull ISecureVpc getSecureVpc() {
        return secureVpc;
    }

    /** @return where the alert about each finding and the automation's outcome go. */
    public @NotNull SecurityAlerts getAlerts() {
        return alerts;
    }

    /**
     * The tiers protected: a finding on an instance in one of their subnets blocks the IP in that tier's NACL.
     *
     * @default - every tier of the VPC that is not reserved is protected
     */
    public @Nullable List<String> getTiers() {
        return tiers;
    }

    /**
     * How long an address stays blocked; the same address named again extends it. From one hour (blocks are
     * lifted by an hourly sweep) to 30 days (a longer block belongs in SecureVpc's {@code blockList}).
     *
     * @default - 24 hours ({@link MaliciousIpBlocking#DEFAULT_BLOCK_DURATION})
     */
    public @Nullable Duration getBlockDuration() {
        return blockDuration;
    }

    /**
     * Lowest GuardDuty severity acted on, 1 to 10.
     *
     * @default - 4 (medium): findings of severity 4 and above
     */
    public @Nullable Double getSeverityThreshold() {
        return severityThreshold;
    }

    /**
     * Report only, block nothing (dry run); warns at synth.
     *
     * @default - false: addresses are blocked
     */
    public @Nullable Boolean getAlertOnly() {
        return alertOnly;
    }

    /**
     * IPv4 CIDRs never blocked, besides the VPC's own range and the private and reserved ranges: the networks this
     * VPC is connected to (peer VPCs, Transit Gateway attachments, on-premises ranges over VPN, the customer gateway
     * address) and the operator's trusted addresses. A finding naming an address in one is reported, not blocked.
     *
     * @default - none besides the VPC's own range and the private and reserved ranges
     */
    public @Nullable List<String> getAllowList() {
        return allowList;
    }

    /**
     * Free entries, per direction, that blocking leaves in each tier's NACL (of its 20, SecureVpc's own entries
     * counted): a block that would leave fewer is refused and reported. From 0 to 19.
     *
     * @default - 4 ({@link MaliciousIpBlocking#DEFAULT_RESERVED_NACL_ENTRIES})
     */
    public @Nullable Integer getReservedNaclEntries() {
        return reservedNaclEntries;
    }

    /** Builder of {@link MaliciousIpBlockingProps}. */
    public static final class Builder {
        private ISecureVpc secureVpc;
        private SecurityAlerts alerts;
        private List<String> tiers;
        private Duration blockDuration;
        private Double severityThreshold;
        private Boolean alertOnly;
        private List<String> allowList;
        private Integer reservedNaclEntries;

        public Builder secureVpc(final @NotNull ISecureVpc v) {
            this.secureVpc = v;
            return this;
        }

        public Builder alerts(final @NotNull SecurityAlerts v) {
            this.alerts = v;
            return this;
        }

        public Builder tiers(final @Nullable List<String> v) {
            this.tiers = v;
            return this;
        }

        public Builder blockDuration(final @Nullable Duration v) {
            this.blockDuration = v;
            return this;
        }

        public Builder severityThreshold(final @Nullable Double v) {
            this.severityThreshold = v;
            return this;
        }

        public Builder alertOnly(final @Nullable Boolean v) {
            this.alertOnly = v;
            return this;
        }

        public Builder allowList(final @Nullable List<String> v) {
            this.allowList = v;
            return this;
        }

        public Builder reservedNaclEntries(final @Nullable Integer v) {
            this.reservedNaclEntries = v;
            return this;
        }

        public MaliciousIpBlockingProps build() {
            return new MaliciousIpBlockingProps(this);
        }
    }
}
