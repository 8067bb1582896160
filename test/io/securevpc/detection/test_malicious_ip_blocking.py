"""Behaviour of the MaliciousIpBlocking automation script (BP-NET-5, BP-MON-5) against fake EC2, SSM and SNS.

Standard library only; run by MaliciousIpBlockingScriptTest (JUnit), or by hand from the repository root:
    python3 -m unittest discover -s test/io/securevpc/detection -p 'test_*.py' -v
"""

import datetime
import importlib.util
import json
import pathlib
import unittest

SCRIPT = (pathlib.Path(__file__).resolve().parents[4]
          / "constructs" / "io" / "securevpc" / "detection" / "malicious_ip_blocking.py")
_spec = importlib.util.spec_from_file_location("malicious_ip_blocking", SCRIPT)
blocking = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(blocking)

ACL = "acl-0123456789abcdef0"
STATE = "CFN-StateApp-ABC"
NOW = 1_800_000_000
DAY = 86_400


class ClientError(Exception):
    """Shaped like botocore's ClientError as far as the script looks: response["Error"]["Code"]."""

    def __init__(self, code):
        super().__init__(code)
        self.response = {"Error": {"Code": code, "Message": code}}


class FakeEc2:
    """A NACL's entries as {(rule number, egress): cidr}, with EC2's errors for taken numbers and the quota."""

    def __init__(self, entries=None, quota=20):
        self.entries = dict(entries or {})
        self.quota = quota
        self.calls = []

    def create_network_acl_entry(self, NetworkAclId, RuleNumber, Protocol, RuleAction, Egress, CidrBlock):
        self.calls.append(("create", NetworkAclId, RuleNumber, Egress, CidrBlock, RuleAction, Protocol))
        if (RuleNumber, Egress) in self.entries:
            raise ClientError("NetworkAclEntryAlreadyExists")
        if sum(1 for (_, e) in self.entries if e == Egress) >= self.quota:
            raise ClientError("NetworkAclEntryLimitExceeded")
        self.entries[(RuleNumber, Egress)] = CidrBlock

    def delete_network_acl_entry(self, NetworkAclId, RuleNumber, Egress):
        self.calls.append(("delete", NetworkAclId, RuleNumber, Egress))
        if (RuleNumber, Egress) not in self.entries:
            raise ClientError("InvalidNetworkAclEntry.NotFound")
        del self.entries[(RuleNumber, Egress)]


class FakeSsm:
    """Parameters with the LastModifiedDate SSM sets on each write (a timezone-aware datetime, as boto3 returns)."""

    def __init__(self, params=None, now=lambda: NOW):
        self.params = dict(params or {})
        self.now = now
        self.modified = {name: now() for name in self.params}
        self.writes = []

    def get_parameter(self, Name):
        if Name not in self.params:
            raise ClientError("ParameterNotFound")
        modified = datetime.datetime.fromtimestamp(self.modified[Name], datetime.timezone.utc)
        return {"Parameter": {"Name": Name, "Value": self.params[Name], "LastModifiedDate": modified}}

    def put_parameter(self, Name, Value, Type, Overwrite, Description=None):
        if Name in self.params and not Overwrite:
            raise ClientError("ParameterAlreadyExists")
        self.params[Name] = Value
        self.modified[Name] = self.now()
        self.writes.append(Name)

    def delete_parameter(self, Name):
        if Name not in self.params:
            raise ClientError("ParameterNotFound")
        del self.params[Name]


class FakeSns:
    def __init__(self):
        self.messages = []

    def publish(self, TopicArn, Subject, Message):
        self.messages.append((Subject, Message))


class Clock:
    def __init__(self, t=NOW):
        self.t = t
        self.slept = 0

    def now(self):
        return self.t

    def sleep(self, seconds):
        self.slept += seconds
        self.t += seconds


C2 = "Backdoor:EC2/C&CActivity.B"
# As MaliciousIpBlocking passes them (ThreatIntelFindings.TYPES); the Java tests check the template's list.
FINDING_TYPES = [C2, "CryptoCurrency:EC2/BitcoinTool.B", "Trojan:EC2/BlackholeTraffic", "Trojan:EC2/DropPoint",
                 "UnauthorizedAccess:EC2/MaliciousIPCaller.Custom", "UnauthorizedAccess:EC2/TorClient",
                 "UnauthorizedAccess:EC2/TorIPCaller", "UnauthorizedAccess:EC2/TorRelay"]
