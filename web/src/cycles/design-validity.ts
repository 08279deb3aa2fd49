/**
 * Field problems in words. The browser's constraint checks (and the API's 400 `fields`) become a list naming each
 * field by its visible label, and the first one is scrolled to the middle of the screen, clear of the sticky header
 * (the browser's own bubble would point at a field hidden under it).
 */
export type Problem = { label: string; message: string; field: HTMLElement | null };
/** Inputs, selects and text areas share what is used here (name, labels, validity); typed as one. */
type Control = HTMLInputElement;

/** A control's label text without the text of the controls inside it (a select's options). */
export function labelOf(el: Control): string {
  const label = el.labels?.[0];
  if (!label) return el.getAttribute('aria-label') ?? el.getAttribute('name') ?? 'A field';
  const copy = label.cloneNode(true) as HTMLElement;
  for (const inner of copy.querySelectorAll<HTMLElement>('input, select, textarea, button')) inner.remove();
  return copy.textContent?.replace(/\s+/g, ' ').trim() || (el.getAttribute('name') ?? 'A field');
}

const isControl = (el: unknown) =>
  el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement;

/** Invalid controls of the form, or (given the API's field errors) the controls those paths name. */
export function fieldProblems(form: HTMLFormElement, serverFields?: Record<string, string>): Problem[] {
  const controls = ([...form.elements].filter(isControl) as Control[]).filter((el) => !el.disabled);
  if (serverFields) {
    return Object.entries(serverFields).map(([path, message]) => {
      const field = controls.find((el) => el.name && (path === el.name || path.endsWith(`.${el.name}`))) ?? null;
      return { label: field ? labelOf(field) : path, message, field };
    });
  }
  return controls
    .filter((el) => !el.validity.valid)
    .map((el) => ({ label: labelOf(el), message: el.validationMessage, field: el }));
}

export function showProblem(p: Problem) {
  if (!p.field) return;
  p.field.scrollIntoView({ block: 'center' });
  p.field.focus({ preventScroll: true });
}
