import { describe, expect, it } from 'vitest';
import assessor from '../../../rules/05-cryptography/assess-approved-protocols.js';
import { tlsEndpointEvidence } from '../../helpers/evidence.js';
import { assessWith, kinds } from '../assess-helpers.js';

const endpoints = (n: number, overrides: Parameters<typeof tlsEndpointEvidence>[0] = {}) => Array.from({ length: n }, (_, i) => tlsEndpointEvidence({ host: `h${i}.example.test`, ...overrides }));
const legacy = (host: string) => tlsEndpointEvidence({ host, protocolVersions: { TLSv1: { outcome: 'accepted' } } });

describe(assessor.id, () => {
  it('is insufficient without endpoints or handshakes', () => {
    expect(kinds(assessWith(assessor, []))).toEqual(['insufficient']);
    expect(kinds(assessWith(assessor, endpoints(1, { protocol: undefined, cipher: undefined })))).toEqual(['insufficient']);
  });

  it('supports 4 when every endpoint conforms', () => {
    expect(kinds(assessWith(assessor, endpoints(5)))).toEqual(['support 4']);
  });

  it('caps at 2 when more than 5 % accept legacy versions', () => {
    expect(kinds(assessWith(assessor, [...endpoints(8), legacy('old1'), legacy('old2')]))).toEqual(['cap 2']);
  });

  it('caps at 3 for a single legacy endpoint among many, and supports 3 with ≥ 95 % conforming', () => {
    expect(kinds(assessWith(assessor, [...endpoints(39), legacy('old')]))).toEqual(['cap 3', 'support 3']);
  });
});
