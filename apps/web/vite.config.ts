import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The production build is served by the API from apps/web/dist on the same origin, so the app
// only ever uses relative URLs; in development the dev server forwards them to the API
// (QUORUM_API_URL points it elsewhere, e.g. when `npm start` picked another port).
const API = process.env.QUORUM_API_URL || 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    proxy: {
      '/api': { target: API, changeOrigin: false },
      '/socket.io': { target: API, ws: true, changeOrigin: false },
    },
  },
});
