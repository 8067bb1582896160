'use strict';
// The gate's second CloudFormation validator (io.securevpc.gate.CloudFormationWorker): a plain Node.js process that
// runs aws-cdk-lib's own CloudFormationValidatePlugin, loaded from the directory jsii extracted aws-cdk-lib into
// (argv[2]), on one template per request, so templates are validated on a second core while the jsii process runs
// the packs. It starts while the app is still being built: it loads the plugin and validates a small template of its
// own (the engine's first call compiles its rules), then says it is ready. One JSON object per line:
//   out: {"ready": true, "version": "<aws-cdk-lib version>"} or {"ready": false, "error": "..."}
//   in:  {"id": n, "stackConstructPath": "...", "templatePath": "...", "accountId": "...", "region": "..."}
//   out: {"id": n, "ok": true, "violations": [...]} or {"id": n, "ok": false, "error": "..."}
// The violations are what the plugin returns in the jsii process for the same one-template context.
const fs = require('fs');
const os = require('os');
const path = require('path');
const readline = require('readline');

function say(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

let plugin;
try {
  const mod = require(path.join(process.argv[2], 'core', 'lib', 'validation', 'cloudformation-validate-plugin.js'));
  plugin = new mod.CloudFormationValidatePlugin();
  const warmUp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'secure-vpc-cfn-')), 'WarmUp.template.json');
  fs.writeFileSync(warmUp, JSON.stringify({
    Resources: {
      Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
      Subnet: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.0.0/24' } },
      Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] } } },
      Bucket: { Type: 'AWS::S3::Bucket', Properties: {} },
      Topic: { Type: 'AWS::SNS::Topic', Properties: {} },
    },
  }));
  plugin.validate({ stackTemplates: [{ stackConstructPath: 'WarmUp', templatePath: warmUp }] });
  fs.rmSync(path.dirname(warmUp), { recursive: true, force: true });
  const version = JSON.parse(fs.readFileSync(path.join(process.argv[2], 'package.json'), 'utf8')).version;
  say({ ready: true, version });
} catch (e) {
  say({ ready: false, error: String((e && e.stack) || e) });
  process.exit(0);
}

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on('line', (line) => {
  let id = null;
  let reply;
  try {
    const req = JSON.parse(line);
    id = req.id;
    const report = plugin.validate({
      stackTemplates: [{ stackConstructPath: req.stackConstructPath, templatePath: req.templatePath }],
      accountId: req.accountId == null ? undefined : req.accountId,
      region: req.region == null ? undefined : req.region,
    });
    reply = { id, ok: true, violations: report.violations };
  } catch (e) {
    reply = { id, ok: false, error: String((e && e.stack) || e) };
  }
  say(reply);
});
lines.on('close', () => process.exit(0));
