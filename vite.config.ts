import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  build: { target: 'es2022', sourcemap: false },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  test: {
    environment: 'jsdom',
    include: ['test/unit/**/*.test.ts', 'test/component/**/*.test.tsx'],
    setupFiles: ['test/setup.ts'],
  },
});
