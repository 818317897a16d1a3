// Builds the console into dist/, served by `patron serve` at `/`; `npm run dev -w @patron/web` proxies the API.
import react from "@vitejs/plugin-react";
import { defaultClientConditions, defineConfig } from "vite";

export default defineConfig({
  plugins: [react()],
  // The SDK is bundled from its sources (its `source` export condition), not from a built dist/.
  resolve: { conditions: ["source", ...defaultClientConditions] },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // The page's policy allows no inline script, so no inline preload helper either.
    modulePreload: { polyfill: false },
    target: "es2022",
  },
  server: {
    proxy: { "/v1": "http://127.0.0.1:3000" },
  },
});
