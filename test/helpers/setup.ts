import 'reflect-metadata';
import { installCrypto } from '../../src/pki/crypto.js';

installCrypto();
