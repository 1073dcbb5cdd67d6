import { lazy, Suspense, useState, type ReactNode, type SyntheticEvent } from 'react';

/**
 * What the panels show that the first answer does not need, in the later chunk (`src/later.ts`):
 * fetched after the first answer, or as soon as a person opens a panel before it.
 */
const laterChunk = () => import('../later');
type LaterParts = Pick<
  Awaited<ReturnType<typeof laterChunk>>,
  'AboutText' | 'ExploreSections' | 'HistoryItems' | 'HistoryTools' | 'ScoreDetails'
>;

/** One component of the later chunk, loaded on first render. */
export function laterPart<K extends keyof LaterParts>(name: K) {
  return lazy(() => laterChunk().then((parts) => ({ default: parts[name] })));
}

interface LaterProps {
  /** Render the later parts now: the page has answered, or the panel is open. */
  readonly wanted: boolean;
  /** What shows before they are wanted and while their chunk downloads. */
  readonly fallback?: ReactNode;
  readonly children: ReactNode;
}

/**
 * Later parts, once wanted. Neither the prerendered page nor the first render holds them, so
 * hydration matches; a closed panel hides them, so their arrival moves nothing on screen.
 */
export function Later({ wanted, fallback = null, children }: LaterProps) {
  if (!wanted) return fallback;
  return <Suspense fallback={fallback}>{children}</Suspense>;
}

/** Whether a `details` has ever been opened, and the `onToggle` that tells it. */
export function useOpened(): [boolean, (event: SyntheticEvent<HTMLDetailsElement>) => void] {
  const [opened, setOpened] = useState(false);
  return [
    opened,
    (event) => {
      if (event.currentTarget.open) setOpened(true);
    },
  ];
}
