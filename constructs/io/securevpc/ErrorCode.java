package io.securevpc;

/** Stable codes of {@link BlueprintValidationException} problems. Codes never change meaning once released. */
public enum ErrorCode {
    /** A CIDR that does not parse, or an IPv4 CIDR where IPv6 is needed (or the reverse). */
    INVALID_CIDR("SVPC-001"),
    /** Availability Zones: fewer than 2, more than 6, duplicated, or reserved beyond the list. */
    AVAILABILITY_ZONES("SVPC-002"),
    /** A NAT strategy that has no public tier to live in, or private-with-egress tiers with no egress path. */
    NAT_STRATEGY("SVPC-003"),
    /** Flow logs: retention below the minimum, no destination, an aggregation interval that is not 60/600. */
    FLOW_LOGS("SVPC-004"),
    /** A block-list entry that is invalid or would cut the VPC's own traffic. */
    BLOCK_LIST("SVPC-005"),
    /** NACL entries that overflow their rule-number range or the per-NACL entry quota. */
    NACL_RULES("SVPC-006"),
    /** A tier definition: duplicate or invalid name, mask out of range, unknown tier referenced. */
    TIER("SVPC-007"),
    /** The tiers do not fit in the VPC's address space. */
    ADDRESS_SPACE("SVPC-008"),
    /** Two props that cannot be used together, or a required prop that is missing. */
    CONFLICTING_PROPS("SVPC-009"),
    /** A port or port range outside 0-65535, or reversed. */
    PORT("SVPC-010"),
    /** Security group rule that is not allowed (e.g. internet ingress without the explicit prop). */
    SECURITY_GROUP("SVPC-011"),
    /** A policy statement the blueprint never grants (wildcard action, unconditioned Resource "*"), or malformed. */
    IAM_POLICY("SVPC-012"),
    /** Operator roles: a duty with no principal, or a duty whose resources are missing. */
    IAM_ROLES("SVPC-013"),
    /** A VPC endpoint: unknown tier, no consumers, duplicated or unsupported service (BP-EP-2, BP-EP-5). */
    ENDPOINT("SVPC-014"),
    /** An endpoint policy that is not least privilege or that a service cannot take (BP-EP-3). */
    ENDPOINT_POLICY("SVPC-015"),
    /** PrivateLink, peering, Transit Gateway: wildcard principals, non-TCP listeners, overlapping or open routes. */
    CONNECTIVITY("SVPC-016"),
    /** Audit log archive: an Object Lock retention outside 1 day to 100 years, or an invalid organization id. */
    LOG_ARCHIVE("SVPC-017"),
    /** CloudTrail: a log retention below one year, or data events/Insights asked of an adopted trail. */
    AUDIT_TRAIL("SVPC-018"),
    /** AWS Config: remediation retry limits out of range, or an invalid rule parameter. */
    CONFIG_RULES("SVPC-019"),
    // SVPC-020 is the app's (io.securevpc.app.AppErrorCode.APP_CONFIG: its cdk.json configuration), not the
    // library's: never reused here.
    /** A synthesized stack over a CloudFormation limit: more than 500 resources or a template over 1 MB. */
    STACK_LIMITS("SVPC-021"),
    /** A remediation setting out of range: a GuardDuty severity threshold, how long a malicious IP stays blocked. */
    REMEDIATION("SVPC-022"),
    /**
     * A file of the compliance gate: a baseline findings file that is missing, unreadable, not JSON or not a
     * baseline; a template {@code CheckTemplate} cannot read; a report the gate cannot write; a gate cache context
     * key ({@code secure-vpc:gateCache}) that is not {@code true} or {@code false}.
     */
    GATE_FILE("SVPC-023"),
    /** A DNS Firewall without the AWS-managed domain list ids it needs, or with a malformed id or domain (BP-NET-6). */
    DNS_FIREWALL("SVPC-024");

    private final String id;

    ErrorCode(final String id) {
        this.id = id;
    }

    /** @return the stable code, e.g. {@code SVPC-001}. */
    public String id() {
        return id;
    }
}