# A peer VPC, an on-premises range reached over VPN (public addresses), and an operator's allow-list entry
PROTECTED = ["10.20.0.0/16", "10.30.0.0/16", "198.18.0.0/15", "203.0.113.128/25"]


def config(reserved=(), first=1, last=99, own=(0, 0), reserve=4):
    return {"blockSeconds": DAY, "ruleFirst": first, "ruleLast": last, "topicArn": "arn:aws:sns:eu-west-1:1:alerts",
            "protectedCidrs": PROTECTED, "findingTypes": FINDING_TYPES, "entryQuota": 20, "entryReserve": reserve,
            "tiers": {"app": {"networkAclId": ACL, "stateParameter": STATE, "reservedRuleNumbers": list(reserved),
                              "blueprintEntries": {"inbound": own[0], "outbound": own[1]}}}}


class Fixture:
    def __init__(self, entries=None, state=None, reserved=(), quota=20, first=1, last=99, own=(0, 0), reserve=4):
        self.ec2 = FakeEc2(entries, quota)
        self.clock = Clock()
        self.ssm = FakeSsm({STATE: json.dumps(state if state is not None else {})}, lambda: self.clock.t)
        self.sns = FakeSns()
        self.config = config(reserved, first, last, own, reserve)

    def block(self, ip, tier="app", finding_type=C2):
        return blocking.run({"action": "Block", "tier": tier, "ip": ip, "instanceId": "i-99999999",
                             "findingType": finding_type, "executionId": "exec-1", "config": self.config},
                            self.ec2, self.ssm, self.sns, self.clock.now, self.clock.sleep)

    def unblock(self, ip, tier="app"):
        return blocking.run({"action": "Unblock", "tier": tier, "ip": ip, "executionId": "exec-3",
                             "config": self.config}, self.ec2, self.ssm, self.sns, self.clock.now, self.clock.sleep)

    def sweep(self):
        return blocking.run({"action": "Sweep", "executionId": "exec-2", "config": self.config},
                            self.ec2, self.ssm, self.sns, self.clock.now, self.clock.sleep)

    def state(self):
        return json.loads(self.ssm.params[STATE])


