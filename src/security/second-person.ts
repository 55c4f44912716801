// The second person (issue 12, finding 4): what changes what is owed (a terms amendment, the
// contract's end; clause 3, where both parties sign) is proposed by one key and takes effect
// only when another key approves it: a key of the other contract party, or a hospital approver
// (the hospital's approvers decide what is owed: "Parties and roles", 6). Not the proposer's
// key, nor another key of the same name (one person, two keys). An admin proposes what the
// parties agreed on paper but approves nothing: the platform is no party.
import { partyOf } from '../workflows/kernel/actors';
import type { KeyRef } from '../db/queries/change-proposals';

/** Why `approver` may not approve what `proposer` proposed, or undefined when it may. */
export function secondPersonRefusal(proposer: KeyRef, approver: KeyRef): string | undefined {
  if (approver.keyId === proposer.keyId || approver.name === proposer.name) {
    return `${approver.name} proposed this change; a second person approves it (clause 3)`;
  }
  if (approver.role === 'hospital-approver') return undefined;
  const mine = partyOf(proposer.role);
  const theirs = partyOf(approver.role);
  if (theirs !== 'platform' && mine !== 'platform' && theirs !== mine) return undefined;
  return `a change proposed by ${proposer.role} ${proposer.name} is approved by a hospital approver${mine === 'platform' ? '' : ` or a key of the ${mine === 'hospital' ? 'vendor' : 'hospital'}`}, not by ${approver.role} (clause 3)`;
}
