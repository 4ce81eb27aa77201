import 'reflect-metadata';
import { installCrypto } from '../pki/crypto.js';
import { main } from './main.js';

installCrypto();
process.exitCode = await main(process.argv);