class BlockTest(unittest.TestCase):
    def test_first_block_takes_rule_1_in_both_directions_and_records_it(self):
        f = Fixture()
        out = f.block("198.51.100.0")
        self.assertEqual(("blocked", 1), (out["result"], out["ruleNumber"]))
        self.assertEqual({(1, False): "198.51.100.0/32", (1, True): "198.51.100.0/32"}, f.ec2.entries)
        self.assertEqual(("create", ACL, 1, False, "198.51.100.0/32", "deny", "-1"), f.ec2.calls[0])
        self.assertEqual({"1": ["198.51.100.0", NOW + DAY]}, f.state())
        self.assertNotIn(STATE + "-lock", f.ssm.params, "lock released")
        subject, message = f.sns.messages[-1]
        self.assertEqual("Malicious IP blocked", subject)
        self.assertIn("Blocked 198.51.100.0 in tier 'app' (NACL " + ACL + ", rule 1, inbound and outbound)", message)
        self.assertIn("GuardDuty Backdoor:EC2/C&CActivity.B on i-99999999.", message)

    def test_skips_rule_numbers_the_blueprint_uses(self):
        f = Fixture(reserved=[1, 2])
        self.assertEqual(3, f.block("198.51.100.0")["ruleNumber"])
        self.assertNotIn(1, [c[2] for c in f.ec2.calls], "never even tried")

    def test_skips_an_entry_added_by_hand_and_leaves_it_alone(self):
        f = Fixture(entries={(1, False): "203.0.113.9/32", (1, True): "203.0.113.9/32"})
        self.assertEqual(2, f.block("198.51.100.0")["ruleNumber"])
        self.assertEqual("203.0.113.9/32", f.ec2.entries[(1, False)])
        self.assertEqual({"2": ["198.51.100.0", NOW + DAY]}, f.state())

    def test_a_hand_made_entry_in_one_direction_only_rolls_back_the_other(self):
        f = Fixture(entries={(1, True): "203.0.113.9/32"})
        self.assertEqual(2, f.block("198.51.100.0")["ruleNumber"])
        self.assertNotIn((1, False), f.ec2.entries, "our inbound entry 1 was removed again")
        self.assertEqual("203.0.113.9/32", f.ec2.entries[(1, True)])

    def test_the_same_ip_again_only_extends_the_expiry(self):
        f = Fixture()
        f.block("198.51.100.0")
        calls = len(f.ec2.calls)
        f.clock.t += 3600
        out = f.block("198.51.100.0")
        self.assertEqual(("extended", 1), (out["result"], out["ruleNumber"]))
        self.assertEqual(calls, len(f.ec2.calls), "no EC2 call")
        self.assertEqual({"1": ["198.51.100.0", NOW + 3600 + DAY]}, f.state())
        self.assertIn("Already blocked; block extended", f.sns.messages[-1][1])

    def test_a_second_ip_takes_the_next_number(self):
        f = Fixture()
        f.block("198.51.100.0")
        self.assertEqual(2, f.block("203.0.113.7")["ruleNumber"])

    def test_range_exhausted_blocks_nothing_and_says_so(self):
        f = Fixture(state={str(n): ["198.51.100." + str(n), NOW + DAY] for n in range(1, 4)}, last=3)
        out = f.block("198.51.100.0")
        self.assertEqual("not-blocked", out["result"])
        self.assertEqual([], f.ec2.calls)
        subject, message = f.sns.messages[-1]
        self.assertEqual("Malicious IP NOT blocked", subject)
        self.assertIn("every rule number from 1 to 3 is taken in NACL " + ACL, message)
        self.assertNotIn(STATE + "-lock", f.ssm.params)

    def test_entry_quota_reached_blocks_nothing_and_says_so(self):
        f = Fixture(entries={(n, e): "192.0.2.0/24" for n in range(100, 120) for e in (False, True)}, quota=20,
                    reserve=0)
        out = f.block("198.51.100.0")
        self.assertEqual("not-blocked", out["result"])
        self.assertIn("has reached its entry quota", f.sns.messages[-1][1])
        self.assertEqual({}, f.state())

    def test_egress_quota_reached_rolls_back_the_inbound_entry(self):
        entries = {(n, True): "192.0.2.0/24" for n in range(100, 120)}
        f = Fixture(entries=entries, quota=20, reserve=0)
        self.assertEqual("not-blocked", f.block("198.51.100.0")["result"])
        self.assertNotIn((1, False), f.ec2.entries)

    def test_never_blocks_private_or_vpc_addresses(self):
        for ip in ("10.0.0.1", "172.16.0.9", "192.168.1.1", "169.254.169.254", "100.64.0.1", "10.20.0.5"):
            f = Fixture()
            self.assertEqual("not-blocked", f.block(ip)["result"], ip)
            self.assertEqual([], f.ec2.calls, ip)

    def test_refuses_what_is_not_an_ipv4_address_or_an_unprotected_tier(self):
        f = Fixture()
        self.assertIn("'not-an-ip' is not an IPv4 address", f.block("not-an-ip")["reason"])
        self.assertIn("tier 'data' is not protected (protected: app)", f.block("198.51.100.0", tier="data")["reason"])
        self.assertEqual([], f.ec2.calls)

    def test_a_failed_state_write_removes_the_new_entries(self):
        f = Fixture()

        def broken_put(Name, Value, Type, Overwrite, Description=None):
            if Name == STATE:
                raise ClientError("ThrottlingException")
            FakeSsm.put_parameter(f.ssm, Name, Value, Type, Overwrite, Description)
        f.ssm.put_parameter = broken_put
        with self.assertRaises(ClientError):
            f.block("198.51.100.0")
        self.assertEqual({}, f.ec2.entries, "no entry left that the sweeper would not know about")
        self.assertEqual("Malicious IP NOT blocked", f.sns.messages[-1][0])
        self.assertNotIn(STATE + "-lock", f.ssm.params)


