"""Deny entries for malicious remote IPv4 addresses in a tier's network ACL, and their expiry.

The aws:executeScript step (Python 3.11) of the MaliciousIpBlocking automation document (BP-NET-5,
BP-MON-5). Two actions:

- Block: a GuardDuty finding named a remote IPv4 address talking to an instance of one tier. Deny all traffic
  from and to <ip>/32 in that tier's NACL, inbound and outbound, under the lowest free rule number of the
  reserved range (1-99 by default), until now + the block duration. The same address again only extends the
  expiry (idempotent).
- Sweep: remove every entry whose expiry has passed, in every tier.

What this script has added is recorded in one SSM String parameter per NACL, created (empty) by the construct:
{"<rule number>": ["<ip>", <expiry, epoch seconds>], ...}. A rule number is never taken when it is in that
state, when the blueprint itself uses it at synth time ("reservedRuleNumbers"), or when EC2 says an entry with
that number exists (an entry someone added by hand): the script then tries the next number. No ec2:Describe*
call is made (they only take Resource "*").

Runs that overlap (several findings at once, or a finding during a sweep) take turns: each holds a lock while it
reads and writes one NACL's state. The lock is the parameter "<state parameter>-lock", created with
Overwrite=False, which SSM refuses atomically while it exists; a lock older than LOCK_STALE_SECONDS (longer than
the step may run) was left by a run that died and is removed.

Only the standard library and boto3 (imported by handler(), provided by the automation runtime) are used, so the
logic runs unchanged under unit tests with fake clients.
"""

import ipaddress
import json
import time

# Never blocked: this would cut the VPC's own traffic or mean nothing on the internet.
NOT_BLOCKABLE = [ipaddress.ip_network(n) for n in (
    "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
    "192.168.0.0/16", "224.0.0.0/4", "240.0.0.0/4")]
LOCK_STALE_SECONDS = 600
LOCK_WAIT_SECONDS = 120
LOCK_POLL_SECONDS = 2


class NotBlocked(Exception):
    """A finding that is handled without blocking: the reason goes into the notification."""


class Busy(Exception):
    """Another run held the lock for longer than LOCK_WAIT_SECONDS."""


def handler(events, context):
    """Entry point of the aws:executeScript step."""
    import boto3  # provided by the automation runtime; not needed by the tests
    return run(events, boto3.client("ec2"), boto3.client("ssm"), boto3.client("sns"))


def run(events, ec2, ssm, sns, now=time.time, sleep=time.sleep):
    """Does what events["action"] says; publishes the outcome to events["topicArn"]; returns it."""
    runner = Runner(events, ec2, ssm, sns, now, sleep)
    if events["action"] == "Block":
        return runner.block()
    if events["action"] == "Sweep":
        return runner.sweep()
    raise ValueError("unknown action " + repr(events["action"]))


def error_code(error):
    """The AWS error code of a botocore ClientError (or of a test's fake), else None."""
    response = getattr(error, "response", None)
    return response.get("Error", {}).get("Code") if isinstance(response, dict) else None


def iso(epoch):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))


class Lock:
    """Create-if-absent lock on one SSM parameter name (see the module docstring)."""

    def __init__(self, ssm, name, owner, now, sleep):
        self.ssm, self.name, self.owner, self.now, self.sleep = ssm, name, owner, now, sleep

    def __enter__(self):
        deadline = self.now() + LOCK_WAIT_SECONDS
        while True:
            try:
                self.ssm.put_parameter(Name=self.name, Type="String", Overwrite=False,
                                       Value=json.dumps({"owner": self.owner, "since": int(self.now())}),
                                       Description="Held while a MaliciousIpBlocking run changes the NACL")
                return self
            except Exception as e:  # noqa: BLE001 - only the lock being held is expected
                if error_code(e) != "ParameterAlreadyExists":
                    raise
            since = self._held_since()
            if since is not None and self.now() - since > LOCK_STALE_SECONDS:
                self._delete()
                continue
            if self.now() >= deadline:
                raise Busy("another run has held " + self.name + " for over " + str(LOCK_WAIT_SECONDS) + " s")
            self.sleep(LOCK_POLL_SECONDS)

    def __exit__(self, *exc):
        self._delete()
        return False

    def _held_since(self):
        try:
            value = self.ssm.get_parameter(Name=self.name)["Parameter"]["Value"]
        except Exception as e:  # noqa: BLE001
            if error_code(e) == "ParameterNotFound":
                return None  # released meanwhile: try again at once
            raise
        try:
            return int(json.loads(value)["since"])
        except (ValueError, KeyError, TypeError):
            return 0  # unreadable: treat as stale

    def _delete(self):
        try:
            self.ssm.delete_parameter(Name=self.name)
        except Exception as e:  # noqa: BLE001
            if error_code(e) != "ParameterNotFound":
                raise


