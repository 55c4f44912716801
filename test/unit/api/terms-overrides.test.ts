// Every section of the terms can be overridden at registration and amendment (the 4.4
// `services` section was refused as an unknown key, so no contract could set licenceWarnDays).
import { CreateContract, TermsOverridesSchema } from '../../../src/api/routes/contract-schemas';
import { termsSchema } from '../../../src/domain/terms-schema';

const contract = {
  name: '维保合同',
  hospital: '某医院',
  vendor: '某公司',
  signedAt: '2026-01-05T09:00:00+08:00',
  amountFen: '100000000',
  yearlyFees: ['30000000', '30000000', '40000000'],
};

it('when a contract names licenceWarnDays (4.4), then registration accepts the services section', () => {
  const parsed = CreateContract.safeParse({ ...contract, terms: { services: { licenceWarnDays: 10 } } });
  expect(parsed.success).toBe(true);
});

it('when the terms gain a section, then it is overridable: the overrides name exactly the terms sections', () => {
  expect(Object.keys(TermsOverridesSchema.shape).sort()).toEqual(Object.keys(termsSchema.shape).sort());
});

it('when an override names no section of the terms, then it is refused naming the key', () => {
  const parsed = CreateContract.safeParse({ ...contract, terms: { licences: { warnDays: 10 } } });
  expect(parsed.success).toBe(false);
  expect(JSON.stringify(parsed.error?.issues)).toContain('licences');
});
