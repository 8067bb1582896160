package io.securevpc.iam;

/**
 * The duties that operate a VPC, one role each (BP-IAM-1, BP-IAM-4 separation of duties): security groups and
 * network ACLs are changed through different IAM actions, so different people can own them (BP-NET-5).
 */
public enum OperatorDuty {
    /** Routes, route-table associations and endpoints of the VPC; not security groups, not NACLs. */
    NETWORK_ADMIN("NetworkAdmin", "Changes routes, route-table associations and endpoints of one VPC"),
    /** Rules of the VPC's security groups only. */
    SECURITY_GROUP_ADMIN("SecurityGroupAdmin", "Changes the rules of the security groups of one VPC"),
    /** Entries and associations of the VPC's network ACLs only. */
    NACL_ADMIN("NaclAdmin", "Changes the entries and associations of the network ACLs of one VPC"),
    /** Reads flow logs and audit data; changes nothing. */
    AUDIT_READER("AuditReader", "Reads the flow logs and audit records of one VPC");

    private final String id;
    private final String description;

    OperatorDuty(final String id, final String description) {
        this.id = id;
        this.description = description;
    }

    /** @return the construct id of the duty's role (API: never changes). */
    public String id() {
        return id;
    }

    /** @return the role's description. */
    public String description() {
        return description;
    }
}
