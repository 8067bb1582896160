"""Revokes the ingress of one security group that opens a protected port to the internet.

The aws:executeScript step (Python 3.11) of the PublicIngressRevocation automation document (BP-NET-2,
BP-MON-5). It judges address sets, not strings: on a protected port (or all protocols), a public range of /8 or
wider is world-open, and so are ranges that cover the whole internet only together (0.0.0.0/1 and 128.0.0.0/1,
::/1 and 8000::/1). Each such range is revoked in the exact form the group holds it. Ranges that lie wholly in
private or reserved space (10.0.0.0/8, fc00::/7, ...) are left alone, as are rules naming security groups or
prefix lists.

It reads the group with ec2:DescribeSecurityGroups (the rules as IpPermissions) and revokes with
ec2:RevokeSecurityGroupIngress; a rule gone in between is not an error (InvalidPermission.NotFound). Running it
twice revokes nothing the second time.

Only the standard library and boto3 (imported by handler(), provided by the automation runtime) are used, so the
logic runs unchanged under unit tests with a fake client.
"""

import ipaddress

WIDEST_NARROW_PREFIX = 8  # a public range of /8 or wider on a protected port is world-open
PRIVATE = [ipaddress.ip_network(n) for n in (
    "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
    "192.168.0.0/16", "224.0.0.0/4", "240.0.0.0/4", "fc00::/7", "fe80::/10", "ff00::/8", "::1/128")]
WHOLE = {4: ipaddress.ip_network("0.0.0.0/0"), 6: ipaddress.ip_network("::/0")}


def handler(events, context):
    """Entry point of the aws:executeScript step."""
    import boto3  # provided by the automation runtime; not needed by the tests
    return run(events, boto3.client("ec2"))


def is_private(network):
    """Whether every address of the range is private or reserved."""
    return any(network.version == p.version and network.subnet_of(p) for p in PRIVATE)


def covers(permission, port):
    """Whether an IpPermission admits the port (None: all protocols only)."""
    if permission.get("IpProtocol") == "-1":
        return True
    if port is None or permission.get("IpProtocol") not in ("tcp", "6", "udp", "17"):
        return False
    return permission.get("FromPort", 0) <= port <= permission.get("ToPort", 65535)


def ranges(permission):
    """(version, network, revocable form) of each CIDR range of an IpPermission."""
    found = []
    for item in permission.get("IpRanges", []):
        found.append((ipaddress.ip_network(item["CidrIp"], strict=False), {"CidrIp": item["CidrIp"]}, "IpRanges"))
    for item in permission.get("Ipv6Ranges", []):
        found.append((ipaddress.ip_network(item["CidrIpv6"], strict=False), {"CidrIpv6": item["CidrIpv6"]},
                      "Ipv6Ranges"))
    return found


def world_open(permissions, ports):
    """The (permission, range form, key) to revoke: world-open ranges on the protected ports or all protocols."""
    doomed = []
    for port in list(ports) + [None]:
        admitting = [(p, r) for p in permissions if covers(p, port) for r in ranges(p)]
        public = [(p, r) for p, r in admitting if not is_private(r[0])]
        for version, whole in WHOLE.items():
            # together, the port's ranges (private ones included) cover the whole internet of this version
            union = list(ipaddress.collapse_addresses(r[0] for _, r in admitting if r[0].version == version))
            together = union == [whole]
            same = [(p, r) for p, r in public if r[0].version == version]
            for p, r in same:
                if together or r[0].prefixlen <= WIDEST_NARROW_PREFIX:
                    entry = (p, r[1], r[2])
                    if entry not in doomed:
                        doomed.append(entry)
    return doomed


def revocation(permission, form, key):
    """The IpPermissions argument that revokes exactly one range of one permission."""
    revoke = {"IpProtocol": permission["IpProtocol"], key: [form]}
    if permission["IpProtocol"] != "-1":
        revoke["FromPort"] = permission["FromPort"]
        revoke["ToPort"] = permission["ToPort"]
    return revoke


def run(events, ec2):
    """Revokes the world-open ingress of events["groupId"] on events["ports"]; returns what it revoked."""
    group = ec2.describe_security_groups(GroupIds=[events["groupId"]])["SecurityGroups"][0]
    revoked = []
    for permission, form, key in world_open(group.get("IpPermissions", []), events["ports"]):
        argument = revocation(permission, form, key)
        try:
            ec2.revoke_security_group_ingress(GroupId=events["groupId"], IpPermissions=[argument])
        except Exception as error:  # botocore's ClientError, without importing botocore in tests
            if "InvalidPermission.NotFound" not in str(error):
                raise
            continue
        revoked.append(argument)
    return {"revoked": revoked}
