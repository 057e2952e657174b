import { describe, expect, it } from 'vitest';
import { httpEvent } from '../../test/fixtures/admission/http.ts';
import { AppError } from '../../shared/core/errors.ts';
import { admissionReviewFor, admissionReviewForError, renderAdmissionError } from './review.ts';

describe('Function: admissionReviewFor()', () => {
  it('leaves patch and patchType out when nothing changes, and cuts warnings at 20', () => {
    const warnings = Array.from({ length: 25 }, (_, i) => `w${i}`);
    const review = admissionReviewFor('u', { verdict: 'allow', reason: 'mutated', patch: [], warnings });
    expect(review.response).toEqual({ uid: 'u', allowed: true, warnings: warnings.slice(0, 20) });
  });
});

describe('Function: admissionReviewForError()', () => {
  it.each([
    { name: 'deny codes refuse with their status', error: new AppError('QUOTA_EXCEEDED', 'over quota'), response: { allowed: false, status: { code: 403, reason: 'QUOTA_EXCEEDED', message: 'over quota' } } },
    { name: 'retry codes refuse with their status', error: new AppError('VERSION_CONFLICT', 'raced'), response: { allowed: false, status: { code: 409, reason: 'VERSION_CONFLICT' } } },
    { name: 'allow codes let the pod through with a warning', error: new AppError('NO_CAPACITY', 'no GPU free now'), response: { allowed: true, warnings: ['no GPU free now'] } },
  ])('$name', ({ error, response }) => expect(admissionReviewForError('u', error).response).toMatchObject({ uid: 'u', ...response }));
});

describe('Function: renderAdmissionError()', () => {
  it('declines before the review was read, so the plain HTTP error answers', () => {
    expect(renderAdmissionError(new AppError('INVALID_INPUT', 'body must be JSON'), httpEvent('{'))).toBeUndefined();
  });
});
