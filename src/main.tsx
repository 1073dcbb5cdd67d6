import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { liveTensorCount } from './model/classifier';
import './styles.css';

declare global {
  interface Window {
    /** Read by browser tests from outside the bundle; tfjs itself stays private to the app. */
    __digitpad?: { numTensors(): number };
  }
}
window.__digitpad = { numTensors: liveTensorCount };

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element to render into');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
