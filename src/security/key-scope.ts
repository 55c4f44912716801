// A key can only hand out what it holds (issue 12, finding 3): an admin limited to some
// contracts mints keys for (some of) those contracts only, never an all-contracts key, and
// revokes or rotates only keys that lie wholly inside its scope. Reading of "at most its own
// rights": the role a key is minted with is the duty the admin hands out (the matrix,
// src/security/duties.ts, keeps the admin itself from deciding penalties, acceptances or
// payments, or reading the audit); what the admin cannot widen is the scope, nor (with expiry,
// src/security/key-life.ts) the lifetime.
import type { Actor } from '../api/auth';
import { forbidden } from '../api/errors';

export const ALL_CONTRACTS = '*';
/** The contracts a key is limited to; null = all. */
export const scopeOf = (a: Pick<Actor, 'contracts'>) => (a.contracts.includes(ALL_CONTRACTS) ? null : a.contracts);

/** The contracts a new key gets: as asked (all when none are named), if the minter holds them all. */
export function mintableContracts(minter: Actor, asked: string[] | undefined): string[] {
  const wanted = asked?.length ? [...new Set(asked)] : [ALL_CONTRACTS];
  const scope = scopeOf(minter);
  if (!scope) return wanted;
  if (wanted.includes(ALL_CONTRACTS)) {
    throw forbidden(
      `this key is limited to ${scope.join(', ')}: it may only mint keys limited to those contracts (name them in "contracts")`,
    );
  }
  const outside = wanted.filter((c) => !scope.includes(c));
  if (outside.length)
    throw forbidden(`this key may not mint keys for ${outside.join(', ')} (outside its contracts ${scope.join(', ')})`);
  return wanted;
}

/** A key may act on another key (revoke, rotate) only when that key lies wholly inside its scope. */
export function assertKeyWithinScope(actor: Actor, target: { id: string; contracts: string[] }): void {
  const scope = scopeOf(actor);
  if (!scope) return;
  if (target.contracts.some((c) => !scope.includes(c))) {
    throw forbidden(
      `key ${target.id} reaches beyond this key's contracts (${scope.join(', ')}); only a key holding all of them may change it`,
    );
  }
}
