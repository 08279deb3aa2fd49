import { createSignal, For, Show } from 'solid-js';
import { api, call, HttpError, NetworkError, type Cycle } from '../api';
import { queueSnapshot, watchedMetrics } from '../data';
import { CSV_TEMPLATE, type CsvProblem, type ParsedResults } from './results-csv-template';
import { toast } from '../ui';

// The parser (papaparse, the API's zod schema) loads when a file is picked: evaluating it cost the test screen ~100 ms
// of a throttled phone's main thread.
const parser = () => import('./results-csv');

const BATCH = 500; // the API's limit per request; each batch is atomic, and row ids make a retry safe
const SHOWN = 20;

/** Results from an ad platform or analytics export: checked row by row before anything is sent. */
export function ResultsImport(props: { cycle: Cycle; onSaved: () => void }) {
  const [parsed, setParsed] = createSignal<ParsedResults | null>(null);
  const [fileName, setFileName] = createSignal('');
  const [rejected, setRejected] = createSignal<CsvProblem[]>([]);
  const [progress, setProgress] = createSignal<string | null>(null);
  const problems = () => [...(parsed()?.problems ?? []), ...rejected()];
  const primaryId = () => (props.cycle.decisionRule as { primaryMetricId?: string } | null)?.primaryMetricId ?? null;

  const onFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setRejected([]);
    setFileName(file.name);
    const [{ parseResultsCsv }, text] = await Promise.all([parser(), file.text()]);
    setParsed(parseResultsCsv(text, props.cycle, watchedMetrics(props.cycle), primaryId()));
  };

  /** Offline (or the network drops mid-import): every row waits in the outbox with its id, like a typed result. */
  const queue = async (rows: ParsedResults['rows']) => {
    for (const row of rows) await queueSnapshot(props.cycle.id, row);
    toast(`${rows.length} results saved on this device — they sync when you are online`);
  };

  const send = async (ready: ParsedResults) => {
    const batches = Math.ceil(ready.rows.length / BATCH);
    for (let b = 0; b < batches; b++) {
      setProgress(`Importing… batch ${b + 1} of ${batches}`);
      await call(
        api.cycles[':id'].snapshots.$post({
          param: { id: props.cycle.id },
          json: { snapshots: ready.rows.slice(b * BATCH, (b + 1) * BATCH) },
        }),
      );
    }
    toast(`Imported ${ready.rows.length} results`);
  };

  const importAll = async () => {
    const ready = parsed();
    if (!ready || ready.problems.length || !ready.rows.length) return;
    try {
      if (navigator.onLine) await send(ready);
      else await queue(ready.rows);
      setParsed(null);
      props.onSaved();
    } catch (err) {
      if (err instanceof NetworkError) {
        await queue(ready.rows);
        setParsed(null);
      } else if (err instanceof HttpError) {
        const mapped = (await parser()).serverProblems(err.fields, ready.lines);
        setRejected(mapped.length ? mapped : [{ line: 0, column: '', message: err.message }]);
      } else throw err;
    } finally {
      setProgress(null);
    }
  };

  return (
    <section class="card-form stack" aria-label="Import results">
      <h2>Import results from CSV</h2>
      <p class="muted small">
        One row per date, variant and metric, with cumulative totals: <code>date, variant, metric, units</code>, plus
        <code> conversions</code>, <code>mean, sd</code> or <code>value_sum, value_sum_squares</code>,{' '}
        <code>spend</code>, <code>revenue</code> as the metric needs.
      </p>
      <details>
        <summary>Example</summary>
        <pre>{CSV_TEMPLATE}</pre>
      </details>
      <label>
        CSV file
        <input type="file" name="csv" accept=".csv,text/csv" onChange={(e) => void onFile(e.currentTarget)} />
      </label>
      <Show when={parsed()}>
        {(p) => (
          <>
            <p data-testid="csv-summary">
              {fileName()}: {p().rows.length} result{p().rows.length === 1 ? '' : 's'} ready
              {p().problems.length
                ? `, ${p().problems.length} problem${p().problems.length === 1 ? '' : 's'} to fix first`
                : ''}
              .
            </p>
            <Show when={problems().length > 0}>
              <ul class="error" role="alert" data-testid="csv-problems">
                <For each={problems().slice(0, SHOWN)}>
                  {(x) => (
                    <li>
                      {x.line ? `Line ${x.line}` : 'File'}
                      {x.column ? `, ${x.column}` : ''}: {x.message}
                    </li>
                  )}
                </For>
                <Show when={problems().length > SHOWN}>
                  <li>…and {problems().length - SHOWN} more</li>
                </Show>
              </ul>
            </Show>
            <button
              type="button"
              class="primary"
              disabled={!!progress() || p().problems.length > 0 || p().rows.length === 0}
              onClick={() => void importAll()}
            >
              {progress() ?? `Import ${p().rows.length} results`}
            </button>
          </>
        )}
      </Show>
    </section>
  );
}
