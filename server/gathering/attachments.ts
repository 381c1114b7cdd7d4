import { createHash } from 'node:crypto';
import { AppError } from '../lib/errors.ts';

export const ATTACHMENT_LIMITS = { maxFiles: 5, maxBytes: 5 * 1024 * 1024, label: '5 MB' };

/** The type is judged by the file's first bytes, not by its name or the browser's word. */
function sniff(b: Uint8Array): string | null {
  const at = (i: number, ...xs: number[]) => xs.every((x, j) => b[i + j] === x);
  if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'image/webp';
  if (at(0, 0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  return null;
}

export type CheckedFile = { filename: string; mime: string; size: number; sha256: string; bytes: Uint8Array };

export async function checkFiles(files: File[]): Promise<CheckedFile[]> {
  if (files.length > ATTACHMENT_LIMITS.maxFiles) throw new AppError('too_many_attachments', { max: ATTACHMENT_LIMITS.maxFiles });
  const out: CheckedFile[] = [];
  for (const f of files) {
    const filename = (f.name.split(/[\\/]/).pop() || 'file').replace(/[\u0000-\u001f"]/g, '').slice(0, 100) || 'file';
    if (f.size === 0) throw new AppError('attachment_empty', { name: filename });
    if (f.size > ATTACHMENT_LIMITS.maxBytes) throw new AppError('attachment_too_large', { name: filename, limit: ATTACHMENT_LIMITS.label });
    const bytes = new Uint8Array(await f.arrayBuffer());
    const mime = sniff(bytes);
    if (!mime) throw new AppError('attachment_type', { name: filename });
    out.push({ filename, mime, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), bytes });
  }
  return out;
}
