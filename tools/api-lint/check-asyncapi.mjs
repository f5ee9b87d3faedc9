#!/usr/bin/env node
// Validates an AsyncAPI document with the official parser (@asyncapi/parser) and its default
// ruleset and schema parsers, prints every diagnostic, and exits 1 when any is an error.
//
//   node check-asyncapi.mjs <path/to/asyncapi.yaml>
//
// Exit codes: 0 no error diagnostics (warnings may be printed), 1 at least one error,
// 2 usage error or the document could not be read.
//
// The default Parser registers only the AsyncAPI schema parser, which covers the schema formats
// application/vnd.aai.asyncapi[+json|+yaml];version=<2.x|3.x> and
// application/schema[+json|+yaml];version=draft-07. For an AsyncAPI 3 document the parser never
// reports a payload whose schemaFormat has no registered parser: it leaves that schema as it is
// and checks nothing inside it. So this script reports each such schema itself, as an error
// with the code "unvalidated-schema-format".

import { access } from 'node:fs/promises';
import path from 'node:path';
import { Parser, fromFile } from '@asyncapi/parser';

const SEVERITY = ['error', 'warning', 'info', 'hint'];

// Where an AsyncAPI 3 document may hold a Multi Format Schema Object (schemaFormat + schema);
// the same places the parser looks at (custom-operations/parse-schema.js, customSchemasPathsV3).
// Components first, so a shared message is reported where it is defined.
const MULTI_FORMAT_PATHS = [
  ['components', 'messages', '*', 'payload'],
  ['components', 'messages', '*', 'headers'],
  ['components', 'schemas', '*'],
  ['channels', '*', 'messages', '*', 'payload'],
  ['channels', '*', 'messages', '*', 'headers'],
  ['components', 'channels', '*', 'messages', '*', 'payload'],
  ['components', 'channels', '*', 'messages', '*', 'headers'],
  ['operations', '*', 'messages', '*', 'payload'],
  ['operations', '*', 'messages', '*', 'headers'],
  ['components', 'operations', '*', 'messages', '*', 'payload'],
  ['components', 'operations', '*', 'messages', '*', 'headers'],
];

function* walk(node, pattern, trail = []) {
  if (pattern.length === 0) {
    yield [node, trail];
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const [head, ...rest] = pattern;
  const keys = head === '*' ? Object.keys(node) : [head];
  for (const key of keys) {
    if (Object.hasOwn(node, key)) yield* walk(node[key], rest, [...trail, key]);
  }
}

function pointer(segments) {
  if (!segments || segments.length === 0) return '#';
  return '#/' + segments.map((s) => String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

function location(diagnostic, mainSource) {
  const range = diagnostic.range;
  const line = range ? `${range.start.line + 1}:${range.start.character + 1}` : '?';
  const source = diagnostic.source && path.resolve(diagnostic.source) !== mainSource
    ? path.relative(process.cwd(), diagnostic.source)
    : null;
  return source ? `${source}:${line}` : `line ${line}`;
}

async function main() {
  const file = process.argv[2];
  if (!file || process.argv.length > 3) {
    console.error('usage: node check-asyncapi.mjs <path/to/asyncapi.yaml>');
    return 2;
  }
  const source = path.resolve(file);
  try {
    await access(source);
  } catch {
    console.error(`cannot read ${file}`);
    return 2;
  }

  const parser = new Parser();
  // fromFile passes the file's path as `source`, so relative $refs resolve against its folder.
  const { document, diagnostics } = await fromFile(parser, source).parse();

  const findings = diagnostics.map((d) => ({
    severity: d.severity,
    code: String(d.code),
    message: d.message,
    path: pointer(d.path),
    where: location(d, source),
  }));

  if (document) {
    const seen = new Set();
    const json = document.json();
    for (const pattern of MULTI_FORMAT_PATHS) {
      for (const [node, trail] of walk(json, pattern)) {
        if (node === null || typeof node !== 'object' || seen.has(node)) continue;
        seen.add(node);
        const format = node.schemaFormat;
        if (typeof format !== 'string' || node.schema === undefined) continue;
        if (!parser.parserRegistry.has(format)) {
          // An error: a payload schema nobody checks is a description nobody can rely on.
          findings.push({
            severity: 0,
            code: 'unvalidated-schema-format',
            message: `No schema parser registered for "${format}": the parser keeps this schema as it is and validates nothing in it.`,
            path: pointer([...trail, 'schemaFormat']),
            where: '(resolved document)',
          });
        }
      }
    }
  }

  findings.sort((a, b) => a.severity - b.severity);
  for (const f of findings) {
    console.log(`${SEVERITY[f.severity] ?? f.severity}\t${f.code}\t${f.path}\t${f.where}\n\t${f.message}`);
  }

  const count = (s) => findings.filter((f) => f.severity === s).length;
  const errors = count(0);
  console.log(
    `\n${path.relative(process.cwd(), source) || source}: ${errors} error(s), ${count(1)} warning(s), `
      + `${count(2)} info, ${count(3)} hint(s)${document ? '' : '; the document could not be parsed'}`,
  );
  return errors > 0 || !document ? 1 : 0;
}

main().then(
  (code) => { process.exitCode = code; },
  (err) => { console.error(err?.stack ?? err); process.exitCode = 2; },
);
