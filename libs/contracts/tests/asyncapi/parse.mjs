// Load AsyncAPI documents with the official parser (@asyncapi/parser, pinned in package-lock.json) as an
// outside team would, and print what it said about each as one JSON object on stdout:
//   node parse.mjs FILE...  ->  {"FILE": {"diagnostics": [...], "messages": [...]}, ...}
// Each document is parsed from its text alone (no file location), so a reference that only resolves relative to
// the file fails here. Severity of a diagnostic: 0 error, 1 warning, 2 information, 3 hint.
// The verdict is the caller's (libs/contracts/tests/test_asyncapi_parser.py).
import { readFile } from 'node:fs/promises';
import { Parser } from '@asyncapi/parser';

const parser = new Parser();
const results = {};
for (const file of process.argv.slice(2)) {
  const { document, diagnostics } = await parser.parse(await readFile(file, 'utf8'));
  results[file] = {
    diagnostics: diagnostics.map(d => ({ severity: d.severity, code: String(d.code), message: d.message, path: d.path })),
    messages: document === undefined ? null : document.components().messages().all().map(message => {
      const data = message.payload()?.properties()?.data;
      return {
        id: message.id(),
        name: message.name(),
        schemaFormat: message.schemaFormat(),
        // Read through the parsed model: present only when every reference on the way resolved.
        dataProperties: data ? Object.keys(data.properties() ?? {}).sort() : null,
      };
    }),
    operations: document === undefined ? null : document.operations().all().map(operation => ({
      id: operation.id(),
      action: operation.action(),
      addresses: operation.channels().all().map(channel => channel.address()),
      messages: operation.messages().all().map(message => message.id()),
    })),
  };
}
process.stdout.write(JSON.stringify(results));