class FindingTypeTest(unittest.TestCase):
    """Only threat-intelligence findings block: the others name an address an attacker chooses (BP-NET-5)."""

    def test_port_probe_and_brute_force_findings_are_refused_and_reported(self):
        for finding_type in ("Recon:EC2/PortProbeUnprotectedPort", "UnauthorizedAccess:EC2/SSHBruteForce",
                             "UnauthorizedAccess:EC2/RDPBruteForce", "Recon:EC2/Portscan",
                             "Backdoor:EC2/C&CActivity.B!DNS", ""):
            f = Fixture()
            out = f.block("198.51.100.7", finding_type=finding_type)
            self.assertEqual("not-blocked", out["result"], finding_type)
            self.assertIn("finding type '{}' is not a threat-intelligence type".format(finding_type), out["reason"])
            self.assertEqual([], f.ec2.calls, finding_type)
            self.assertEqual({}, f.state())
            self.assertEqual("Malicious IP NOT blocked", f.sns.messages[-1][0])

    def test_each_threat_intelligence_type_blocks(self):
        for finding_type in FINDING_TYPES:
            f = Fixture()
            self.assertEqual("blocked", f.block("198.51.100.7", finding_type=finding_type)["result"], finding_type)


class ProtectedRangeTest(unittest.TestCase):
    def test_never_blocks_peer_on_premises_or_allow_listed_ranges(self):
        for ip in ("10.30.4.5", "198.18.7.7", "198.19.255.1", "203.0.113.200"):
            f = Fixture()
            out = f.block(ip)
            self.assertEqual("not-blocked", out["result"], ip)
            self.assertIn("which is never blocked", out["reason"])
            self.assertEqual([], f.ec2.calls, ip)
        self.assertEqual("blocked", Fixture().block("203.0.113.127")["result"], "just outside the allow-list")

    def test_ipv6_is_reported_not_blocked(self):
        f = Fixture()
        out = f.block("2001:db8::1")
        self.assertEqual("not-blocked", out["result"])
        self.assertEqual("2001:db8::1 is an IPv6 address: IPv6 remote addresses are reported, not blocked (the "
                         "automation adds IPv4 entries only)", out["reason"])
        self.assertIn("NOT blocked: 2001:db8::1 in tier 'app': 2001:db8::1 is an IPv6 address", f.sns.messages[-1][1])
        self.assertEqual([], f.ec2.calls)


class StateTest(unittest.TestCase):
    """The state parameter is data, never a command: a hand edit cannot aim the script at other entries."""

    def test_sweep_never_deletes_entries_outside_its_range_or_the_blueprints_own(self):
        own = {(100, False): "0.0.0.0/0", (100, True): "0.0.0.0/0", (3, False): "192.0.2.0/24"}
        f = Fixture(entries=own, reserved=[3],
                    state={"100": ["198.51.100.1", 0], "3": ["198.51.100.2", 0], "0": ["198.51.100.3", 0]})
        out = f.sweep()
        self.assertEqual([], out["removed"])
        self.assertEqual(own, f.ec2.entries, "no entry touched")
        self.assertEqual([], [c for c in f.ec2.calls if c[0] == "delete"])
        self.assertEqual({}, f.state(), "rejected entries dropped from the state")
        subject, message = f.sns.messages[-1]
        self.assertEqual("Malicious IP state entries rejected", subject)
        self.assertIn("rule 100 is outside 1-99", message)
        self.assertIn("rule 3 is one of the blueprint's own entries", message)
        self.assertIn("rule 0 is outside 1-99", message)

    def test_a_recorded_private_or_protected_address_is_never_acted_on(self):
        f = Fixture(state={"5": ["10.0.0.0", 0], "6": ["198.18.1.1", 0], "7": ["2001:db8::1", 0],
                           "8": ["nonsense", 0], "9": "x"})
        f.sweep()
        self.assertEqual([], f.ec2.calls)
        message = f.sns.messages[-1][1]
        for problem in ("10.0.0.0 is in 10.0.0.0/8", "198.18.1.1 is in 198.18.0.0/15", "2001:db8::1 is an IPv6",
                        "'nonsense' is not an IPv4 address", "not of the form"):
            self.assertIn(problem, message)

    def test_unblock_of_a_forged_entry_deletes_nothing(self):
        f = Fixture(entries={(100, False): "0.0.0.0/0"}, state={"100": ["198.51.100.1", NOW + DAY]})
        out = f.unblock("198.51.100.1")
        self.assertEqual("not-blocked", out["result"])
        self.assertEqual({(100, False): "0.0.0.0/0"}, f.ec2.entries)


