import { describe, expect, it } from 'vitest';
import { assertNoSecrets, collectSecretValues, isSecretKeyName, looksLikeSecretValue, redactCommand, redactText, SecretLeakError, stripSecrets } from '../../src/ca-config/secrets.js';

const PEM_KEY = '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ+abcdefabcdefabcdefabcdefabcdefabcdefabcd\n-----END PRIVATE KEY-----';

describe('isSecretKeyName', () => {
  it.each([
    ['token', true],
    ['apiToken', true],
    ['password', true],
    ['passwd', true],
    ['clientSecret', true],
    ['secret', true],
    ['key', true],
    ['tls.key', true],
    ['privateKey', true],
    ['encryptedKey', true],
    ['eab_hmac_key', true],
    ['eabKid', true],
    ['hmacKey', true],
    ['pin-value', true],
    ['challenge', true],
    ['challenges', false],
    ['keyType', false],
    ['key_type', false],
    ['rsa_key_size', false],
    ['reuse_key', false],
    ['keyUsages', false],
    ['keyID', false],
    ['privateKeySecretRef', false],
    ['tokenSecretRef', false],
    ['secretName', false],
    ['server', false],
    ['duration', false],
  ])('%s → %s', (name, secret) => {
    expect(isSecretKeyName(name)).toBe(secret);
  });
});

describe('looksLikeSecretValue', () => {
  it.each([
    [PEM_KEY, true],
    ['-----BEGIN EC PRIVATE KEY-----\nabc', true],
    ['hvs.CAESIJlWh0mYuCCn3kL0mX8Uw3u8l1', true],
    ['s.AbCdEfGhIjKlMnOpQrStUvWx', true],
    ['eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl', true],
    ['pkcs11:token=ca;object=key?pin-value=123456', true],
    ['-----BEGIN CERTIFICATE-----\nMIIB', false],
    ['https://acme-v02.api.letsencrypt.org/directory', false],
    ['2160h', false],
  ])('%j → %s', (text, secret) => {
    expect(looksLikeSecretValue(text)).toBe(secret);
  });
});

describe('collectSecretValues', () => {
  it('collects values under secret keys, Secret data and secret-looking strings, but not references or paths', () => {
    const doc = {
      kind: 'Secret',
      data: { 'tls.crt': 'LS0tLS1CRUdJTiBDRVJU', 'tls.key': Buffer.from(PEM_KEY).toString('base64'), secret: Buffer.from('my-eab-hmac-secret').toString('base64') },
    };
    const found = collectSecretValues(doc);
    expect(found.has(Buffer.from(PEM_KEY).toString('base64'))).toBe(true);
    expect(found.has('my-eab-hmac-secret')).toBe(true);
    expect(found.has('LS0tLS1CRUdJTiBDRVJU')).toBe(false);

    const config = {
      password: 'correct-horse-battery',
      key: '/home/step/secrets/intermediate_ca_key',
      privateKeySecretRef: { name: 'letsencrypt-account', key: 'tls.key' },
      provisioners: [{ encryptedKey: 'eyJhbGciOiJQQkVTMi1IUzI1NitBMTI4S1ciLCJlbmMiOiJBMTI4R0NNIn0.abc.def.ghi.jkl' }],
      note: 'uses hvs.CAESIJlWh0mYuCCn3kL0mX8Uw3u8l1 for auth',
    };
    const values = collectSecretValues(config);
    expect(values).toContain('correct-horse-battery');
    expect(values).toContain(config.provisioners[0]!.encryptedKey);
    expect(values).toContain(config.note);
    expect(values).not.toContain('/home/step/secrets/intermediate_ca_key');
    expect(values).not.toContain('tls.key');
    expect(values).not.toContain('letsencrypt-account');
  });
});

describe('redactText and stripSecrets', () => {
  it('scrubs known values and secret-looking substrings', () => {
    expect(redactText('login with hunter2hunter2 then hvs.CAESIJlWh0mYuCCn3kL0mX8Uw3u8l1', ['hunter2hunter2'])).toBe('login with [redacted] then [redacted]');
  });

  it('drops secret-named string fields and scrubs every string of a structure', () => {
    const data = { name: 'x', token: 'abc', details: { hook: 'curl -H "X: hunter2hunter2"', keyType: 'ecdsa' }, list: [PEM_KEY] };
    expect(stripSecrets(data, ['hunter2hunter2'])).toEqual({ name: 'x', details: { hook: 'curl -H "X: [redacted]"', keyType: 'ecdsa' }, list: ['[redacted]'] });
  });
});

describe('assertNoSecrets', () => {
  it('passes clean data and names only the length and offset of a leaked value', () => {
    expect(() => assertNoSecrets({ a: 'fine' }, ['hunter2hunter2'])).not.toThrow();
    expect(() => assertNoSecrets({ a: 'xx hunter2hunter2' }, ['hunter2hunter2'])).toThrow(new SecretLeakError('a 14-character secret value appears at offset 9'));
    expect(() => assertNoSecrets({ a: PEM_KEY })).toThrow(SecretLeakError);
  });
});

describe('redactCommand', () => {
  it.each([
    ['/usr/local/bin/notify --token=abc123def', '/usr/local/bin/notify --token=[redacted]'],
    ['/opt/hooks/auth.sh --api-key fixture-key-1', '/opt/hooks/auth.sh --api-key [redacted]'],
    ['API_TOKEN=xyz ./run.sh && systemctl reload nginx', 'API_TOKEN=[redacted] ./run.sh && systemctl reload nginx'],
    ['curl -H "Authorization: Bearer abc.def" https://x', 'curl -H "Authorization: Bearer [redacted]" https://x'],
    ['curl -u deploy:s3cr3t https://x', 'curl -u deploy:[redacted] https://x'],
    ['curl https://deploy:s3cr3t@hooks.example/x', 'curl https://deploy:[redacted]@hooks.example/x'],
    ['echo "password: hunter2"', 'echo "password: [redacted]"'],
    ['systemctl reload nginx', 'systemctl reload nginx'],
  ])('%s', (command, expected) => {
    expect(redactCommand(command)).toBe(expected);
  });
});
