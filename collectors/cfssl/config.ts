import { z } from 'zod';
import { fileOptions } from '../../src/ca-config/config-files.js';

/** Configuration of the cfssl collector; defaults live here. */
export const CfsslConfig = z.object(fileOptions(['.json', '.conf', '.ini'])).strict();
/** Parsed cfssl configuration. */
export type CfsslConfig = z.infer<typeof CfsslConfig>;
