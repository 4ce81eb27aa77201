import { z } from 'zod';
import { fileOptions } from '../../src/ca-config/config-files.js';

/** Configuration of the adcs collector; defaults live here. */
export const AdcsConfig = z.object(fileOptions(['.json', '.txt', '.log'])).strict();
/** Parsed adcs configuration. */
export type AdcsConfig = z.infer<typeof AdcsConfig>;
