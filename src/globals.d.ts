declare global {
  /** Decoded size of each WASM binary, by file name: set by vite.config.ts from the installed package. */
  const __WASM_BINARY_BYTES__: Readonly<Record<string, number>>;
}

export {};
