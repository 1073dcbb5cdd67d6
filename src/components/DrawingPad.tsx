import { useLayoutEffect, useRef, type Dispatch } from 'react';
import { paintPad } from '../canvas/paintPad';
import { useDevicePixelRatio, useElementSize, usePrefersDark } from '../hooks/useDisplay';
import { usePointerStrokes } from '../hooks/usePointerStrokes';
import type { StrokeAction, StrokeHistory } from '../pad/strokeHistory';

interface DrawingPadProps {
  readonly history: StrokeHistory;
  readonly dispatch: Dispatch<StrokeAction>;
  /** Id of the text that explains how to use the pad. */
  readonly describedBy: string;
}

export function DrawingPad({ history, dispatch, describedBy }: DrawingPadProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const size = useElementSize(canvasRef);
  const pixelRatio = useDevicePixelRatio();
  const dark = usePrefersDark();
  const pointerHandlers = usePointerStrokes(dispatch);

  // A layout effect paints in the same frame as the pointer event that changed the strokes.
  useLayoutEffect(() => {
    if (canvasRef.current !== null) paintPad(canvasRef.current, history, size, pixelRatio);
  }, [history, size, pixelRatio, dark]);

  return (
    <canvas
      ref={canvasRef}
      className="pad"
      role="img"
      aria-label="Drawing pad"
      aria-describedby={describedBy}
      {...pointerHandlers}
    />
  );
}
