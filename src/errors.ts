// The error hierarchy lives in model/ (the bottom layer), so the model loader can throw it without importing src/.
export { ConfigError, isScanError, ModelError, oneLine, ScanError } from '../model/errors.js';
