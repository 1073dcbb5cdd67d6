import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { App } from './App';

/**
 * The app's first render as HTML, written into index.html at build time (build/prerenderPlugin.ts)
 * so the frame, the pad and the explanation show before any script has downloaded. The client
 * hydrates this markup (src/main.tsx); both render the same tree, so they cannot drift apart.
 */
export function renderApp(): string {
  return renderToString(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