class Runner:
    def __init__(self, events, ec2, ssm, sns, now, sleep):
        self.events, self.ec2, self.ssm, self.sns, self.now, self.sleep = events, ec2, ssm, sns, now, sleep
        self.config = events["config"]

    # ------------------------------------------------------------------------------------------ block

    def block(self):
        tier_name, ip = self.events.get("tier", ""), self.events.get("ip", "")
        finding = "GuardDuty {} on {}".format(self.events.get("findingType") or "finding",
                                              self.events.get("instanceId") or "an instance")
        try:
            outcome = self._block(tier_name, ip)
        except NotBlocked as reason:
            outcome = {"result": "not-blocked", "reason": str(reason)}
            self._publish("Malicious IP NOT blocked", "NOT blocked: {} in tier '{}': {}. {}.".format(
                ip, tier_name, reason, finding))
        except Exception as e:
            self._publish("Malicious IP NOT blocked", "NOT blocked: {} in tier '{}': error {}: {}. {}.".format(
                ip, tier_name, type(e).__name__, e, finding), raise_errors=False)
            raise
        else:
            tier = self.config["tiers"][tier_name]
            verb = "Blocked" if outcome["result"] == "blocked" else "Already blocked; block extended:"
            self._publish("Malicious IP blocked", "{} {} in tier '{}' (NACL {}, rule {}, inbound and outbound) "
                          "until {}. {}.".format(verb, ip, tier_name, tier["networkAclId"], outcome["ruleNumber"],
                                                 outcome["until"], finding))
        outcome.update({"action": "Block", "tier": tier_name, "ip": ip})
        return outcome

    def _block(self, tier_name, ip):
        tier = self.config["tiers"].get(tier_name)
        if tier is None:
            raise NotBlocked("tier '{}' is not protected (protected: {})".format(
                tier_name, ", ".join(sorted(self.config["tiers"]))))
        try:
            address = ipaddress.IPv4Address(ip)
        except ValueError:
            raise NotBlocked("'{}' is not an IPv4 address".format(ip)) from None
        for net in NOT_BLOCKABLE + [ipaddress.ip_network(c) for c in self.config.get("protectedCidrs", [])]:
            if address in net:
                raise NotBlocked("{} is in {}, which is never blocked".format(ip, net))
        until = int(self.now()) + int(self.config["blockSeconds"])
        with self._lock(tier):
            state = self._read(tier)
            for number, (blocked_ip, expires) in state.items():
                if blocked_ip == ip:
                    state[number] = [ip, max(int(expires), until)]
                    self._write(tier, state)
                    return {"result": "extended", "ruleNumber": int(number), "until": iso(state[number][1])}
            taken = {int(n) for n in state} | {int(n) for n in tier.get("reservedRuleNumbers", [])}
            for number in range(int(self.config["ruleFirst"]), int(self.config["ruleLast"]) + 1):
                if number in taken or not self._create_pair(tier["networkAclId"], number, ip + "/32"):
                    continue
                state[str(number)] = [ip, until]
                try:
                    self._write(tier, state)
                except Exception:
                    self._delete_pair(tier["networkAclId"], number)  # never leave an entry nobody will expire
                    raise
                return {"result": "blocked", "ruleNumber": number, "until": iso(until)}
        raise NotBlocked("every rule number from {} to {} is taken in NACL {}".format(
            self.config["ruleFirst"], self.config["ruleLast"], tier["networkAclId"]))

    def _create_pair(self, acl, number, cidr):
        """Deny entries in both directions under one number: True when created, False when the number is taken."""
        created = []
        try:
            for egress in (False, True):
                self.ec2.create_network_acl_entry(NetworkAclId=acl, RuleNumber=number, Protocol="-1",
                                                  RuleAction="deny", Egress=egress, CidrBlock=cidr)
                created.append(egress)
        except Exception as e:  # noqa: BLE001
            for egress in created:
                self._delete_entry(acl, number, egress)
            if error_code(e) == "NetworkAclEntryAlreadyExists":
                return False
            if error_code(e) == "NetworkAclEntryLimitExceeded":
                raise NotBlocked("NACL {} has reached its entry quota (raise the 'Rules per network ACL' "
                                 "quota, or lift blocks by hand)".format(acl)) from None
            raise
        return True

    # ------------------------------------------------------------------------------------------ sweep

    def sweep(self):
        removed, errors = [], []
        for tier_name, tier in sorted(self.config["tiers"].items()):
            try:
                removed += self._sweep(tier_name, tier)
            except Exception as e:  # noqa: BLE001 - one tier's trouble must not keep the others blocked
                errors.append("tier '{}': {}: {}".format(tier_name, type(e).__name__, e))
        for r in removed:
            self._publish("Malicious IP block lifted", "Unblocked {} in tier '{}' (NACL {}, rule {}): the block "
                          "expired at {}.".format(r["ip"], r["tier"], r["networkAclId"], r["ruleNumber"], r["expired"]))
        if errors:
            self._publish("Malicious IP blocks NOT lifted", "Expired blocks could not be lifted: " + "; ".join(errors))
            raise RuntimeError("; ".join(errors))
        return {"action": "Sweep", "result": "swept", "removed": removed}

    def _sweep(self, tier_name, tier):
        removed = []
        with self._lock(tier):
            state = self._read(tier)
            for number, (ip, expires) in sorted(state.items(), key=lambda kv: int(kv[0])):
                if int(expires) <= self.now():
                    self._delete_pair(tier["networkAclId"], int(number))
                    del state[number]
                    removed.append({"tier": tier_name, "networkAclId": tier["networkAclId"],
                                    "ruleNumber": int(number), "ip": ip, "expired": iso(int(expires))})
            if removed:
                self._write(tier, state)
        return removed

    # ---------------------------------------------------------------------------------------- helpers

    def _delete_pair(self, acl, number):
        for egress in (False, True):
            self._delete_entry(acl, number, egress)

    def _delete_entry(self, acl, number, egress):
        try:
            self.ec2.delete_network_acl_entry(NetworkAclId=acl, RuleNumber=number, Egress=egress)
        except Exception as e:  # noqa: BLE001
            if error_code(e) != "InvalidNetworkAclEntry.NotFound":  # removed by hand already: fine
                raise

    def _lock(self, tier):
        return Lock(self.ssm, tier["stateParameter"] + "-lock", self.events.get("executionId", ""), self.now,
                    self.sleep)

    def _read(self, tier):
        value = self.ssm.get_parameter(Name=tier["stateParameter"])["Parameter"]["Value"]
        state = json.loads(value) if value.strip() else {}
        return {str(k): list(v) for k, v in state.items()}

    def _write(self, tier, state):
        self.ssm.put_parameter(Name=tier["stateParameter"], Type="String", Overwrite=True,
                               Value=json.dumps(state, separators=(",", ":"), sort_keys=True))

    def _publish(self, subject, message, raise_errors=True):
        try:
            self.sns.publish(TopicArn=self.config["topicArn"], Subject=subject, Message=message)
        except Exception:  # noqa: BLE001
            if raise_errors:
                raise
