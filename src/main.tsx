import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { App } from './App';
import { installDiagnostics } from './diagnostics';
import { backendsFromQuery } from './model/backendChoice';
import { preloadBackend } from './model/tfjsBackends';
import './styles.css';

installDiagnostics(window);
// The first backend's code downloads while React renders the page.
preloadBackend(backendsFromQuery(window.location.search)[0]);

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element to render into');
const app = (
  <StrictMode>
    <App />
  </StrictMode>
);
// A build holds the prerendered page (src/prerender.tsx): hydrating keeps it on screen and only
// attaches the handlers. The dev server serves an empty root.
if (root.firstElementChild !== null) hydrateRoot(root, app);
else createRoot(root).render(app);
