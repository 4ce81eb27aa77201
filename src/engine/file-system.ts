import { open, readdir, realpath, stat } from 'node:fs/promises';
import type { FileSystem } from './collector-context.js';
import { CollectError } from './define-collector.js';

/** Maps a Node file-system error to a CollectError with a problem code and a one-line message. */
function toCollectError(error: unknown, path: string): CollectError {
  if (error instanceof CollectError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new CollectError('not-found', `${path}: no such file or directory`, { cause: error });
    case 'EACCES':
    case 'EPERM':
      return new CollectError('permission', `${path}: permission denied`, { cause: error });
    case 'ELOOP':
      return new CollectError('other', `${path}: too many levels of symbolic links`, { cause: error });
    case 'EISDIR':
      return new CollectError('other', `${path}: is a directory`, { cause: error });
    default:
      return new CollectError('other', `${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** The real, read-only file system; `stat` also reports permission bits as `mode`. Every method throws CollectError ('not-found', 'permission', 'too-large', 'other'). */
export const nodeFileSystem: FileSystem = {
  async readFile(path, maxBytes) {
    let handle;
    try {
      handle = await open(path, 'r');
    } catch (error) {
      throw toCollectError(error, path);
    }
    try {
      const info = await handle.stat();
      if (!info.isFile()) throw new CollectError('other', `${path}: not a regular file`);
      if (info.size > maxBytes) throw new CollectError('too-large', `${path}: ${info.size} bytes exceeds the limit of ${maxBytes}`);
      // Read at most maxBytes + 1 so a file that grows after stat is still caught.
      const buf = new Uint8Array(Math.min(info.size, maxBytes) + 1);
      let filled = 0;
      for (;;) {
        const { bytesRead } = await handle.read(buf, filled, buf.length - filled, null);
        if (bytesRead === 0) break;
        filled += bytesRead;
        if (filled === buf.length) break;
      }
      if (filled > maxBytes) throw new CollectError('too-large', `${path}: exceeds the limit of ${maxBytes} bytes`);
      return buf.subarray(0, filled);
    } catch (error) {
      throw toCollectError(error, path);
    } finally {
      await handle.close();
    }
  },

  async stat(path) {
    try {
      const info = await stat(path);
      // `mode` (permission bits) goes beyond the FileSystem contract; collectors read it when present ('mode' in result).
      const result = { isFile: info.isFile(), isDirectory: info.isDirectory(), size: info.size, mode: info.mode & 0o7777 };
      return result;
    } catch (error) {
      throw toCollectError(error, path);
    }
  },

  async readDir(path) {
    try {
      const entries = await readdir(path, { withFileTypes: true });
      return entries.map((e) => ({ name: e.name, isFile: e.isFile(), isDirectory: e.isDirectory(), isSymbolicLink: e.isSymbolicLink() }));
    } catch (error) {
      throw toCollectError(error, path);
    }
  },

  async realPath(path) {
    try {
      return await realpath(path);
    } catch (error) {
      throw toCollectError(error, path);
    }
  },
};
