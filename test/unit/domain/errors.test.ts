import { DomainError, isDomainError, NotFoundError, RuleViolation, ValidationError } from '../../../src/domain/errors';

describe('domain errors', () => {
  it.each([
    [
      new ValidationError('RATE_OUT_OF_RANGE', 'rate outside 0.01%..0.1% (clause 6.5)', {
        clause: '6.5',
        field: 'rate',
      }),
      'ValidationError',
      'validation',
    ],
    [new RuleViolation('ALREADY_CONFIRMED', 'penalty already confirmed', { clause: '6' }), 'RuleViolation', 'rule'],
    [new NotFoundError('NO_SUCH_PENALTY', 'no such penalty'), 'NotFoundError', 'not-found'],
  ])('when %p is thrown, then it is a DomainError named %p of kind %p', (err, name, kind) => {
    expect(err.kind).toBe(kind);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe(name);
    expect(isDomainError(err)).toBe(true);
  });

  it('when serialised, then code, clause, field and message survive JSON', () => {
    const err = new ValidationError('RATE_OUT_OF_RANGE', 'out of range', { clause: '6.5', field: 'rate' });
    expect(JSON.parse(JSON.stringify(err))).toEqual({
      name: 'ValidationError',
      kind: 'validation',
      code: 'RATE_OUT_OF_RANGE',
      message: 'out of range',
      clause: '6.5',
      field: 'rate',
    });
  });

  it('when clause and field are absent, then JSON omits them', () => {
    expect(new RuleViolation('X', 'm').toJSON()).toEqual({
      name: 'RuleViolation',
      kind: 'rule',
      code: 'X',
      message: 'm',
    });
  });

  it('when a plain Error is checked, then it is not a domain error', () => {
    expect(isDomainError(new Error('x'))).toBe(false);
  });
});
