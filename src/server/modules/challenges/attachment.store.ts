import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Content-addressed file store under the data folder: a file lives at
 * challenge-files/<first two hex>/<sha-256>, written once (temp file + rename, so a reader never
 * sees half a file) and shared by every row that names the same bytes.
 */
export function createAttachmentStore(dataDir: string) {
  const root = join(dataDir, 'challenge-files');
  const pathOf = (sha256: string) => join(root, sha256.slice(0, 2), sha256);
  return {
    async put(bytes: Buffer): Promise<string> {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const path = pathOf(sha256);
      if (!existsSync(path)) {
        await mkdir(join(root, sha256.slice(0, 2)), { recursive: true });
        const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
        await writeFile(tmp, bytes);
        await rename(tmp, path);
      }
      return sha256;
    },
    get: (sha256: string) => readFile(pathOf(sha256)),
    has: (sha256: string) => existsSync(pathOf(sha256)),
  };
}
export type AttachmentStore = ReturnType<typeof createAttachmentStore>;
