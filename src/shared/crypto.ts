import crypto from 'node:crypto';

/** Crockford base32: no I, L, O, U, so codes read aloud or typed from paper survive. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A random human-typable code such as "7KQ2-M9XD-R4TB-W1HC" (80 bits for 16 characters). */
export function randomCode(groups = 4, size = 4): string {
  const bytes = crypto.randomBytes(groups * size);
  const chars = Array.from(bytes, (b) => ALPHABET[b & 31]);
  const out: string[] = [];
  for (let g = 0; g < groups; g++) out.push(chars.slice(g * size, (g + 1) * size).join(''));
  return out.join('-');
}

/** Canonical form of a typed code: upper case, dashes and spaces removed, look-alike letters mapped. */
export function normalizeCode(code: string): string {
  return code
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
}

export function sha256(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}

export const hashCode = (code: string) => sha256(normalizeCode(code));

export function randomId(bytes = 12): string {
  return crypto.randomBytes(bytes).toString('base64url');
}
