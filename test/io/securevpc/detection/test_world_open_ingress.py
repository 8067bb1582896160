"""Unit tests of world_open_ingress.py (the PublicIngressRevocation runbook's script), with a fake EC2 client.

Run by WorldOpenIngressScriptTest (mvn verify): python3 -m unittest discover -s test/io/securevpc/detection
"""

import importlib.util
import pathlib
import unittest

SCRIPT = pathlib.Path(__file__).resolve().parents[4] / "constructs/io/securevpc/detection/world_open_ingress.py"
_spec = importlib.util.spec_from_file_location("world_open_ingress", SCRIPT)
script = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(script)


class FakeEc2:
    """A security group's IpPermissions; revoke removes one range as EC2 does, or fails NotFound."""

    def __init__(self, permissions):
        self.permissions = permissions
        self.calls = []

    def describe_security_groups(self, GroupIds):
        return {"SecurityGroups": [{"GroupId": GroupIds[0], "IpPermissions": self.permissions}]}

    def revoke_security_group_ingress(self, GroupId, IpPermissions):
        self.calls.append(IpPermissions[0])
        wanted = IpPermissions[0]
        key = "IpRanges" if "IpRanges" in wanted else "Ipv6Ranges"
        for permission in self.permissions:
            same = all(permission.get(k) == wanted.get(k) for k in ("IpProtocol", "FromPort", "ToPort"))
            if same and wanted[key][0] in permission.get(key, []):
                permission[key].remove(wanted[key][0])
                return {}
        raise RuntimeError("An error occurred (InvalidPermission.NotFound) when calling RevokeSecurityGroupIngress")


def tcp(port, *cidrs, to=None):
    v4 = [{"CidrIp": c} for c in cidrs if ":" not in c]
    v6 = [{"CidrIpv6": c} for c in cidrs if ":" in c]
    return {"IpProtocol": "tcp", "FromPort": port, "ToPort": to or port, "IpRanges": v4, "Ipv6Ranges": v6}


def run(permissions, ports=(22, 3389)):
    ec2 = FakeEc2(permissions)
    result = script.run({"groupId": "sg-0123456789abcdef0", "ports": list(ports)}, ec2)
    return ec2, result


class WorldOpenIngressTest(unittest.TestCase):
    def test_split_halves_of_ipv4_on_ssh_are_both_revoked(self):
        ec2, result = run([tcp(22, "0.0.0.0/1", "128.0.0.0/1")])
        self.assertEqual([{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/1"}]},
                          {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "128.0.0.0/1"}]}],
                         result["revoked"])
        self.assertEqual([], ec2.permissions[0]["IpRanges"])

    def test_split_halves_of_ipv6_in_two_rules_are_revoked(self):
        ec2, result = run([tcp(3389, "::/1"), tcp(3389, "8000::/1")])
        self.assertEqual(2, len(result["revoked"]))

    def test_a_public_slash_8_on_a_protected_port_is_world_open(self):
        _, result = run([tcp(22, "52.0.0.0/8")])
        self.assertEqual([{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "52.0.0.0/8"}]}],
                         result["revoked"])

    def test_a_union_of_ranges_narrower_than_slash_8_covering_the_internet_is_revoked(self):
        halves = ["%d.0.0.0/9" % a for a in range(256)] + ["%d.128.0.0/9" % a for a in range(256)]
        ec2, result = run([tcp(22, *halves)])
        public = [c for c in halves if not script.is_private(script.ipaddress.ip_network(c))]
        self.assertEqual(len(public), len(result["revoked"]))

    def test_a_public_slash_9_alone_and_private_ranges_stay(self):
        ec2, result = run([tcp(22, "52.0.0.0/9", "10.0.0.0/8", "192.168.0.0/16"), tcp(22, "fc00::/7")])
        self.assertEqual([], result["revoked"])
        self.assertEqual([], ec2.calls)

    def test_an_unprotected_port_open_to_the_world_stays(self):
        _, result = run([tcp(443, "0.0.0.0/0", "::/0")])
        self.assertEqual([], result["revoked"])

    def test_a_port_range_covering_a_protected_port_and_all_protocols_are_revoked(self):
        _, result = run([tcp(0, "0.0.0.0/0", to=1024), {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
        self.assertEqual([{"IpProtocol": "tcp", "FromPort": 0, "ToPort": 1024, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]},
                          {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}], result["revoked"])

    def test_running_twice_revokes_nothing_the_second_time(self):
        ec2 = FakeEc2([tcp(22, "0.0.0.0/1", "128.0.0.0/1")])
        event = {"groupId": "sg-0123456789abcdef0", "ports": [22]}
        self.assertEqual(2, len(script.run(event, ec2)["revoked"]))
        self.assertEqual([], script.run(event, ec2)["revoked"])

    def test_a_rule_removed_in_between_is_not_an_error(self):
        class Gone(FakeEc2):
            def revoke_security_group_ingress(self, GroupId, IpPermissions):
                raise RuntimeError("An error occurred (InvalidPermission.NotFound)")
        self.assertEqual([], script.run({"groupId": "sg-0123456789abcdef0", "ports": [22]},
                                        Gone([tcp(22, "0.0.0.0/0")]))["revoked"])

    def test_any_other_error_is_raised(self):
        class Denied(FakeEc2):
            def revoke_security_group_ingress(self, GroupId, IpPermissions):
                raise RuntimeError("An error occurred (UnauthorizedOperation)")
        with self.assertRaises(RuntimeError):
            script.run({"groupId": "sg-0123456789abcdef0", "ports": [22]}, Denied([tcp(22, "0.0.0.0/0")]))


if __name__ == "__main__":
    unittest.main()
