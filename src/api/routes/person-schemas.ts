// A personal console account as the API takes and answers it (issue 16; clause 7): its login,
// and the person without its password hash, instants +08:00 (issue 15).
import { z } from 'zod';
import { ROLES } from '../auth';
import { contractInstant, instantOut } from '../instants';
import type * as q from '../../db/queries/people';

export const LOGIN = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, '2-64 characters: a-z, 0-9, ".", "_", "-"');
// Answers (issue 15): a person never with its password hash; instants +08:00.
export const PersonOut = z.object({
  id: z.string(),
  login: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  contracts: z.array(z.string()),
  createdBy: z.string().nullable(),
  createdAt: instantOut,
  lockedUntil: instantOut.optional().describe('too many wrong passwords: sign-in refused until then (clause 7)'),
  disabledAt: instantOut.optional(),
});
export const personOut = (p: q.PersonRow): z.input<typeof PersonOut> => ({
  id: p.id,
  login: p.login,
  displayName: p.displayName,
  role: p.role,
  contracts: p.contracts,
  createdBy: p.createdBy,
  createdAt: contractInstant(p.createdAt),
  ...(p.lockedUntil ? { lockedUntil: contractInstant(p.lockedUntil) } : {}),
  ...(p.disabledAt ? { disabledAt: contractInstant(p.disabledAt) } : {}),
});
