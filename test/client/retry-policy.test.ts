import { expect } from '@open-wc/testing';
import {
  DEFAULT_RETRY_POLICY,
  backoffDelay,
  mayRetry,
  parseRetryAfter,
  retryDelay,
} from '../../src/client/retry-policy.js';

describe('retry policy', () => {
  it('has the documented numbers: 2 retries, base 500 ms, cap 8 s, Retry-After capped at 60 s', () => {
    expect(DEFAULT_RETRY_POLICY).to.deep.equal({ retries: 2, baseMs: 500, capMs: 8000, maxRetryAfterMs: 60000 });
  });

  describe('backoffDelay: exponential with full jitter', () => {
    it('doubles the ceiling per retry up to the cap', () => {
      const almostOne = () => 0.999999;
      const ceilings = [1, 2, 3, 4, 5, 6, 7, 10].map((n) => backoffDelay(n, almostOne));
      expect(ceilings).to.deep.equal([499, 999, 1999, 3999, 7999, 7999, 7999, 7999]);
    });

    it('spreads uniformly between 0 and the ceiling', () => {
      expect(backoffDelay(1, () => 0)).to.equal(0);
      expect(backoffDelay(1, () => 0.5)).to.equal(250);
      expect(backoffDelay(3, () => 0.25)).to.equal(500);
      expect(backoffDelay(9, () => 0.5)).to.equal(4000);
    });

    it('keeps a broken random source inside the bounds', () => {
      expect(backoffDelay(1, () => -3)).to.equal(0);
      expect(backoffDelay(1, () => 7)).to.equal(500);
    });
  });

  describe('parseRetryAfter', () => {
    const now = Date.parse('Tue, 01 Jul 2025 12:00:00 GMT');
    it('reads delta-seconds', () => {
      expect(parseRetryAfter('1', now, 60000)).to.equal(1000);
      expect(parseRetryAfter(' 0 ', now, 60000)).to.equal(0);
      expect(parseRetryAfter('30', now, 60000)).to.equal(30000);
    });
    it('reads an HTTP date relative to now, never negative', () => {
      expect(parseRetryAfter('Tue, 01 Jul 2025 12:00:05 GMT', now, 60000)).to.equal(5000);
      expect(parseRetryAfter('Tue, 01 Jul 2025 11:00:00 GMT', now, 60000)).to.equal(0);
    });
    it('caps both forms', () => {
      expect(parseRetryAfter('3600', now, 60000)).to.equal(60000);
      expect(parseRetryAfter('Wed, 02 Jul 2025 12:00:00 GMT', now, 60000)).to.equal(60000);
    });
    it('ignores what is neither', () => {
      for (const bad of [null, undefined, '', 'soon', '-5', '1.5'])
        expect(parseRetryAfter(bad, now, 60000), String(bad)).to.equal(undefined);
    });
  });

  describe('mayRetry', () => {
    it('before the answer starts: retryable HTTP statuses, NETWORK, TIMEOUT, INCOMPLETE', () => {
      expect(mayRetry({ code: 'HTTP_ERROR', retryable: true }, false)).to.equal(true);
      expect(mayRetry({ code: 'HTTP_ERROR', retryable: false }, false)).to.equal(false);
      expect(mayRetry({ code: 'NETWORK', retryable: true }, false)).to.equal(true);
      expect(mayRetry({ code: 'TIMEOUT', retryable: true }, false)).to.equal(true);
      expect(mayRetry({ code: 'INCOMPLETE', retryable: true }, false)).to.equal(true);
      expect(mayRetry({ code: 'BAD_CONTENT_TYPE', retryable: false }, false)).to.equal(false);
      expect(mayRetry({ code: 'BACKEND_UNAVAILABLE', retryable: true }, false)).to.equal(false);
    });
    it('once text arrived: a lost connection or an early end (resumed), not a silent server', () => {
      expect(mayRetry({ code: 'NETWORK', retryable: true }, true)).to.equal(true);
      expect(mayRetry({ code: 'INCOMPLETE', retryable: true }, true)).to.equal(true);
      expect(mayRetry({ code: 'TIMEOUT', retryable: true }, true)).to.equal(false);
    });
  });

  it('retryDelay takes Retry-After over the backoff, capped', () => {
    const failure = { code: 'HTTP_ERROR', retryable: true };
    expect(retryDelay(1, { ...failure, retryAfterMs: 1000 }, () => 0)).to.equal(1000);
    expect(retryDelay(1, { ...failure, retryAfterMs: 90000 }, () => 0)).to.equal(60000);
    expect(retryDelay(2, failure, () => 0.5)).to.equal(500);
  });
});
