import { defineConfig, type ProxyOptions } from 'vite';

// The Api the dev server forwards to (PLATFORM_API overrides it).
const target = (process.env.PLATFORM_API ?? 'http://127.0.0.1:5000').replace(/\/+$/, '');

// The Api refuses cookie-authenticated unsafe requests from a foreign Origin, so the proxy presents
// the request as coming from the Api's own origin. Server-Sent Events pass through unbuffered
// (http-proxy streams bodies; nothing here compresses or collects them).
const forward: ProxyOptions = {
  target,
  changeOrigin: true,
  configure: (proxy) => {
    proxy.on('proxyReq', (req) => {
      if (req.getHeader('origin')) req.setHeader('origin', target);
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
  server: { host: '127.0.0.1', port: 5173, strictPort: true, proxy },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, proxy },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    target: 'es2022',
    // hls.js (~580 kB, loaded only by the player) is the one large chunk.
    chunkSizeWarningLimit: 700,
  },
});
