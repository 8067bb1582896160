"""Behaviour of the MaliciousIpBlocking automation script (BP-NET-5, BP-MON-5) against fake EC2, SSM and SNS.

Standard library only; run by MaliciousIpBlockingScriptTest (JUnit), or by hand from the repository root:
    python3 -m unittest discover -s test/io/securevpc/detection -p 'test_*.py' -v
"""

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
    def __init__(self, params=None):
        self.params = dict(params or {})
        self.writes = []

    def get_parameter(self, Name):
        if Name not in self.params:
            raise ClientError("ParameterNotFound")
        return {"Parameter": {"Name": Name, "Value": self.params[Name]}}

    def put_parameter(self, Name, Value, Type, Overwrite, Description=None):
        if Name in self.params and not Overwrite:
            raise ClientError("ParameterAlreadyExists")
        self.params[Name] = Value
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


def config(reserved=(), first=1, last=99):
    return {"blockSeconds": DAY, "ruleFirst": first, "ruleLast": last, "topicArn": "arn:aws:sns:eu-west-1:1:alerts",
            "protectedCidrs": ["10.20.0.0/16"],
            "tiers": {"app": {"networkAclId": ACL, "stateParameter": STATE, "reservedRuleNumbers": list(reserved)}}}


class Fixture:
    def __init__(self, entries=None, state=None, reserved=(), quota=20, first=1, last=99):
        self.ec2 = FakeEc2(entries, quota)
        self.ssm = FakeSsm({STATE: json.dumps(state if state is not None else {})})
        self.sns = FakeSns()
        self.clock = Clock()
        self.config = config(reserved, first, last)

    def block(self, ip, tier="app"):
        return blocking.run({"action": "Block", "tier": tier, "ip": ip, "instanceId": "i-99999999",
                             "findingType": "UnauthorizedAccess:EC2/SSHBruteForce",
                             "executionId": "exec-1", "config": self.config},
                            self.ec2, self.ssm, self.sns, self.clock.now, self.clock.sleep)

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
        self.assertIn("GuardDuty UnauthorizedAccess:EC2/SSHBruteForce on i-99999999.", message)

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
        f = Fixture(state={str(n): ["192.0.2." + str(n), NOW + DAY] for n in range(1, 4)}, last=3)
        out = f.block("198.51.100.0")
        self.assertEqual("not-blocked", out["result"])
        self.assertEqual([], f.ec2.calls)
        subject, message = f.sns.messages[-1]
        self.assertEqual("Malicious IP NOT blocked", subject)
        self.assertIn("every rule number from 1 to 3 is taken in NACL " + ACL, message)
        self.assertNotIn(STATE + "-lock", f.ssm.params)

    def test_entry_quota_reached_blocks_nothing_and_says_so(self):
        f = Fixture(entries={(n, e): "192.0.2.0/24" for n in range(100, 120) for e in (False, True)}, quota=20)
        out = f.block("198.51.100.0")
        self.assertEqual("not-blocked", out["result"])
        self.assertIn("has reached its entry quota", f.sns.messages[-1][1])
        self.assertEqual({}, f.state())

    def test_egress_quota_reached_rolls_back_the_inbound_entry(self):
        entries = {(n, True): "192.0.2.0/24" for n in range(100, 120)}
        f = Fixture(entries=entries, quota=20)
        self.assertEqual("not-blocked", f.block("198.51.100.0")["result"])
        self.assertNotIn((1, False), f.ec2.entries)

    def test_never_blocks_private_or_vpc_addresses(self):
        for ip in ("10.0.0.1", "172.16.0.9", "192.168.1.1", "169.254.169.254", "100.64.0.1", "10.20.0.5"):
            f = Fixture()
            self.assertEqual("not-blocked", f.block(ip)["result"], ip)
            self.assertEqual([], f.ec2.calls, ip)

    def test_refuses_what_is_not_an_ipv4_address_or_an_unprotected_tier(self):
        f = Fixture()
        self.assertIn("is not an IPv4 address", f.block("2001:db8::1")["reason"])
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


class LockTest(unittest.TestCase):
    def test_waits_for_a_run_holding_the_lock(self):
        f = Fixture()
        f.ssm.params[STATE + "-lock"] = json.dumps({"owner": "other", "since": NOW})
        original_sleep = f.clock.sleep

        def release_after_first_wait(seconds):
            original_sleep(seconds)
            f.ssm.params.pop(STATE + "-lock", None)
        f.clock.sleep = release_after_first_wait
        self.assertEqual("blocked", f.block("198.51.100.0")["result"])
        self.assertEqual(blocking.LOCK_POLL_SECONDS, f.clock.slept)

    def test_breaks_a_lock_left_by_a_run_that_died(self):
        f = Fixture()
        f.ssm.params[STATE + "-lock"] = json.dumps({"owner": "dead", "since": NOW - blocking.LOCK_STALE_SECONDS - 1})
        self.assertEqual("blocked", f.block("198.51.100.0")["result"])
        self.assertEqual(0, f.clock.slept)

    def test_gives_up_when_the_lock_stays_held(self):
        f = Fixture()
        f.ssm.params[STATE + "-lock"] = json.dumps({"owner": "other", "since": NOW + 10_000})
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
