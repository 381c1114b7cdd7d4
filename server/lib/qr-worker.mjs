// Renders QR codes as SVG off the main thread (plain JS so that it runs in any runner without a TypeScript loader).
// One byte segment: the library's search for the best mix of modes (a shortest-path over the text) cost more than
// drawing the code, and for a URL with a base64url token it finds byte mode anyway.
import { parentPort } from 'node:worker_threads';
import QRCode from 'qrcode';

parentPort.on('message', async ({ id, texts }) => {
  try {
    const svgs = [];
    for (const t of texts) svgs.push(await QRCode.toString([{ data: Buffer.from(t), mode: 'byte' }], { type: 'svg', errorCorrectionLevel: 'M', margin: 1, maskPattern: 2 }));
    parentPort.postMessage({ id, svgs });
  } catch (e) {
    parentPort.postMessage({ id, error: String(e) });
  }
});
