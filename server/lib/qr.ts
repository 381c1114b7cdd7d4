/**
 * QR codes as SVG for printed sheets (ballot cards, evaluation slips). Rendering a card's QR (version 11) costs a few
 * milliseconds of CPU, so a sheet of thousands is spread over worker threads, one per core, and the mask pattern is
 * fixed (any of the eight masks is valid; choosing the best costs eight renderings).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import QRCode from 'qrcode';

const OPTIONS = { type: 'svg', errorCorrectionLevel: 'M', margin: 1, maskPattern: 2 } as const;
const workerUrl = new URL('./qr-worker.mjs', import.meta.url);

/** One byte segment (see qr-worker.mjs). */
export const qrSvg = (text: string) => QRCode.toString([{ data: Buffer.from(text), mode: 'byte' }], OPTIONS);

let workers: Worker[] | null = null;
let seq = 0;
const waiting = new Map<number, { resolve: (s: string[]) => void; reject: (e: Error) => void }>();

function pool(): Worker[] {
  if (!workers) {
    const n = Math.max(1, Math.min(4, availableParallelism()));
    workers = Array.from({ length: n }, () => {
      const w = new Worker(workerUrl);
      w.unref(); // never keeps the process alive
      w.on('message', (m: { id: number; svgs?: string[]; error?: string }) => {
        const p = waiting.get(m.id);
        waiting.delete(m.id);
        if (m.svgs) p?.resolve(m.svgs);
        else p?.reject(new Error(m.error));
      });
      w.on('error', () => {
        workers = null; // a broken pool is rebuilt at the next sheet
      });
      return w;
    });
  }
  return workers;
}

/** Many QR codes at once, in order; small sheets are rendered inline. */
export async function qrSvgs(texts: string[]): Promise<string[]> {
  if (texts.length < 64) return Promise.all(texts.map(qrSvg));
  let ws: Worker[];
  try {
    ws = pool();
  } catch {
    return Promise.all(texts.map(qrSvg));
  }
  const size = Math.ceil(texts.length / ws.length);
  const parts = await Promise.all(
    ws.map(
      (w, i) =>
        new Promise<string[]>((resolve, reject) => {
          const id = ++seq;
          waiting.set(id, { resolve, reject });
          w.postMessage({ id, texts: texts.slice(i * size, (i + 1) * size) });
        }),
    ),
  );
  return parts.flat();
}
