/**
 * The camera QR reader, loaded with a dynamic import() only when someone presses a scan button (it pulls in the
 * barcode-detector ponyfill and zxing's WebAssembly, far bigger than the pages that use it). Linux Chromium and
 * many tablets have no native BarcodeDetector; the ponyfill's .wasm is bundled with the app and served from our own
 * origin — never fetched from a CDN.
 */
import { BarcodeDetector, prepareZXingModule } from 'barcode-detector/ponyfill';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

let prepared = false;
function prepare() {
  if (prepared) return;
  prepared = true;
  prepareZXingModule({ overrides: { locateFile: (p: string, pre: string) => (p.endsWith('.wasm') ? wasmUrl : pre + p) } });
}

/**
 * Show the back camera in `video` and call `onCode` with the first QR read. Answers a stop function (also called
 * on its own after a read). Throws when there is no camera or permission is refused.
 */
export async function startScan(video: HTMLVideoElement, onCode: (text: string) => void): Promise<() => void> {
  prepare();
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  const detector = new BarcodeDetector({ formats: ['qr_code'] });
  let stopped = false;
  let timer = 0;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    window.clearTimeout(timer);
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  };
  video.srcObject = stream;
  video.setAttribute('playsinline', '');
  video.muted = true;
  await video.play();
  const tick = async () => {
    if (stopped) return;
    try {
      if (video.readyState >= 2) {
        const found = await detector.detect(video);
        const text = found.find((b) => b.rawValue)?.rawValue;
        if (text && !stopped) {
          stop();
          onCode(text);
          return;
        }
      }
    } catch {
      // a frame that cannot be read: try the next one
    }
    timer = window.setTimeout(tick, 200);
  };
  void tick();
  return stop;
}
