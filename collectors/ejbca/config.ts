import { z } from 'zod';
import { fileOptions } from '../../src/ca-config/config-files.js';

/** Configuration of the ejbca collector; defaults live here. A profile export is 10-20 kB; the XML parser reads about 1 MB/s. */
export const EjbcaConfig = z.object(fileOptions(['.xml'], 1_000_000)).strict();
/** Parsed ejbca configuration. */
export type EjbcaConfig = z.infer<typeof EjbcaConfig>;
