// Builders for platform evidence in check and assessor tests.
import type { Evidence, PlatformData, PlatformLifecycle } from '../../../model/evidence.js';
import { NOW } from '../../helpers/evidence.js';

/** Overrides of one platform: data fields, plus lifecycle fields merged over a matched, supported cycle (`undefined` removes one). */
export type PlatformOverrides = Partial<Omit<PlatformData, 'lifecycle'>> & { readonly lifecycle?: { [K in keyof PlatformLifecycle]?: PlatformLifecycle[K] | undefined } };

/**
 * Builds platform evidence: a declared EJBCA 9.1 CA in a matched cycle that is current and supported until 2028,
 * unless overridden. Returns the evidence item.
 */
export function platformEvidence(overrides: PlatformOverrides = {}): Evidence<'platform'> {
  const { lifecycle, ...rest } = overrides;
  const data: PlatformData = {
    product: 'ejbca',
    version: '9.1.2',
    role: 'ca',
    source: { kind: 'declared', pointer: 'collectors.platform.declared[0]' },
    ...rest,
    lifecycle: Object.fromEntries(
      Object.entries({ status: 'matched', tableProduct: 'ejbca', tableSource: 'eol/ejbca.json', tableDate: NOW.toISOString(), cycle: '9.1', releaseDate: '2025-01-15', eol: '2028-01-15', latestCycle: '9.1', cyclesBehind: 0, ...lifecycle }).filter(([, v]) => v !== undefined),
    ) as unknown as PlatformLifecycle,
  };
  const target = `declared:${data.name ?? data.product}@${data.version}`;
  return { id: `platform:${target}`, kind: 'platform', collector: 'platform', target, observedAt: NOW.toISOString(), data };
}
