import { Later, laterPart, useOpened } from './Later';

const AboutText = laterPart('AboutText');

interface AboutPanelProps {
  /** The TensorFlow.js backend in use, or '' before the model is ready. */
  readonly backend: string;
  readonly mac: boolean;
  /** The page has answered: the panel's text may come (`useAfterFirstAnswer`). */
  readonly afterFirstAnswer: boolean;
}

/**
 * How the page works and whose data taught it, behind one "About" button: useful to the
 * curious, out of everyone else's way. The backend's name (`data-testid="backend"`) lives here
 * too: tests and benchmarks read it, people rarely need it. It is always in the page; the text
 * around it comes after the first answer, or when the panel opens.
 */
export function AboutPanel({ backend, mac, afterFirstAnswer }: AboutPanelProps) {
  const [opened, onToggle] = useOpened();
  const backendLine = (
    <p className="about-backend">
      Running on TensorFlow.js backend: <span data-testid="backend">{backend}</span>
    </p>
  );
  return (
    <details className="about" onToggle={onToggle}>
      <summary>About</summary>
      <div className="about-panel">
        <Later wanted={afterFirstAnswer || opened} fallback={backendLine}>
          <AboutText mac={mac} backendLine={backendLine} />
        </Later>
      </div>
    </details>
  );
}
