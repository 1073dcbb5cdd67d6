/** What the hint under the pad may assume about the person's device. */
export interface InputDevice {
  /** A mouse or trackpad is there, so a keyboard most likely is too: shortcuts are worth naming. */
  readonly keyboard: boolean;
  /** macOS or iOS, where the command key is Cmd, not Ctrl. */
  readonly mac: boolean;
}

/** The shortcuts as the device's keyboard labels them (the handler accepts both everywhere). */
export function shortcutNames(mac: boolean) {
  return mac
    ? { undo: 'Cmd+Z', redo: 'Cmd+Shift+Z', clear: 'Esc' }
    : { undo: 'Ctrl+Z', redo: 'Ctrl+Y', clear: 'Esc' };
}

/** The line under the pad: how to use it, in the words of the device in hand. */
export function padHint({ keyboard, mac }: InputDevice): string {
  if (!keyboard) return 'Draw a digit or a whole number, with a finger or a pen. Nothing leaves your device.';
  const keys = shortcutNames(mac);
  return `Draw a digit or a whole number. ${keys.undo} undoes, ${keys.redo} redoes, ${keys.clear} clears. Nothing leaves your device.`;
}

interface DeviceClues {
  matchMedia(query: string): { readonly matches: boolean };
  readonly navigator: { readonly platform: string; readonly userAgentData?: { readonly platform: string } };
}

/**
 * A phone has no pointer that hovers or is fine, so there is no keyboard worth mentioning; a
 * tablet with a trackpad has one. `navigator.platform` is deprecated but still the only clue in
 * Safari and Firefox; `userAgentData` is Chromium's replacement.
 * https://developer.mozilla.org/docs/Web/CSS/@media/any-pointer
 */
/** Before the device is known (the prerendered page): a keyboard, with Ctrl. */
export const DEFAULT_DEVICE: InputDevice = { keyboard: true, mac: false };

export function detectInputDevice(clues: DeviceClues): InputDevice {
  const platform = clues.navigator.userAgentData?.platform ?? clues.navigator.platform;
  return {
    keyboard: clues.matchMedia('(any-hover: hover), (any-pointer: fine)').matches,
    mac: /mac|iphone|ipad|ipod/i.test(platform),
  };
}
