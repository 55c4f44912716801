import { ApplicationFailure } from '@temporalio/workflow';

// Failures thrown by update validators and handlers. The API's error mapper turns the type into
// an HTTP status (RuleViolation 409, Forbidden 403, ValidationError 400, NotFound 404) and shows
// the code and the clause. Non-retryable: retrying cannot change the answer.
function failure(type: string, code: string, message: string, clause?: string, field?: string): ApplicationFailure {
  return ApplicationFailure.create({ type, message, nonRetryable: true, details: [{ code, clause, field }] });
}
export const ruleViolation = (code: string, message: string, clause?: string) =>
  failure('RuleViolation', code, message, clause);
export const forbiddenAction = (message: string, clause?: string) => failure('Forbidden', 'FORBIDDEN', message, clause);
export const invalidInput = (field: string, message: string, clause?: string) =>
  failure('ValidationError', 'INVALID_INPUT', message, clause, field);
