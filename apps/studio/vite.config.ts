import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

// `npm start` opens a browser tab where there is a desktop to open it on; headless machines and
// CI just get the URL printed.
const hasDesktop = !process.env.CI && (process.platform === 'darwin' || process.platform === 'win32' || !!process.env.DISPLAY || !!process.env.WAYLAND_DISPLAY);

// Relative base: the built studio works from any path, including file servers and sub-folders.
export default defineConfig({
  base: './',
  plugins: [react()],
  // @stepwise/engine from its TypeScript source (the package's "@stepwise/source" export
  // condition): the studio is built with the engine, never against a separate build of it.
  resolve: { conditions: ['@stepwise/source', ...defaultClientConditions] },
  server: { host: '127.0.0.1', open: hasDesktop },
  preview: { host: '127.0.0.1' },
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 2000 },
});
