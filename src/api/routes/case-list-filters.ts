// The filters every list of obligation cases takes (GET /obligations, GET .../service-requests):
// one definition, so a filter means the same on each list (issue 10 item 1, one shape per kind).
import { z } from 'zod';

export const caseListFilters = {
  status: z
    .string()
    .regex(/^[a-z-]{1,40}$/)
    .optional(),
  awaiting: z.enum(['vendor', 'hospital', 'none']).optional(),
  breached: z.enum(['true', 'false']).optional(),
};
