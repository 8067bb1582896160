#!/usr/bin/env node
// Regenerates constructs/io/securevpc/gate/report/stock-rules.json: every rule of cdk-nag's stock packs with its
// level, the control ids its message names and the CloudFormation resource types it inspects.
//
//   node generate-stock-rules.js <cdk-nag dir> <aws-cdk-lib dir> <constructs dir> > stock-rules.json
//
// The package directories are those the jsii runtime unpacks at the first test run
// (~/.cache/aws/jsii/package-cache/<package>/<version>/<hash>/); cdk-nag's is
// also the `cdk-nag@<version>.jsii.tgz` inside the Maven jar io.github.cdklabs:cdknag. Nothing is fetched.
//
// How: each pack is instantiated with `applyRule` replaced by a recorder, and `checkResource` is called once, so every
// `applyRule` call of the pack (its id suffix, message, level and rule function) is recorded without judging
// anything. The resource types of a rule are the aws-cdk-lib L1 classes its compiled source tests with
// `instanceof` on its argument (and the `cfnResourceType` strings it compares), each class's `CFN_RESOURCE_TYPE_NAME`.
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const Module = require('module');

const [nagDir, cdkDir, constructsDir] = process.argv.slice(2).map((d) => path.resolve(d));
if (!nagDir || !cdkDir || !constructsDir) {
  console.error('usage: generate-stock-rules.js <cdk-nag dir> <aws-cdk-lib dir> <constructs dir>');
  process.exit(2);
}
// resolve 'aws-cdk-lib' (and what it needs) from the given directory, wherever it is
const originalResolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (request === 'aws-cdk-lib' || request.startsWith('aws-cdk-lib/')) {
    request = cdkDir + request.substring('aws-cdk-lib'.length);
  } else if (request === 'constructs') {
    request = constructsDir;
  }
  return originalResolve.call(this, request, parent, ...rest);
};

const nag = require(nagDir);
const version = JSON.parse(fs.readFileSync(path.join(nagDir, 'package.json'), 'utf8')).version;
const PACKS = [
  ['AwsSolutionsChecks', 'aws-solutions', 'AWS Solutions'],
  ['NIST80053R4Checks', 'nist-800-53-r4', 'NIST 800-53 Rev. 4'],
  ['NIST80053R5Checks', 'nist-800-53-r5', 'NIST 800-53 Rev. 5'],
  ['HIPAASecurityChecks', 'hipaa-security', 'HIPAA Security Rule'],
  ['PCIDSS321Checks', 'pci-dss-321', 'PCI DSS 3.2.1'],
  ['ServerlessChecks', 'serverless', 'Serverless'],
];

// the module file each rule function is the default export of
const ruleFiles = new Map();
for (const file of Object.keys(require.cache)) {
  const m = require.cache[file];
  if (file.includes(path.sep + 'rules' + path.sep) && m.exports && typeof m.exports.default === 'function') {
    ruleFiles.set(m.exports.default, file);
  }
}

function resourceTypes(rule) {
  const file = ruleFiles.get(rule);
  if (!file) {
    throw new Error('no source file for rule ' + rule.name);
  }
  const src = fs.readFileSync(file, 'utf8').replace(/\/\/# sourceMappingURL=.*$/m, '');
  const modules = {};
  for (const m of src.matchAll(/const (\w+) = require\("(aws-cdk-lib(?:\/[\w-]+)?)"\)/g)) {
    modules[m[1]] = m[2];
  }
  // only what the rule tests its own argument for: a helper's `child instanceof CfnFlowLog` is not what it judges
  const body = rule.toString();
  const param = /^\s*(?:function\s*\w*)?\(?\s*(\w+)/.exec(body)[1];
  const types = new Set();
  for (const m of body.matchAll(new RegExp('\\b' + param + ' instanceof (\\w+)\\.(Cfn\\w+)', 'g'))) {
    if (!modules[m[1]] || m[2] === 'CfnResource') {
      continue;
    }
    const cls = require(modules[m[1]])[m[2]];
    if (!cls || !cls.CFN_RESOURCE_TYPE_NAME) {
      throw new Error(rule.name + ': ' + m[0] + ' names no L1 class');
    }
    types.add(cls.CFN_RESOURCE_TYPE_NAME);
  }
  for (const m of body.matchAll(new RegExp('\\b' + param + '\\.cfnResourceType\\s*===?\\s*[\'"](AWS::[\\w:]+)[\'"]', 'g'))) {
    types.add(m[1]);
  }
  return [...types].sort();
}

function controls(info) {
  const m = /\(Control IDs?: (.*)\)\.?\s*$/.exec(info);
  if (!m) {
    return [];
  }
  return [...new Set(m[1].split(',').map((id) => id.replace(/[\s\u00a0]+/g, '')).filter((id) => id))];
}

const packs = {};
for (const [cls, file, framework] of PACKS) {
  const pack = new nag[cls]();
  const rules = {};
  pack.applyRule = (params) => {
    const id = pack.readPackName + '-' + (params.ruleSuffixOverride ? params.ruleSuffixOverride : params.rule.name);
    rules[id] = {
      level: params.level,
      controls: controls(params.info),
      resourceTypes: resourceTypes(params.rule),
      info: params.info,
    };
  };
  pack.checkResource({});
  packs[pack.readPackName] = { framework, source: 'src/packs/' + file + '.ts', rules };
}

const out = {
  source: {
    repository: 'https://github.com/cdklabs/cdk-nag',
    tag: 'v' + version,
    package: 'cdk-nag@' + version + ' as published (npm; the Maven artifact io.github.cdklabs:cdknag:' + version
      + ' bundles it as cdk-nag@' + version + '.jsii.tgz)',
    packageJsonSha256: crypto.createHash('sha256').update(fs.readFileSync(path.join(nagDir, 'package.json')))
      .digest('hex'),
    paths: PACKS.map(([, file]) => 'src/packs/' + file + '.ts (compiled: lib/packs/' + file + '.js)'),
    note: 'The published package names no commit (no gitHead); the tag is the release of this version. Control ids '
      + 'are those each rule\'s message names "(Control IDs: ...)"; resource types are the L1 classes the rule\'s '
      + 'source (lib/rules/<service>/<Rule>.js) tests its argument for with instanceof. Generated by '
      + 'test/io/securevpc/gate/report/generate-stock-rules.js.',
  },
  packs,
};
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
