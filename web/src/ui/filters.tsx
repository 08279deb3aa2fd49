import { useSearchParams } from '@solidjs/router';
import { createSignal, For, type JSX, Show } from 'solid-js';

/**
 * List filters kept in the URL's query string, so a filtered backlog or learning log can be bookmarked and
 * shared. Each control reads and writes one query parameter; an empty value removes it.
 */
type Option = { value: string; label: string };

function useParam(name: string) {
  const [params, setParams] = useSearchParams<Record<string, string>>();
  return [() => params[name] ?? '', (value: string) => setParams({ [name]: value || undefined })] as const;
}

/**
 * Search stays in view; the other filters fold away on phones (they took half the screen before the first item),
 * behind a "Filters" button that says how many are active. From 700 px wide they are always shown (CSS).
 */
/** `names`: the query parameters its filters set (counted as active); `search: false` for lists without text search. */
export function FilterBar(props: { names: string[]; search?: boolean; children: JSX.Element }) {
  const [params] = useSearchParams<Record<string, string>>();
  const active = () => props.names.filter((n) => params[n]).length;
  const [open, setOpen] = createSignal(false);
  return (
    <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
      <Show when={props.search !== false}>
        <SearchFilter />
      </Show>
      <button
        type="button"
        class="filters-toggle"
        aria-expanded={open()}
        aria-controls="more-filters"
        data-testid="filters-toggle"
        onClick={() => setOpen(!open())}
      >
        Filters
        <Show when={active() > 0}>
          {' '}
          <span class="badge">{active()} active</span>
        </Show>
      </button>
      <div id="more-filters" class="more-filters" classList={{ open: open() }}>
        {props.children}
      </div>
    </form>
  );
}

export function SearchFilter() {
  const [value, set] = useParam('q');
  return (
    <label class="grow">
      <span class="sr-only">Search</span>
      <input type="search" name="q" placeholder="Search" value={value()} onInput={(e) => set(e.currentTarget.value)} />
    </label>
  );
}

export function SelectFilter(props: { label: string; name: string; options: Option[] }) {
  const [value, set] = useParam(props.name);
  return (
    <label>
      {props.label}
      <select name={props.name} value={value()} onChange={(e) => set(e.currentTarget.value)}>
        <option value="">All</option>
        <For each={props.options}>{(o) => <option value={o.value}>{o.label}</option>}</For>
      </select>
    </label>
  );
}

/** A free-text or date filter applied on change (not on every keystroke). */
export function InputFilter(props: { label: string; name: string; type?: 'text' | 'date' }) {
  const [value, set] = useParam(props.name);
  return (
    <label>
      {props.label}
      <input
        type={props.type ?? 'text'}
        name={props.name}
        value={value()}
        onChange={(e) => set(e.currentTarget.value)}
      />
    </label>
  );
}
