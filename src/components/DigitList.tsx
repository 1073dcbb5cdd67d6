import { useRef, type KeyboardEvent } from 'react';
import { secondAnswer, type ReadingVerdict } from '../recognition/verdict';

interface DigitListProps {
  readonly verdicts: readonly ReadingVerdict[];
  /** The digit whose bars and preview are shown. */
  readonly shown: number;
  readonly onShow: (index: number) => void;
  /** Carries the contract's attributes only: out of sight, out of the tab order, not read out. */
  readonly hidden?: boolean;
}

/** Where an arrow key, Home or End moves the choice in a list of `count`; null for other keys. */
function movedTo(key: string, from: number, count: number): number | null {
  if (key === 'ArrowLeft' || key === 'ArrowUp') return Math.max(0, from - 1);
  if (key === 'ArrowRight' || key === 'ArrowDown') return Math.min(count - 1, from + 1);
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return null;
}

const percent = (probability: number) => `${Math.round(probability * 100)}%`;

/** What a digit's option says: its digit and how sure, or what it is not. */
function label(verdict: ReadingVerdict): string {
  if (verdict.kind === 'not-digit') return 'not a digit';
  if (verdict.kind === 'unsure') return `${verdict.digit} or ${secondAnswer(verdict)}, not sure`;
  return `${verdict.digit}, ${percent(verdict.belief)} sure`;
}

interface DigitOptionProps {
  readonly verdict: ReadingVerdict;
  readonly selected: boolean;
  /** None when the list only carries attributes: then it is no option at all. */
  readonly onChoose?: () => void;
}

function DigitOption({ verdict, selected, onChoose }: DigitOptionProps) {
  const option = onChoose !== undefined;
  return (
    <li
      className={`digit digit-${verdict.kind}`}
      data-digit={verdict.digit}
      data-confidence={verdict.confidence}
      data-verdict={verdict.kind}
      role={option ? 'option' : undefined}
      aria-selected={option ? selected : undefined}
      aria-label={option ? label(verdict) : undefined}
      tabIndex={option ? (selected ? 0 : -1) : undefined}
      onClick={onChoose}
    >
      <span className="digit-glyph">{verdict.kind === 'not-digit' ? '–' : verdict.digit}</span>
      <span className="digit-confidence">{verdict.kind === 'not-digit' ? '?' : percent(verdict.belief)}</span>
    </li>
  );
}

/**
 * The digits of a number, left to right, each with its own verdict; one of them chosen (tap,
 * click, or the arrow keys once the list has focus) to show its bars and its 28x28 preview.
 */
export function DigitList({ verdicts, shown, onShow, hidden = false }: DigitListProps) {
  const list = useRef<HTMLOListElement>(null);
  const choose = (index: number) => {
    onShow(index);
    // Focus follows the choice, as in any listbox.
    list.current?.querySelectorAll<HTMLElement>('[role="option"]')[index]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const next = movedTo(event.key, shown, verdicts.length);
    if (next === null) return;
    event.preventDefault();
    choose(next);
  };
  return (
    <ol
      ref={list}
      className={hidden ? 'digits visually-hidden' : 'digits'}
      data-testid="digits"
      aria-hidden={hidden || undefined}
      role={hidden ? undefined : 'listbox'}
      aria-label={hidden ? undefined : 'Digits read, left to right'}
      aria-orientation={hidden ? undefined : 'horizontal'}
      onKeyDown={hidden ? undefined : onKeyDown}
    >
      {verdicts.map((verdict, index) => (
        <DigitOption
          key={index}
          verdict={verdict}
          selected={index === shown}
          onChoose={hidden ? undefined : () => choose(index)}
        />
      ))}
    </ol>
  );
}
