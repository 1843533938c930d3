import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.xml': 'application/xml',
  '.wasm': 'application/wasm',
  '.pf_meta': 'application/octet-stream',
};

/**
 * Serves a built site (default `dist/`) on loopback for benchmarks and tests, on a free port, gzip-compressed.
 * `base` is the sub-path the site was built for ('/llm-notes/'): paths outside it get the 404 page, as on a
 * real host. Returns `{ url, close }`. `astro preview` allows one server per project; benches may need several.
 */
export async function serveDist(root = 'dist', { base = '/' } = {}) {
  const server = createServer(async (req, res) => {
    try {
      const requested = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      if (!requested.startsWith(base)) throw new Error('outside the base');
      const path = `/${requested.slice(base.length)}`;
      let file = normalize(join(root, path));
      if (!file.startsWith(normalize(root))) throw new Error('outside root');
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      // Compress text as GitHub Pages and every CDN do, so page-load figures match what readers get.
      if (/gzip/.test(req.headers['accept-encoding'] ?? '') && /text|javascript|json|svg|xml/.test(type)) {
        res.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip' });
        res.end(gzipSync(body));
      } else {
        res.writeHead(200, { 'content-type': type });
        res.end(body);
      }
    } catch {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(await readFile(join(root, '404.html')).catch(() => 'not found'));
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) };
}
