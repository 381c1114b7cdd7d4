import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import solid from 'vite-plugin-solid';

/** Files that shrink when compressed (not images or fonts, which are compressed already). */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|wasm|txt|map)$/;

/**
 * After the build, a brotli (`.br`) and a gzip (`.gz`) copy beside every compressible file of 1 KB or
 * more, kept only when smaller: the server sends the one the client takes (server/lib/compress.ts), with no work per
 * request. Node's own zlib does both.
 */
function precompress(): Plugin {
  return {
    name: 'minsheng-precompress',
    apply: 'build',
    writeBundle(options) {
      const walk = (dir: string) => {
        for (const e of readdirSync(dir, { withFileTypes: true })) {
          const p = join(dir, e.name);
          if (e.isDirectory()) {
            if (e.name !== '.vite') walk(p);
            continue;
          }
          if (!COMPRESSIBLE.test(e.name) || statSync(p).size < 1024) continue;
          const raw = readFileSync(p);
          // Best quality up to 512 KB; above (the 1 MB QR reader's wasm) 9: 0.4 s instead of 12 s, 12 % larger.
          const quality = raw.length <= 512 * 1024 ? 11 : 9;
          const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } });
          const gz = gzipSync(raw, { level: 9 });
          if (br.length < raw.length) writeFileSync(`${p}.br`, br);
          if (gz.length < raw.length) writeFileSync(`${p}.gz`, gz);
        }
      };
      walk(options.dir!);
    },
  };
}

// The web app lives in web/, builds to dist/web, and is served by the Hono server on the same origin.
export default defineConfig({
  root: resolve(import.meta.dirname, 'web'),
  plugins: [solid(), precompress()],
  build: {
    outDir: resolve(import.meta.dirname, 'dist/web'),
    emptyOutDir: true,
    // The bench reads it to size the tablet ballot page's JavaScript.
    manifest: true,
    target: 'es2022',
    rolldownOptions: {
      input: { main: resolve(import.meta.dirname, 'web/index.html') },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:8787', '/.well-known': 'http://localhost:8787' },
  },
});
