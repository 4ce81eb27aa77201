import { webcrypto } from 'node:crypto';
import { cryptoProvider } from '@peculiar/x509';

/** Sets the WebCrypto provider @peculiar/x509 uses. Call once from entry points (CLI bin, test setup). */
export function installCrypto(): void {
  cryptoProvider.set(webcrypto as unknown as Parameters<typeof cryptoProvider.set>[0]);
}
