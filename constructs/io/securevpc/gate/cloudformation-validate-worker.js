'use strict';
// The gate's second CloudFormation validator (io.securevpc.gate.CloudFormationWorker): a plain Node.js process that
// runs aws-cdk-lib's own CloudFormationValidatePlugin, loaded from the directory jsii extracted aws-cdk-lib into
// (argv[2]), on one template per request, so templates are validated on a second core while the jsii process runs
// the packs or validates others. Requests and replies are one JSON object per line on stdin and stdout:
//   {"id": n, "stackConstructPath": "...", "templatePath": "...", "accountId": "...", "region": "..."}
//   {"id": n, "ok": true, "version": "...", "violations": [...]} or {"id": n, "ok": false, "error": "..."}
// The violations are what the plugin returns in the jsii process for the same one-template context.
const path = require('path');
const readline = require('readline');

let plugin;
let loadError;
try {
  const mod = require(path.join(process.argv[2], 'core', 'lib', 'validation', 'cloudformation-validate-plugin.js'));
  plugin = new mod.CloudFormationValidatePlugin();
} catch (e) {
  loadError = String((e && e.stack) || e);
}

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on('line', (line) => {
  let id = null;
  let reply;
  try {
    const req = JSON.parse(line);
    id = req.id;
    if (!plugin) {
      throw new Error('aws-cdk-lib could not be loaded from ' + process.argv[2] + ': ' + loadError);
    }
    const report = plugin.validate({
      stackTemplates: [{ stackConstructPath: req.stackConstructPath, templatePath: req.templatePath }],
      accountId: req.accountId == null ? undefined : req.accountId,
      region: req.region == null ? undefined : req.region,
    });
    reply = { id, ok: true, version: plugin.version, violations: report.violations };
  } catch (e) {
    reply = { id, ok: false, error: String((e && e.stack) || e) };
  }
  process.stdout.write(JSON.stringify(reply) + '\n');
});
lines.on('close', () => process.exit(0));
