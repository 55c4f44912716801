// Personal passwords (issue 16; clause 7, MLPS level 3 of 4.6): hashed with Argon2id, a
// memory-hard function, at OWASP's recommended cost (19 MiB, 2 passes, 1 lane: the library's
// defaults, about 30 ms here). The encoded hash carries its own parameters, so raising them
// later still verifies old hashes. A password is at least 12 characters of at least 3 kinds
// (lower, upper, digit, other): MLPS asks for complexity, not periodic changes.
import { hash, verify } from '@node-rs/argon2';

export const PASSWORD_MIN_LENGTH = 12;

/** Why a password is refused, or undefined when it will do. */
export function passwordWeakness(password: string): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) return `at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > 256) return 'at most 256 characters';
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((k) => k.test(password)).length;
  if (kinds < 3) return 'at least three of: lower-case, upper-case, digit, other character';
  return undefined;
}

export const hashPassword = (password: string): Promise<string> => hash(password);

/** False for a wrong password or a malformed stored hash (never throws on bad input). */
export async function passwordMatches(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

// Verified when the login is unknown, so a wrong login costs as long as a wrong password.
let decoy: Promise<string> | undefined;
export const decoyHash = (): Promise<string> => (decoy ??= hash('decoy password for unknown logins'));
