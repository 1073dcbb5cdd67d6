import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { App } from './App';
import { installDiagnostics } from './diagnostics';
import { startOrder } from './model/backendChoice';
import { preloadBackend } from './model/tfjsBackends';
import { createAppServices } from './services';
import './styles.css';

const services = createAppServices(window);
installDiagnostics(window, services.diagnostics);
// The first backend's code and the model download while React renders the page.
preloadBackend(startOrder(services.backends, services.firstAnswerOn)[0]);
services.prefetchModel();

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element to render into');
const app = (
  <StrictMode>
    <App services={services} />
  </StrictMode>
);
// A build holds the prerendered page (src/prerender.tsx): hydrating keeps it on screen and only
// attaches the handlers. The dev server serves an empty root.
if (root.firstElementChild !== null) hydrateRoot(root, app);
else createRoot(root).render(app);
