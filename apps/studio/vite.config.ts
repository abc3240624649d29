import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Relative base: the built studio works from any path, including file servers and sub-folders.
export default defineConfig({
  base: './',
  plugins: [react()],
  server: { host: '127.0.0.1', open: false },
  preview: { host: '127.0.0.1' },
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 2000 },
});
