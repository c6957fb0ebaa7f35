/** security.txt's Expires field (RFC 9116 section 2.5.5): when is it too close? Pure. */

export const EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface ExpiryProblem {
  readonly message: string;
  readonly expires?: string;
  readonly daysLeft?: number;
}

/** A problem with the Expires field, or undefined when it is more than 30 days away. */
export function expiryProblem(text: string, now: Date): ExpiryProblem | undefined {
  const fields = [...text.matchAll(/^Expires:[ \t]*(.*?)[ \t]*\r?$/gim)];
  if (fields.length !== 1) {
    return {
      message:
        fields.length === 0
          ? 'has no Expires field (RFC 9116 requires exactly one)'
          : `has ${fields.length} Expires fields (RFC 9116 allows exactly one)`,
    };
  }
  const value = fields[0]?.[1] ?? '';
  const at = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(at)) {
    return {
      message: `has an Expires value that is not an RFC 3339 date: ${JSON.stringify(value.slice(0, 40))}`,
      expires: value,
    };
  }
  const daysLeft = Math.floor((at - now.getTime()) / DAY_MS);
  if (daysLeft >= EXPIRY_WARNING_DAYS) return undefined;
  return {
    message:
      daysLeft < 0
        ? `expired on ${value}: renew it (\`stronghold update\` writes a new Expires date)`
        : `expires on ${value}, in ${daysLeft} day(s) (less than ${EXPIRY_WARNING_DAYS}): renew it with \`stronghold update\``,
    expires: value,
    daysLeft,
  };
}
