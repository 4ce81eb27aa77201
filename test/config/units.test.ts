import { describe, expect, it } from 'vitest';
import { byteSize, durationMs, parseByteSize, parseDurationMs } from '../../src/config/units.js';

describe('byteSize', () => {
  it.each([
    [1234, 1234],
    ['50MiB', 50 * 1024 ** 2],
    ['512 KiB', 512 * 1024],
    ['1.5MB', 1_500_000],
    [' 2gb ', 2e9],
    ['10b', 10],
  ])('reads %j as %d bytes', (input, bytes) => {
    expect(byteSize().parse(input)).toBe(bytes);
  });

  it.each(['', 'lots', '5 TB', '-1MB', '1e6'])('refuses %j with the expected form in the message', (input) => {
    const result = byteSize().safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/expected a size such as "50MiB"/);
  });

  it('applies bounds after the unit conversion', () => {
    expect(byteSize({ max: 1024 ** 2 }).safeParse('2MiB').error?.issues[0]?.message).toBe('expected a size of at most 1048576 bytes');
    expect(byteSize().safeParse(0).success).toBe(false);
    expect(byteSize({ min: 0 }).parse(0)).toBe(0);
    expect(byteSize().safeParse(1.5).success).toBe(false);
  });
});

describe('durationMs', () => {
  it.each([
    [250, 250],
    ['15s', 15_000],
    ['500ms', 500],
    ['2m', 120_000],
    ['1.5 s', 1500],
    ['1h', 3_600_000],
  ])('reads %j as %d ms', (input, ms) => {
    expect(durationMs().parse(input)).toBe(ms);
  });

  it('refuses unknown units and values outside the bounds', () => {
    expect(durationMs().safeParse('3 days').error?.issues[0]?.message).toMatch(/expected a duration such as "15s"/);
    expect(durationMs({ max: 600_000 }).safeParse('11m').error?.issues[0]?.message).toBe('expected a duration of at most 600000 ms');
    expect(durationMs({ min: 0 }).parse('0s')).toBe(0);
    expect(durationMs().safeParse('0s').success).toBe(false);
  });
});

describe('parse helpers', () => {
  it('return undefined for text that is not a size or duration', () => {
    expect(parseByteSize('12 apples')).toBeUndefined();
    expect(parseDurationMs('soon')).toBeUndefined();
    expect(parseByteSize('4KiB')).toBe(4096);
    expect(parseDurationMs('90s')).toBe(90_000);
  });
});
