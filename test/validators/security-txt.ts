/**
 * An RFC 9116 checker (no offline validator exists). Checks the rules of section 2.5 and 3:
 * field syntax, Contact (>= 1, URIs), Expires (exactly once, RFC 3339, in the future, at most a
 * year ahead), Canonical/Policy/Encryption URIs (https only for web URIs), Preferred-Languages at
 * most once and a comma-separated list of language tags, line endings, no unknown-syntax lines.
 */
export interface SecurityTxtFinding {
  readonly line: number;
  readonly message: string;
}

const FIELD = /^([A-Za-z0-9-]+): (.*)$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
const LANGUAGE_TAG = /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/;

function isUri(value: string, schemes: readonly string[]): boolean {
  try {
    const url = new URL(value);
    return schemes.includes(url.protocol) && !/\s/.test(value);
  } catch {
    return false;
  }
}

export function checkSecurityTxt(text: string, now: Date): SecurityTxtFinding[] {
  const findings: SecurityTxtFinding[] = [];
  if (!text.endsWith('\n'))
    findings.push({ line: 0, message: 'the last line must end with a line break' });
  if (/\r(?!\n)/.test(text))
    findings.push({ line: 0, message: 'bare CR is not a valid line ending' });
  const counts = new Map<string, number>();
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((line, index) => {
    const n = index + 1;
    if (line === '' || line.startsWith('#')) return;
    const match = FIELD.exec(line);
    if (!match) {
      findings.push({ line: n, message: `not a "Field: value" line: ${JSON.stringify(line)}` });
      return;
    }
    const name = (match[1] as string).toLowerCase();
    const value = match[2] as string;
    counts.set(name, (counts.get(name) ?? 0) + 1);
    // eslint-disable-next-line no-control-regex -- RFC 9116 values must not contain them
    if (/[\x00-\x1f\x7f]/.test(value))
      findings.push({ line: n, message: `${name} has control characters` });
    switch (name) {
      case 'contact':
        if (!isUri(value, ['mailto:', 'https:', 'tel:']))
          findings.push({
            line: n,
            message: `Contact must be a mailto:, https: or tel: URI, got ${value}`,
          });
        break;
      case 'expires': {
        if (!RFC3339.test(value)) {
          findings.push({
            line: n,
            message: `Expires must be an RFC 3339 date-time, got ${value}`,
          });
          break;
        }
        const at = Date.parse(value);
        if (at <= now.getTime()) findings.push({ line: n, message: 'Expires is in the past' });
        if (at > now.getTime() + 366 * 86_400_000)
          findings.push({ line: n, message: 'Expires is more than a year ahead' });
        break;
      }
      case 'encryption':
        if (!isUri(value, ['https:', 'openpgp4fpr:', 'dns:']))
          findings.push({
            line: n,
            message: `Encryption must be an https:, openpgp4fpr: or dns: URI, got ${value}`,
          });
        break;
      case 'canonical':
      case 'policy':
      case 'acknowledgments':
      case 'hiring':
        if (!isUri(value, ['https:']))
          findings.push({ line: n, message: `${name} must be an https: URI, got ${value}` });
        break;
      case 'preferred-languages':
        if (
          !value
            .split(',')
            .map((s) => s.trim())
            .every((tag) => LANGUAGE_TAG.test(tag))
        ) {
          findings.push({
            line: n,
            message: `Preferred-Languages must be comma-separated language tags, got ${value}`,
          });
        }
        break;
      default:
        break; // Unknown fields are allowed (RFC 9116 2.4) but our files should not produce them.
    }
  });
  if ((counts.get('contact') ?? 0) < 1)
    findings.push({ line: 0, message: 'Contact is required at least once' });
  if ((counts.get('expires') ?? 0) !== 1)
    findings.push({
      line: 0,
      message: `Expires must appear exactly once (found ${counts.get('expires') ?? 0})`,
    });
  if ((counts.get('preferred-languages') ?? 0) > 1)
    findings.push({ line: 0, message: 'Preferred-Languages must appear at most once' });
  return findings;
}
