import { describe, expect, it } from 'vitest';
import { type DurationNotation, DurationError, filetimeIntervalToSeconds, formatSeconds, parseDurationSeconds, periodToSeconds, requireDurationSeconds, SECONDS } from '../../src/ca-config/units.js';

const DAY = SECONDS.day;

describe('parseDurationSeconds', () => {
  it.each<[string | number, DurationNotation, number | undefined]>([
    // Go (cert-manager, step-ca, cfssl)
    ['2160h0m0s', 'go', 90 * DAY],
    ['2160h', 'go', 90 * DAY],
    ['360h', 'go', 15 * DAY],
    ['1h30m', 'go', 5_400],
    ['1.5h', 'go', 5_400],
    ['5m', 'go', 300],
    ['60s', 'go', 60],
    ['300ms', 'go', 0],
    ['1500ms', 'go', 2],
    ['-1h', 'go', -3_600],
    ['0', 'go', 0],
    ['90d', 'go', undefined],
    ['3600', 'go', undefined],
    ['1 h', 'go', undefined],
    ['h', 'go', undefined],
    // Vault/OpenBao parseutil
    ['90d', 'vault', 90 * DAY],
    ['768h', 'vault', 32 * DAY],
    ['3600', 'vault', 3_600],
    [315_360_000, 'vault', 315_360_000],
    ['1y', 'vault', undefined],
    // ISO-8601
    ['P90D', 'iso8601', 90 * DAY],
    ['PT1H30M', 'iso8601', 5_400],
    ['P1Y2M3DT4H5M6S', 'iso8601', SECONDS.year + 2 * SECONDS.month + 3 * DAY + 4 * 3_600 + 5 * 60 + 6],
    ['P2W', 'iso8601', 14 * DAY],
    ['PT0.5S', 'iso8601', 1],
    ['p1d', 'iso8601', DAY],
    ['P', 'iso8601', undefined],
    ['PT', 'iso8601', undefined],
    ['P1DT', 'iso8601', undefined],
    ['90D', 'iso8601', undefined],
    // certbot renew_before_expiry
    ['30 days', 'certbot', 30 * DAY],
    ['4 years', 'certbot', 4 * SECONDS.year],
    ['1 week', 'certbot', 7 * DAY],
    ['10 hours', 'certbot', 36_000],
    ['1 week, 2 days', 'certbot', 9 * DAY],
    ['30', 'certbot', 30 * DAY],
    ['soon', 'certbot', undefined],
    ['30 fortnights', 'certbot', undefined],
    // EJBCA SimpleTime
    ['1y 2mo 3d', 'ejbca', SECONDS.year + 2 * SECONDS.month + 3 * DAY],
    ['10y', 'ejbca', 10 * SECONDS.year],
    ['-10m', 'ejbca', -600],
    ['1d 2h 3m 4s', 'ejbca', DAY + 2 * 3_600 + 3 * 60 + 4],
    ['730', 'ejbca', 730 * DAY],
    ['1w', 'ejbca', undefined],
    // ADCS period strings
    ['1 years', 'adcs', SECONDS.year],
    ['6 weeks', 'adcs', 42 * DAY],
    ['2 Years', 'adcs', 2 * SECONDS.year],
    // bare numbers in a stated unit
    [24, 'hours', 86_400],
    ['90', 'days', 90 * DAY],
    [1.5, 'minutes', 90],
    ['90d', 'days', undefined],
    // auto
    ['2160h0m0s', 'auto', 90 * DAY],
    ['90d', 'auto', 90 * DAY],
    ['P90D', 'auto', 90 * DAY],
    ['1y 2mo', 'auto', SECONDS.year + 2 * SECONDS.month],
    ['30 days', 'auto', 30 * DAY],
    ['3600', 'auto', 3_600],
    // not durations
    ['', 'auto', undefined],
    ['   ', 'auto', undefined],
    ['...', 'auto', undefined],
    ['$DURATION', 'auto', undefined],
    [Number.NaN, 'seconds', undefined],
    [`${'9'.repeat(30)}h`, 'go', undefined],
    ['1h'.repeat(150), 'go', undefined],
  ])('%j as %s → %j', (text, notation, expected) => {
    expect(parseDurationSeconds(text, notation)).toBe(expected);
  });
});

describe('requireDurationSeconds', () => {
  it('returns seconds or throws an error naming the field and notation', () => {
    expect(requireDurationSeconds('24h', 'go', 'spec.duration')).toBe(DAY);
    expect(() => requireDurationSeconds('90 days', 'go', 'spec.duration')).toThrow(new DurationError('spec.duration: "90 days" is not a go duration'));
  });
});

describe('periodToSeconds', () => {
  it.each([
    [1, 'Years', SECONDS.year],
    [6, 'weeks', 42 * DAY],
    [2, 'Months', 60 * DAY],
    [8, 'hours', 28_800],
    [1, 'fortnight', undefined],
  ])('%d %s → %j', (count, unit, expected) => {
    expect(periodToSeconds(count, unit)).toBe(expected);
  });
});

describe('filetimeIntervalToSeconds', () => {
  // ADCS "2 years" and "6 weeks" as certutil/PowerShell export them (pKIExpirationPeriod / pKIOverlapPeriod).
  const twoYears = [0, 128, 114, 14, 93, 194, 253, 255];
  const sixWeeks = [0, 128, 166, 10, 255, 222, 255, 255];
  it.each<[Parameters<typeof filetimeIntervalToSeconds>[0], number | undefined]>([
    [twoYears, 2 * SECONDS.year],
    [new Uint8Array(sixWeeks), 42 * DAY],
    ['00 80 72 0e 5d c2 fd ff', 2 * SECONDS.year],
    [Buffer.from(twoYears).toString('base64'), 2 * SECONDS.year],
    [-630_720_000_000_000n, 2 * SECONDS.year],
    [-36_288_000_000_000, 42 * DAY],
    ['-36288000000000', 42 * DAY],
    [[1, 2, 3], undefined],
    [[0, 0, 0, 0, 0, 0, 0, 256], undefined],
    ['not a period', undefined],
    [Number.MAX_VALUE, undefined],
  ])('%s → %j', (value, expected) => {
    expect(filetimeIntervalToSeconds(value)).toBe(expected);
  });
});

describe('formatSeconds', () => {
  it.each([
    [90 * DAY, '90d'],
    [5_400, '1h30m'],
    [DAY + 61, '1d1m1s'],
    [0, '0s'],
    [-600, '-10m'],
  ])('%d → %s', (seconds, text) => {
    expect(formatSeconds(seconds)).toBe(text);
  });
});
