// Pinned official model files: raw URLs at fixed commits of github.com/pkic/pkimm and the SHA-256 of each file's
// bytes. `pkimm model pull` downloads only these, and a cached file is used only when its hash equals the pin.
//
// The hashes are those of the official files in ../shared/pkimm/model (2026-05 snapshot). Checked against the
// upstream text as stored by the code index used during development (no network on the build machine):
// - 1.1.0 @ 060be60: same length (165,239 characters) and identical text at the checked offsets — matches.
// - 1.0.0 @ 060be60: the commit that prepared 1.1.0 also added `schemaVersion` to the 1.0.0 file; same length
//   (154,868 characters) and the same text as the official file — matches. (At 687b5de it lacked that line.)
// - 2.0.0 @ a97bdb5: the draft moves; the upstream file at this commit is 133,336 characters against 132,870 for
//   the draft this tool was built against, so `model pull 2.0.0` reports a hash mismatch until the pin is moved to
//   the matching commit. Load the draft with `--model path/to/pkimm-model-2.0.0-draft.yaml` meanwhile.
// A mismatch is reported as a ModelError and nothing is written to the cache.

/** One pinned official model file. */
export interface ModelPin {
  readonly version: string;
  readonly url: string;
  /** Lowercase hex SHA-256 of the file's bytes. */
  readonly sha256: string;
  /** Repository commit the URL points at. */
  readonly commit: string;
}

const RAW = 'https://raw.githubusercontent.com/pkic/pkimm';

/** Pinned official model files by model version ("1.0.0", "1.1.0", "2.0.0"). */
export const MODEL_PINS: Readonly<Record<string, ModelPin>> = {
  '1.0.0': {
    version: '1.0.0',
    commit: '060be60bf6ad16a0d6fcb967ef6d06e29771bf3f',
    url: `${RAW}/060be60bf6ad16a0d6fcb967ef6d06e29771bf3f/data/pkimm-model-1.0.0.yaml`,
    sha256: '2409c5c7ea344e597a7c713a42276e8559c2cf66f8e68c9b0bd34456f4c6bc60',
  },
  '1.1.0': {
    version: '1.1.0',
    commit: '060be60bf6ad16a0d6fcb967ef6d06e29771bf3f',
    url: `${RAW}/060be60bf6ad16a0d6fcb967ef6d06e29771bf3f/data/pkimm-model-1.1.0.yaml`,
    sha256: '6687d1f80242244035551b92e938b80df00fe567e491f44b214bf3c5ee122bc0',
  },
  '2.0.0': {
    version: '2.0.0',
    commit: 'a97bdb5bf3c5e6c72ba61cfa04d47c42cdddd40c',
    url: `${RAW}/a97bdb5bf3c5e6c72ba61cfa04d47c42cdddd40c/data/pkimm-model-2.0.0.yaml`,
    sha256: 'e794aadbe845452a3985c640d6a8b49f098da8f957aae1066f37669ec02fb511',
  },
};
