import { defineConfig, type ProxyOptions } from 'vite';

// The Api the dev server forwards to (PLATFORM_API overrides it).
const target = (process.env.PLATFORM_API ?? 'http://127.0.0.1:5000').replace(/\/+$/, '');
const targetOrigin = new URL(target).origin;

const DEV_PORT = 5173;
const PREVIEW_PORT = 4173;
// The pages this server (and the preview) serves itself: their requests are the app's own.
const ownOrigins = new Set(
  [DEV_PORT, PREVIEW_PORT].flatMap((port) => [`http://127.0.0.1:${port}`, `http://localhost:${port}`]),
);

// The Api refuses cookie-authenticated unsafe requests from a foreign Origin, so the proxy presents
// the app's own requests as coming from the Api's origin. Any other Origin passes as it came: a
// foreign page posting through the proxy must still meet the Api's cross-site guard. Server-Sent
// Events pass through unbuffered (http-proxy streams bodies; nothing here compresses or collects them).
const forward: ProxyOptions = {
  target,
  changeOrigin: true,
  configure: (proxy) => {
    proxy.on('proxyReq', (req) => {
      const origin = req.getHeader('origin');
      if (typeof origin === 'string' && ownOrigins.has(origin)) req.setHeader('origin', targetOrigin);
    });
    proxy.on('proxyRes', (res) => {
      if (String(res.headers['content-type'] ?? '').startsWith('text/event-stream')) {
        res.headers['cache-control'] = 'no-cache, no-transform';
        res.headers['x-accel-buffering'] = 'no';
      }
    });
  },
};

const proxy = { '/api': forward, '/verify-email': forward, '/reset-password': forward };

export default defineConfig({
  server: { host: '127.0.0.1', port: DEV_PORT, strictPort: true, proxy },
  preview: { host: '127.0.0.1', port: PREVIEW_PORT, strictPort: true, proxy },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    target: 'es2022',
    // hls.js (~580 kB, loaded only by the player) is the one large chunk.
    chunkSizeWarningLimit: 700,
  },
});
