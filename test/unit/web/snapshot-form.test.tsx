/**
 * The results form on a phone (happy-dom, fake IndexedDB, the real outbox): numbers typed while the previous
 * save is still being stored belong to the next save, and are not wiped when the first one finishes.
 */
import 'fake-indexeddb/auto';
import { render } from 'solid-js/web';
import { abTest as cycle, conversion } from './ab-test-fixture';
import { afterEach, expect, it } from 'vitest';
import { SnapshotForm } from '../../../web/src/cycles/SnapshotForm';
import { outbox, setMetrics } from '../../../web/src/data';

let dispose = () => {};
afterEach(() => dispose());

/** The results form of an A/B test on conversion rate, on the page. */
function mountForm(): HTMLFormElement {
  setMetrics([conversion]);
  const host = document.createElement('div');
  document.body.appendChild(host);
  dispose = render(() => <SnapshotForm cycle={cycle} onSaved={() => {}} />, host);
  return host.querySelector('form')!;
}

const type = (form: HTMLElement, name: string, value: string) => {
  const input = form.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
};

it('keeps numbers typed while the previous save is still being stored', async () => {
  const form = mountForm();
  type(form, 'control.units', '1000');
  type(form, 'treatment.units', '1000');
  form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  // The next numbers are typed at once, while the first save's writes to IndexedDB are still under way.
  type(form, 'control.units', '2000');
  await expect.poll(async () => (await outbox.list()).length).toBe(2);
  await new Promise((resolve) => setTimeout(resolve, 50)); // the first save's last steps
  expect((await outbox.list()).map((op) => op.body.units)).toEqual([1000, 1000]);
  expect(form.querySelector<HTMLInputElement>('input[name="control.units"]')!.value).toBe('2000');
});

it('keeps the inputs (and the focus in them) when a sync brings the metrics list again', async () => {
  const form = mountForm();
  const input = form.querySelector<HTMLInputElement>('input[name="control.conversions"]')!;
  input.focus();
  type(form, 'control.conversions', '52');
  setMetrics([{ ...conversion }]); // what refresh() does with an unchanged metric that came back as a new object
  expect(form.querySelector('input[name="control.conversions"]')).toBe(input);
  expect(document.activeElement).toBe(input);
  expect(input.value).toBe('52');
});
