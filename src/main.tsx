import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { installDiagnostics } from './diagnostics';
import { preloadBackend } from './model/tfjsBackends';
import { createAppServices } from './services';
import './styles.css';

const services = createAppServices(window);
installDiagnostics(window, services.diagnostics);
// The first backend's code and the model catalog download while React renders the page.
preloadBackend(services.backends[0]);
services.models.catalog().catch(() => undefined); // a failure is shown when the model loads

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element to render into');
createRoot(root).render(
  <StrictMode>
    <App services={services} />
  </StrictMode>,
);
