/**
 * When a drawing was saved, as a screen reader reads it beside the drawing ("2 December 2026,
 * 09:05"), in the page's language, English, and the device's time zone.
 *
 * Written by hand rather than with `toLocaleString` or `Intl.DateTimeFormat`: a page's first use
 * of either loads the locale's data, which took 40-54 ms in this machine's Chromium when it was
 * quiet and 66-225 ms beside a training run. It came on the first saved correction, as the history
 * drew its first item: the one main-thread task over 50 ms that the teaching test had seen between
 * a key press and adapted answers.
 */
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

const twoDigits = (value: number) => String(value).padStart(2, '0');

export function describeSavedAt(savedAt: number): string {
  const date = new Date(savedAt);
  if (Number.isNaN(date.getTime())) return 'at an unknown time';
  const day = `${date.getDate()} ${MONTHS[date.getMonth()]} ${date.getFullYear()}`;
  return `${day}, ${twoDigits(date.getHours())}:${twoDigits(date.getMinutes())}`;
}
