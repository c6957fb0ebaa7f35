/**
 * The official SARIF 2.1.0 schema (copied into test/fixtures/sarif/, see its README) as an ajv
 * validator: code scanning rejects SARIF that does not validate.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';

const schemaText = readFileSync(
  new URL('../fixtures/sarif/sarif-2.1.0-rtm.5.json', import.meta.url),
  'utf8',
);

/** The schema is draft-04 (`id`, draft-04 `$schema`); ajv 8 reads it once `id` is `$id`. */
export function sarifValidator() {
  const schema = JSON.parse(schemaText) as Record<string, unknown>;
  const $id = String(schema['id']);
  delete schema['$schema'];
  delete schema['id'];
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  return ajv.compile({ ...schema, $id });
}
