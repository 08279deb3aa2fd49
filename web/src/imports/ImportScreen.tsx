import { A, useNavigate, useParams, useSearchParams } from '@solidjs/router';
import { createMemo, createResource, createSignal, onMount, Show } from 'solid-js';
import {
  decodeBytes,
  type FeedMetric,
  feedOf,
  ImportError,
  MAX_FILE_BYTES,
  namesIn,
  PLATFORM_LABELS,
  type ParsedExport,
  parseExport,
  plan,
} from '../../../worker/imports';
import { api, call, can, HttpError, NetworkError } from '../api';
import { cycles, me, upsertCycle, watchedMetrics } from '../data';
import { ErrorBox, Loading, toast } from '../ui';
import { bytesOf, forgetSharedFile, rememberedMapping, rememberMapping, sharedFile, toBase64 } from './file';
import { DailyTable, MappingPicker, Problems, TotalsCards } from './parts';
import './imports.css';

type Loaded = { name: string; bytes: Uint8Array; parsed: ParsedExport };
const STEPS = ['Reading the file', 'Checking it on the server', 'Saving the results', 'Done'];

/** Results in from an ad platform's export: pick or share a file, map its names to variants, preview, import. */
export default function ImportScreen() {
  const params = useParams<{ id: string }>();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const [cycle] = createResource(
    () => params.id,
    async (id) => {
      try {
        const fresh = await call(api.cycles[':id'].$get({ param: { id } }));
        upsertCycle(fresh);
        return fresh;
      } catch (err) {
        const cached = cycles().find((c) => c.id === id);
        if (cached) return cached;
        throw err;
      }
    },
  );
  const [file, setFile] = createSignal<Loaded | null>(null);
  const [problems, setProblems] = createSignal<Record<string, string>>({});
  const [mapping, setMapping] = createSignal<Record<string, string>>(rememberedMapping(params.id));
  const [step, setStep] = createSignal(-1);

  const feedMetrics = createMemo<FeedMetric[]>(() => (cycle() ? watchedMetrics(cycle()!) : []));
  const keys = () => cycle()?.variants.map((v) => v.key) ?? [];
  const preview = createMemo(() => {
    const f = file();
    if (!f) return null;
    try {
      return { ok: true as const, ...plan(f.parsed, mapping(), keys(), feedMetrics()) };
    } catch (err) {
      if (err instanceof ImportError) return { ok: false as const, fields: err.fields };
      throw err;
    }
  });
  const planned = createMemo(() => {
    const p = preview();
    return p?.ok ? p : null;
  });
  const planProblems = () => {
    const p = preview();
    return p && !p.ok ? p.fields : {};
  };
  const currency = () => me()?.currency ?? 'EUR';
  const money = createMemo(() => new Intl.NumberFormat(undefined, { style: 'currency', currency: currency() }));

  const load = async (picked: File) => {
    setProblems({});
    setFile(null);
    if (picked.size > MAX_FILE_BYTES) {
      setProblems({ file: `${picked.name} is larger than 5 MB: export a shorter date range` });
      return;
    }
    setStep(0);
    try {
      const bytes = await bytesOf(picked);
      setFile({ name: picked.name, bytes, parsed: parseExport(decodeBytes(bytes)) });
    } catch (err) {
      if (err instanceof ImportError) setProblems(err.fields);
      else throw err;
    } finally {
      setStep(-1);
    }
  };

  onMount(async () => {
    if (search.shared !== '1') return;
    const shared = await sharedFile();
    if (shared) await load(shared);
  });

  const importNow = async () => {
    const f = file();
    if (!f) return;
    const body = { content: toBase64(f.bytes), encoding: 'base64' as const, variants: mapping() };
    try {
      setProblems({});
      setStep(1);
      await call(api.cycles[':id'].imports.$post({ param: { id: params.id }, json: { ...body, dryRun: true } }));
      setStep(2);
      const done = await call(
        api.cycles[':id'].imports.$post({ param: { id: params.id }, json: { ...body, dryRun: false } }),
      );
      setStep(3);
      rememberMapping(params.id, mapping());
      await forgetSharedFile();
      toast(
        `Imported from ${PLATFORM_LABELS[done.platform]}: ${done.created} new results, ${done.replaced} replaced` +
          (done.skipped.length ? `, ${done.skipped.length} rows skipped` : ''),
      );
      navigate(`/cycles/${params.id}`);
    } catch (err) {
      setStep(-1);
      if (err instanceof HttpError) setProblems(Object.keys(err.fields).length ? err.fields : { file: err.message });
      else if (err instanceof NetworkError) setProblems({ file: 'You are offline: import once you are back online' });
      else throw err;
    }
  };

  const fileCurrencyClash = () => {
    const c = file()?.parsed.currency;
    return c && c !== currency() ? c : null;
  };
  const mapped = () => Object.values(mapping()).filter(Boolean).length;

  return (
    <section class="stack imports">
      <p class="muted">
        <A href={`/cycles/${params.id}`}>← Back to the test</A>
      </p>
      <h1>Import from ad platform</h1>
      <Show
        when={cycle()}
        fallback={cycle.error ? <ErrorBox error={cycle.error} /> : <Loading label="Loading the test…" />}
      >
        {(c) => (
          <Show
            when={can(me(), 'member') && (c().status === 'running' || c().status === 'review')}
            fallback={
              <p class="empty">
                {can(me(), 'member')
                  ? 'Results can only be imported while the test is running or in review.'
                  : 'Only members and leads import results. Ask one of them, or read the results on the test.'}
              </p>
            }
          >
            <p class="muted small">
              <strong>{c().name}</strong>: a daily report from Google Ads, Microsoft Advertising, Meta, LinkedIn or
              TikTok (CSV, as downloaded), or Hadi's own results CSV. Amounts must be in {currency()}.
            </p>
            <label>
              Export file
              <input
                type="file"
                name="export"
                accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values"
                data-testid="import-file"
                onChange={(e) => {
                  const picked = e.currentTarget.files?.[0];
                  if (picked) void load(picked);
                }}
              />
            </label>
            <Problems fields={problems()} />
            <Show when={file()}>
              {(f) => (
                <>
                  <p data-testid="import-platform">
                    <strong>{PLATFORM_LABELS[f().parsed.platform]}</strong> export · {f().name} ·{' '}
                    {f().parsed.rows.length} daily rows
                    {f().parsed.ignored.length
                      ? ` (${f().parsed.ignored.length} totals or footer line${f().parsed.ignored.length === 1 ? '' : 's'} left out)`
                      : ''}
                    {f().parsed.currency ? ` · amounts in ${f().parsed.currency}` : ''}
                  </p>
                  <Show when={fileCurrencyClash()}>
                    {(other) => (
                      <p class="error" role="alert">
                        This file is in {other()} but the workspace reports in {currency()}: export the report in{' '}
                        {currency()}.
                      </p>
                    )}
                  </Show>
                  <Show when={f().parsed.kind === 'ads'}>
                    <MappingPicker
                      names={f().parsed.kind === 'ads' ? namesIn(f().parsed.rows as never) : []}
                      variants={c().variants}
                      mapping={mapping()}
                      onChange={setMapping}
                    />
                  </Show>
                  <p class="muted small">
                    Feeds{' '}
                    {feedMetrics()
                      .filter((m) => f().parsed.kind === 'hadi' || feedOf(m, f().parsed.amounts))
                      .map((m) => m.name)
                      .join(', ') || 'none of this test’s metrics'}
                    .
                  </p>
                  <Problems fields={planProblems()} />
                  <Show when={planned()}>
                    {(ok) => (
                      <>
                        <Show when={ok().skipped.length}>
                          <p class="muted small" data-testid="import-skipped">
                            {ok().skipped.length} rows belong to no variant and will be skipped
                            {mapped() ? '' : ': map at least one name above'}.
                          </p>
                        </Show>
                        <TotalsCards totals={ok().totals} variants={c().variants} money={money()} />
                        <DailyTable daily={ok().daily} variants={c().variants} money={money()} />
                        <Show when={step() >= 0}>
                          <div class="progress" role="status" data-testid="import-progress">
                            <progress max={STEPS.length - 1} value={step()} /> {STEPS[step()]}…
                          </div>
                        </Show>
                        <button
                          type="button"
                          class="primary"
                          data-testid="import-submit"
                          disabled={step() >= 0 || ok().points.length === 0 || !!fileCurrencyClash()}
                          onClick={() => void importNow()}
                        >
                          Import {ok().points.length} results
                        </button>
                      </>
                    )}
                  </Show>
                </>
              )}
            </Show>
          </Show>
        )}
      </Show>
    </section>
  );
}