class ReserveTest(unittest.TestCase):
    def test_stops_blocking_before_the_nacl_runs_out_of_entries(self):
        # 13 of the blueprint's entries inbound, 10 outbound: 20 - 13 - 1 = 6 free after a first block, so the
        # third block (4 free) is the last, the fourth (3 free) is refused
        f = Fixture(own=(13, 10), reserve=4)
        for n in range(1, 4):
            self.assertEqual("blocked", f.block("198.51.100." + str(n))["result"], n)
        out = f.block("198.51.100.4")
        self.assertEqual("not-blocked", out["result"])
        self.assertEqual("NACL {} would keep 3 free inbound entries of 20, under the reserve of 4 (blueprint entries "
                         "13, blocks 3)".format(ACL), out["reason"])
        self.assertEqual(6, len(f.ec2.entries), "three pairs, no more")
        self.assertEqual("Malicious IP NOT blocked", f.sns.messages[-1][0])

    def test_an_address_already_blocked_is_still_extended_at_the_reserve(self):
        f = Fixture(own=(15, 15), reserve=4)
        self.assertEqual("blocked", f.block("198.51.100.1")["result"])
        self.assertEqual("not-blocked", f.block("198.51.100.2")["result"])
        self.assertEqual("extended", f.block("198.51.100.1")["result"])


class UnblockTest(unittest.TestCase):
    def test_removes_the_entries_and_the_record_and_says_so(self):
        f = Fixture()
        f.block("198.51.100.0")
        f.block("203.0.113.7")
        out = f.unblock("198.51.100.0")
        self.assertEqual(("unblocked", [1]), (out["result"], out["ruleNumbers"]))
        self.assertEqual({(2, False): "203.0.113.7/32", (2, True): "203.0.113.7/32"}, f.ec2.entries)
        self.assertEqual({"2": ["203.0.113.7", NOW + DAY]}, f.state())
        self.assertEqual(("Malicious IP unblocked", "Unblocked 198.51.100.0 in tier 'app' (NACL " + ACL
                          + ", rule 1) on request."), f.sns.messages[-1])
        self.assertNotIn(STATE + "-lock", f.ssm.params)

    def test_is_idempotent(self):
        f = Fixture()
        f.block("198.51.100.0")
        f.unblock("198.51.100.0")
        calls, messages = len(f.ec2.calls), len(f.sns.messages)
        out = f.unblock("198.51.100.0")
        self.assertEqual(("not-blocked", []), (out["result"], out["ruleNumbers"]))
        self.assertEqual(calls, len(f.ec2.calls))
        self.assertEqual(messages, len(f.sns.messages))

    def test_an_entry_already_removed_by_hand_is_dropped(self):
        f = Fixture(state={"4": ["198.51.100.0", NOW + DAY]})
        self.assertEqual([4], f.unblock("198.51.100.0")["ruleNumbers"])
        self.assertEqual({}, f.state())

    def test_an_unprotected_tier_is_refused(self):
        f = Fixture()
        out = f.unblock("198.51.100.0", tier="data")
        self.assertEqual("not-unblocked", out["result"])
        self.assertEqual("Malicious IP NOT unblocked", f.sns.messages[-1][0])


