// Onboarding a running contract (issue 10 item 4): one shape for a ledger proposal in the dry
// run, whichever family's pure duties made it (faults, quarters, service requests), so the
// dry run shows the sums the registration will propose in one form.
/** A case's ledger proposal as the dry run shows it (onboarding's faults and quarters alike). */
export const proposal = (p: {
  clause: string;
  amountFen: string;
  basis: string;
  fact: string;
  dueAt?: string;
  occurredAt?: string;
}) => ({
  clause: p.clause,
  amountFen: p.amountFen,
  basis: p.basis,
  fact: p.fact,
  ...(p.dueAt ? { dueAt: p.dueAt } : {}),
  occurredAt: p.occurredAt!,
});
