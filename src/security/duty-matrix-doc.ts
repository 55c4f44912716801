// The duty matrix as a Markdown table, for the README, from the route declarations (route.ts) (printed by `npm run duty-matrix`; the
// duty-matrix test checks that the README holds exactly this table).
import { DUTIES, type Duty, type DutyName } from './duties';
import { endpointDuties } from './endpoint-duties';
import '../api/routes'; // the route modules declare their routes, and so their duties, when imported

export function dutyMatrixMarkdown(): string {
  const endpoints = new Map<DutyName, string[]>();
  // Sorted: the table does not change with the order route modules are imported in.
  for (const [op, name] of Object.entries(endpointDuties()).sort(([a], [b]) => a.localeCompare(b)))
    endpoints.set(name, [...(endpoints.get(name) ?? []), op]);
  const rows = (Object.entries(DUTIES) as [DutyName, Duty][]).map(([name, d]) => {
    const who = d.roles.map((r) => `\`${r}\``).join(', ') + (d.allContracts ? ' (all-contracts keys only)' : '');
    const eps =
      name === 'read'
        ? `the other GET endpoints (${endpoints.get(name)?.length ?? 0})`
        : (endpoints.get(name) ?? []).map((e) => `\`${e}\``).join('<br>');
    return `| ${name} | ${d.what} | ${who} | ${d.clause} | ${eps} |`;
  });
  return ['| duty | what | who | clause | endpoints |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}