class LockTest(unittest.TestCase):
    def test_waits_for_a_run_holding_the_lock(self):
        f = Fixture()
        f.ssm.params[STATE + "-lock"] = json.dumps({"owner": "other", "since": NOW})
        f.ssm.modified[STATE + "-lock"] = NOW
        original_sleep = f.clock.sleep

        def release_after_first_wait(seconds):
            original_sleep(seconds)
            f.ssm.params.pop(STATE + "-lock", None)
        f.clock.sleep = release_after_first_wait
        self.assertEqual("blocked", f.block("198.51.100.0")["result"])
        self.assertEqual(blocking.LOCK_POLL_SECONDS, f.clock.slept)

    def test_breaks_a_lock_left_by_a_run_that_died(self):
        f = Fixture()
        f.ssm.params[STATE + "-lock"] = json.dumps({"owner": "dead", "since": NOW})  # its value claims fresh
        f.ssm.modified[STATE + "-lock"] = NOW - blocking.LOCK_STALE_SECONDS - 1
        self.assertEqual("blocked", f.block("198.51.100.0")["result"])
        self.assertEqual(0, f.clock.slept)

    def test_staleness_comes_from_the_parameters_date_not_its_value(self):
        f = Fixture()
        f.ssm.params[STATE + "-lock"] = json.dumps({"owner": "forged", "since": 0})  # its value claims ancient
        f.ssm.modified[STATE + "-lock"] = NOW
        with self.assertRaises(blocking.Busy):
            f.block("198.51.100.0")
        self.assertEqual([], f.ec2.calls)
        self.assertIn(STATE + "-lock", f.ssm.params, "a live lock is not broken")

    def test_gives_up_when_the_lock_stays_held(self):
        f = Fixture()
        f.ssm.params[STATE + "-lock"] = json.dumps({"owner": "other", "since": NOW})
        f.ssm.modified[STATE + "-lock"] = NOW + 10_000
        with self.assertRaises(blocking.Busy):
            f.block("198.51.100.0")
        self.assertEqual([], f.ec2.calls)
        self.assertIn("NOT blocked", f.sns.messages[-1][1])


class SweepTest(unittest.TestCase):
    def test_removes_only_expired_entries(self):
        f = Fixture()
        f.block("198.51.100.0")
        f.clock.t += 3600
        f.block("203.0.113.7")
        f.clock.t = NOW + DAY  # the first block's expiry
        out = f.sweep()
        self.assertEqual([1], [r["ruleNumber"] for r in out["removed"]])
        self.assertEqual({(2, False): "203.0.113.7/32", (2, True): "203.0.113.7/32"}, f.ec2.entries)
        self.assertEqual({"2": ["203.0.113.7", NOW + 3600 + DAY]}, f.state())
        subject, message = f.sns.messages[-1]
        self.assertEqual("Malicious IP block lifted", subject)
        self.assertIn("Unblocked 198.51.100.0 in tier 'app' (NACL " + ACL + ", rule 1)", message)
        self.assertNotIn(STATE + "-lock", f.ssm.params)

    def test_nothing_expired_changes_nothing_and_sends_nothing(self):
        f = Fixture()
        f.block("198.51.100.0")
        writes, messages = f.ssm.writes.count(STATE), len(f.sns.messages)
        self.assertEqual([], f.sweep()["removed"])
        self.assertEqual(writes, f.ssm.writes.count(STATE), "state not written")
        self.assertEqual(messages, len(f.sns.messages))

    def test_an_entry_already_removed_by_hand_is_dropped_from_the_state(self):
        f = Fixture(state={"5": ["198.51.100.0", NOW - 1]})
        self.assertEqual([5], [r["ruleNumber"] for r in f.sweep()["removed"]])
        self.assertEqual({}, f.state())

    def test_an_entry_that_cannot_be_removed_stays_recorded_and_is_reported(self):
        f = Fixture()
        f.block("198.51.100.0")
        f.clock.t = NOW + DAY

        def denied(NetworkAclId, RuleNumber, Egress):
            raise ClientError("UnauthorizedOperation")
        f.ec2.delete_network_acl_entry = denied
        with self.assertRaises(RuntimeError):
            f.sweep()
        self.assertEqual({"1": ["198.51.100.0", NOW + DAY]}, f.state(), "tried again at the next sweep")
        self.assertEqual("Malicious IP blocks NOT lifted", f.sns.messages[-1][0])
        self.assertIn("tier 'app': ClientError: UnauthorizedOperation", f.sns.messages[-1][1])
        self.assertNotIn(STATE + "-lock", f.ssm.params)

    def test_a_freed_number_is_taken_again(self):
        f = Fixture()
        f.block("198.51.100.0")
        f.clock.t = NOW + DAY
        f.sweep()
        self.assertEqual(1, f.block("203.0.113.7")["ruleNumber"])


if __name__ == "__main__":
    unittest.main()
