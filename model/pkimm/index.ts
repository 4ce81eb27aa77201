// Public API of the PKIMM model layer: types, builtin structure, version map, model loader and extensions.
export * from './types.js';
export * from './structure.js';
export * from './version-map.js';
export * from './model-schema.js';
export * from './pins.js';
export * from './load-model.js';
export * from './extension.js';
