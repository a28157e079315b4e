#!/usr/bin/env node
// A small static file server for the playground and the browser tests,
// on node:http (no framework). Serves what the playground needs from the
// repository (PLAYGROUND), never a file under a dotfile (.git), with the
// right MIME types for .wasm and .mjs, and a Content-Security-Policy that
// allows compiling wasm ('wasm-unsafe-eval') but no eval of JavaScript.
//   node web/serve.mjs            # http://127.0.0.1:8080/  (PORT, HOST override)
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
};

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; " +
  "style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; " +
  "base-uri 'none'; frame-ancestors 'none'";

const repo = fileURLToPath(new URL('..', import.meta.url));

// What the playground needs from the repository: its page, the web build,
// the demos' sources (its code panes), and package.json (which the
// readfile demo reads). A folder's entry ends in '/'.
export const PLAYGROUND = ['/web/', '/build/web/', '/demos/', '/package.json'];

const allowed = (path, allow) => allow === null ||
  allow.some((entry) => (entry.endsWith('/') ? `${path}/`.startsWith(entry) : path === entry));

// Starts the server; resolves with { server, url } once it listens. It
// serves root's files; `allow` (paths from root, as PLAYGROUND) limits
// them, null for all: the repository is served as PLAYGROUND says unless
// told otherwise, another root whole.
export function startServer({
  root = repo, host = '127.0.0.1', port = 8080, index = '/web/', allow = root === repo ? PLAYGROUND : null,
} = {}) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    const headers = { 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff' };
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400, headers).end('bad request\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end('method not allowed\n');
      return;
    }
    if (path === '/') {
      res.writeHead(302, { ...headers, Location: index }).end();
      return;
    }
    const notFound = () => res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' })
      .end(`not found: ${path}\n`);
    let file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) {
      res.writeHead(403, headers).end('forbidden\n');
      return;
    }
    // nothing under a dotfile (.git, .env), nothing the page does not need
    if (path.split('/').some((part) => part.startsWith('.')) || !allowed(path, allow)) {
      notFound();
      return;
    }
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        if (!path.endsWith('/')) {
          // /web is /web/: the page's relative URLs need the slash
          const { search } = new URL(req.url, 'http://x');
          res.writeHead(301, { ...headers, Location: `${encodeURI(path)}/${search}` }).end();
          return;
        }
        file = join(file, 'index.html');
        info = await stat(file);
      }
      res.writeHead(200, {
        ...headers,
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Length': info.size,
        'Cache-Control': 'no-cache',
      });
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
    } catch {
      notFound();
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      resolve({ server, url: `http://${host}:${actual}` });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 8080);
  const host = process.env.HOST ?? '127.0.0.1';
  const { url } = await startServer({ host, port });
  console.log(`wasio: serving ${repo} at ${url}/`);
}
