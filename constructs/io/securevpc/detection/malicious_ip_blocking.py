"""Deny entries for malicious remote IPv4 addresses in a tier's network ACL, and their expiry.

The aws:executeScript step (Python 3.11) of the MaliciousIpBlocking automation document (BP-NET-5,
BP-MON-5). Three actions:

- Block: a GuardDuty threat-intelligence finding (a type in config["findingTypes"]) named a remote public IPv4
  address talking to an instance of one tier. Deny all traffic
  from and to <ip>/32 in that tier's NACL, inbound and outbound, under the lowest free rule number of the
  reserved range (1-99 by default), until now + the block duration. The same address again only extends the
  expiry (idempotent).
- Sweep: remove every entry whose expiry has passed, in every tier.
- Unblock: remove the block of one address in one tier now, and its record (nothing to do is not an error).

Refused with NotBlocked and an alert: a finding type outside the allow-list (port probes, brute force and other
anomaly findings name an address an attacker can choose or spoof), an IPv6 address (reported, not blocked), an
address that is not public or lies in config["protectedCidrs"] (the VPC, connected networks, the operator's
allow-list), and a block that would leave fewer than config["entryReserve"] free entries in a direction of the NACL
(config["entryQuota"] per direction, the blueprint's own entries counted from tier["blueprintEntries"]).

What this script has added is recorded in one SSM String parameter per NACL, created (empty) by the construct:
{"<rule number>": ["<ip>", <expiry, epoch seconds>], ...}. A rule number is never taken when it is in that
state, when the blueprint itself uses it at synth time ("reservedRuleNumbers"), or when EC2 says an entry with
that number exists (an entry someone added by hand): the script then tries the next number. No ec2:Describe*
call is made (they only take Resource "*"). The state is not trusted: an entry whose rule number is outside
ruleFirst..ruleLast or one the blueprint uses, or whose address is not a blockable public IPv4, is never acted on,
is reported, and is dropped from the state at the next write, so a hand-edited parameter cannot make the script
delete the blueprint's own entries or deny a private range.

Runs that overlap (several findings at once, or a finding during a sweep) take turns: each holds a lock while it
reads and writes one NACL's state. The lock is the parameter "<state parameter>-lock", created with
Overwrite=False, which SSM refuses atomically while it exists; a lock whose parameter SSM last modified more
than LOCK_STALE_SECONDS ago (longer than the step may run) was left by a run that died and is removed. The age
comes from the parameter's LastModifiedDate, which SSM sets, never from its value, which anyone may write.

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
    if events["action"] == "Unblock":
        return runner.unblock()
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
        """When SSM last wrote the lock (its LastModifiedDate, a datetime in boto3), not what its value claims."""
        try:
            modified = self.ssm.get_parameter(Name=self.name)["Parameter"].get("LastModifiedDate")
        except Exception as e:  # noqa: BLE001
            if error_code(e) == "ParameterNotFound":
                return None  # released meanwhile: try again at once
            raise
        if hasattr(modified, "timestamp"):
            return modified.timestamp()
        try:
            return float(modified)
        except (TypeError, ValueError):
            return 0  # no date: treat as stale

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
        self.rejected = []  # state entries refused by _read, reported once per run

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
        self._report_rejected()
        outcome.update({"action": "Block", "tier": tier_name, "ip": ip})
        return outcome

    def _block(self, tier_name, ip):
        finding_type = self.events.get("findingType", "")
        if finding_type not in self.config["findingTypes"]:
            raise NotBlocked("finding type '{}' is not a threat-intelligence type this automation blocks on "
                             "(only: {})".format(finding_type, ", ".join(self.config["findingTypes"])))
        tier = self._tier(tier_name)
        problem = self._unblockable(ip)
        if problem:
            raise NotBlocked(problem)
        until = int(self.now()) + int(self.config["blockSeconds"])
        with self._lock(tier):
            state = self._read(tier)
            for number, (blocked_ip, expires) in state.items():
                if blocked_ip == ip:
                    state[number] = [ip, max(int(expires), until)]
                    self._write(tier, state)
                    return {"result": "extended", "ruleNumber": int(number), "until": iso(state[number][1])}
            self._check_reserve(tier, state)
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

    def _tier(self, tier_name):
        tier = self.config["tiers"].get(tier_name)
        if tier is None:
            raise NotBlocked("tier '{}' is not protected (protected: {})".format(
                tier_name, ", ".join(sorted(self.config["tiers"]))))
        return tier

    def _unblockable(self, ip):
        """Why the address must never be blocked, or None when it may be."""
        try:
            address = ipaddress.ip_address(ip)
        except ValueError:
            return "'{}' is not an IPv4 address".format(ip)
        if address.version == 6:
            return ("{} is an IPv6 address: IPv6 remote addresses are reported, not blocked (the automation adds "
                    "IPv4 entries only)".format(ip))
        for net in NOT_BLOCKABLE + [ipaddress.ip_network(c) for c in self.config.get("protectedCidrs", [])]:
            if address in net:
                return "{} is in {}, which is never blocked".format(ip, net)
        return None

    def _check_reserve(self, tier, state):
        """Refuses a block that would leave fewer than entryReserve free entries in either direction."""
        quota, reserve = int(self.config["entryQuota"]), int(self.config["entryReserve"])
        own = tier.get("blueprintEntries", {})
        for direction in ("inbound", "outbound"):
            free = quota - int(own.get(direction, 0)) - len(state) - 1
            if free < reserve:
                raise NotBlocked("NACL {} would keep {} free {} entries of {}, under the reserve of {} (blueprint "
                                 "entries {}, blocks {})".format(tier["networkAclId"], max(free, 0), direction,
                                                                 quota, reserve, own.get(direction, 0), len(state)))

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
        self._report_rejected()
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
            if removed or self.rejected:
                self._write(tier, state)
        return removed

    # ---------------------------------------------------------------------------------------- unblock

    def unblock(self):
        tier_name, ip = self.events.get("tier", ""), self.events.get("ip", "")
        try:
            tier = self._tier(tier_name)
            with self._lock(tier):
                state = self._read(tier)
                numbers = sorted(int(n) for n, (blocked_ip, _) in state.items() if blocked_ip == ip)
                for number in numbers:
                    self._delete_pair(tier["networkAclId"], number)
                    del state[str(number)]
                if numbers or self.rejected:
                    self._write(tier, state)
        except NotBlocked as reason:
            self._publish("Malicious IP NOT unblocked", "NOT unblocked: {} in tier '{}': {}.".format(
                ip, tier_name, reason))
            return {"action": "Unblock", "result": "not-unblocked", "reason": str(reason), "tier": tier_name, "ip": ip}
        except Exception as e:
            self._publish("Malicious IP NOT unblocked", "NOT unblocked: {} in tier '{}': error {}: {}.".format(
                ip, tier_name, type(e).__name__, e), raise_errors=False)
            raise
        finally:
            self._report_rejected()
        if numbers:
            self._publish("Malicious IP unblocked", "Unblocked {} in tier '{}' (NACL {}, rule {}) on request.".format(
                ip, tier_name, tier["networkAclId"], ", ".join(str(n) for n in numbers)))
        return {"action": "Unblock", "result": "unblocked" if numbers else "not-blocked", "tier": tier_name, "ip": ip,
                "ruleNumbers": numbers}

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
        """The tier's recorded blocks that this script may act on; the others go to self.rejected."""
        value = self.ssm.get_parameter(Name=tier["stateParameter"])["Parameter"]["Value"]
        state = json.loads(value) if value.strip() else {}
        reserved = {int(n) for n in tier.get("reservedRuleNumbers", [])}
        first, last = int(self.config["ruleFirst"]), int(self.config["ruleLast"])
        valid = {}
        for key, entry in state.items():
            problem = None
            try:
                number, (ip, expires) = int(key), entry
                int(expires)
            except (TypeError, ValueError):
                problem = "not of the form {\"<rule number>\": [\"<ip>\", <expiry>]}"
            else:
                if not first <= number <= last:
                    problem = "rule {} is outside {}-{}".format(number, first, last)
                elif number in reserved:
                    problem = "rule {} is one of the blueprint's own entries".format(number)
                else:
                    problem = self._unblockable(str(ip))
            if problem:
                self.rejected.append("NACL {} state {}: {}: {}".format(tier["networkAclId"], json.dumps(key),
                                                                        json.dumps(entry), problem))
            else:
                valid[str(number)] = [str(ip), int(expires)]
        return valid

    def _report_rejected(self):
        if self.rejected:
            self._publish("Malicious IP state entries rejected", "Entries of the blocking state were ignored and "
                          "dropped (never acted on; the NACL was not changed for them): " + "; ".join(self.rejected),
                          raise_errors=False)

    def _write(self, tier, state):
        self.ssm.put_parameter(Name=tier["stateParameter"], Type="String", Overwrite=True,
                               Value=json.dumps(state, separators=(",", ":"), sort_keys=True))

    def _publish(self, subject, message, raise_errors=True):
        try:
            self.sns.publish(TopicArn=self.config["topicArn"], Subject=subject, Message=message)
        except Exception:  # noqa: BLE001
            if raise_errors:
                raise
