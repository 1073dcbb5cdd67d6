import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
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
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
