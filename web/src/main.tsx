import { A, Route, Router, type RouteSectionProps } from '@solidjs/router';
import { createEffect, createSignal, lazy, Match, onMount, Show, Switch } from 'solid-js';
import { render } from 'solid-js/web';
import { useRegisterSW } from 'virtual:pwa-register/solid';
import { boot, checkSession, me, online, ops, startFromDevice, syncing, sync } from './data';
import { startTestScreenReads } from './cycles/reads';
import { whenIdle } from './early';
import { Backlog } from './hypotheses/Backlog';
import { AcceptInvite, SignIn } from './auth/SignIn';
import { InboxLink } from './inbox/InboxLink';
import { Loading, toast, Toasts } from './ui';
import './styles.css';

// Only the first screens (backlog, sign-in) are in the first chunk: less script to evaluate at boot on a phone. The
// service worker precaches every chunk, so the others still open offline.
const HypothesisForm = lazy(() => import('./hypotheses/HypothesisForm').then((m) => ({ default: m.HypothesisForm })));
const CycleList = lazy(() => import('./cycles/CycleList').then((m) => ({ default: m.CycleList })));
const LearningLog = lazy(() => import('./learnings/Learnings').then((m) => ({ default: m.LearningLog })));
const LearningDetail = lazy(() => import('./learnings/Learnings').then((m) => ({ default: m.LearningDetail })));
const SyncScreen = lazy(() => import('./sync/Sync').then((m) => ({ default: m.SyncScreen })));

const CycleDesign = lazy(() => import('./cycles/CycleDesign'));
const CycleDetail = lazy(() => import('./cycles/CycleDetail'));
const Calculators = lazy(() => import('./calculators/Calculators'));
const Admin = lazy(() => import('./admin/Admin'));
const ImportScreen = lazy(() => import('./imports/ImportScreen'));
const SharedImport = lazy(() => import('./imports/SharedImport'));
// Operating rhythm (issue 12): program view, weekly reviews, insights — all lazy (first-load budget).
const Program = lazy(() => import('./program/Program'));
const ReviewList = lazy(() => import('./reviews/ReviewList'));
const ReviewDetail = lazy(() => import('./reviews/ReviewDetail'));
const InsightList = lazy(() => import('./insights/InsightList'));
const InsightDetail = lazy(() => import('./insights/InsightDetail'));
const Workspaces = lazy(() => import('./workspaces/Workspaces'));
const WorkspaceSettings = lazy(() => import('./workspaces/Settings'));
// Outcomes (issue 8): objectives, the channel map and the HADI chain, reached through "More".
const More = lazy(() => import('./nav/More'));
const ObjectiveList = lazy(() => import('./objectives/ObjectiveList'));
const ObjectiveDetail = lazy(() => import('./objectives/ObjectiveDetail'));
const ObjectiveForm = lazy(() => import('./objectives/ObjectiveForm'));
const ChannelMap = lazy(() => import('./channels/ChannelMap'));
const ChannelDetail = lazy(() => import('./channels/ChannelDetail'));
const NewChannel = lazy(() => import('./channels/ChannelDetail').then((m) => ({ default: m.NewChannel })));
const ChainView = lazy(() => import('./chain/ChainView'));
const FunnelScreen = lazy(() => import('./funnel/FunnelScreen'));
const FunnelIndex = lazy(() => import('./funnel/FunnelIndex'));
const Inbox = lazy(() => import('./inbox/Inbox'));
const Search = lazy(() => import('./search/Search'));

/**
 * The screen a link or reload opens starts loading its chunk at once, alongside the session check, instead of after
 * it: one network round trip less before a shared test or learning shows on a phone. The test screen also starts
 * its reads (cycles/reads.ts).
 */
const FIRST_SCREENS: [RegExp, { preload: () => unknown }, ((id: string) => void)?][] = [
  [/^\/cycles\/(?!new\/)([^/]+)$/, CycleDetail, startTestScreenReads],
  [/^\/cycles\/?$/, CycleList],
  [/^\/learnings\/?$/, LearningLog],
  [/^\/learnings\/[^/]+$/, LearningDetail],
  [/^\/h\/[^/]+$/, HypothesisForm],
  [/^\/program\/?$/, Program],
  [/^\/insights\/[^/]+$/, InsightDetail],
  [/^\/reviews\/[^/]+$/, ReviewDetail],
  [/^\/objectives\/[^/]+$/, ObjectiveDetail],
];
for (const [path, screen, startReads] of FIRST_SCREENS) {
  const opened = path.exec(location.pathname);
  if (!opened) continue;
  void screen.preload();
  if (startReads && opened[1]) startReads(opened[1]);
}

/**
 * The service worker is registered once the page has loaded and the browser is idle: installing it precaches every
 * screen's script, which on a two-core phone competed with drawing the first one.
 */
const [settled, setSettled] = createSignal(false);
const settle = () => whenIdle(3000, 0).then(() => setSettled(true));
if (document.readyState === 'complete') settle();
else window.addEventListener('load', settle, { once: true });

function UpdatePrompt() {
  const {
    needRefresh: [needRefresh],
    updateServiceWorker,
  } = useRegisterSW({ immediate: true });
  createEffect(() => {
    if (needRefresh()) toast('New version — reload', { label: 'Reload', run: () => void updateServiceWorker(true) });
  });
  return null;
}

/** The sync state in words (a bare dot meant nothing to anyone): Synced, Syncing…, Offline, and what waits. */
function SyncPill() {
  const pending = () => ops().filter((o) => o.state === 'pending').length;
  const problems = () => ops().filter((o) => o.state !== 'pending').length;
  const state = () => (!online() ? 'Offline' : syncing() ? 'Syncing…' : pending() > 0 ? 'Not synced' : 'Synced');
  return (
    <A
      href="/sync"
      class="pill"
      classList={{ offline: !online(), warn: problems() > 0 }}
      data-testid="sync-pill"
      title={`${state()}${pending() > 0 ? `, ${pending()} pending` : ''}${problems() > 0 ? `, ${problems()} to resolve` : ''}: open the sync screen`}
    >
      <span aria-hidden="true">{online() ? (syncing() ? '⟳ ' : '') : '○ '}</span>
      {state()}
      <Show when={pending() > 0}>
        {' '}
        · <span data-testid="pending-count">{pending()}</span>
        <span class="wide-words"> pending</span>
      </Show>
      <Show when={problems() > 0}>
        {' '}
        · <span aria-hidden="true">⚠</span>
        {problems()}
        <span class="wide-words"> to resolve</span>
      </Show>
    </A>
  );
}

function Layout(props: RouteSectionProps) {
  return (
    <Switch>
      <Match when={me() === undefined}>
        <main class="page">
          <Loading label="Starting Hadi…" />
        </main>
      </Match>
      <Match when={me() === null && !props.location.pathname.startsWith('/invite/')}>
        <SignIn />
      </Match>
      <Match when={true}>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="top">
          <A href="/" class="brand">
            Hadi
          </A>
          <Show when={me()}>
            {(m) => (
              <A
                href="/workspaces"
                class="ws-name"
                data-testid="workspace-name"
                aria-label={`Workspace: ${m().workspace}. Switch or manage workspaces`}
              >
                <span aria-hidden="true">▾ </span>
                {m().workspace}
              </A>
            )}
          </Show>
          <A href="/search" class="pill icon" aria-label="Search" data-testid="search-link">
            <svg
              width="16"
              height="16"
              viewBox="0 0 24 24"
              aria-hidden="true"
              fill="none"
              stroke="currentColor"
              stroke-width="2.5"
            >
              <circle cx="10.5" cy="10.5" r="6.5" />
              <path d="m15.5 15.5 5 5" />
            </svg>
          </A>
          <SyncPill />
          <Show when={me()?.memberId}>
            <InboxLink />
          </Show>
        </header>
        <main id="main" class="page" tabIndex={-1}>
          {props.children}
        </main>
        <nav class="tabs" aria-label="Main">
          <A href="/" end>
            Backlog
          </A>
          <A href="/cycles">Cycles</A>
          <A href="/learnings">Learnings</A>
          <A href="/program">Program</A>
          <A href="/more">More</A>
        </nav>
      </Match>
    </Switch>
  );
}

function App() {
  onMount(() => {
    void boot();
    document.addEventListener(
      'visibilitychange',
      () => document.visibilityState === 'visible' && navigator.onLine && void sync(),
    );
  });
  return (
    <>
      <Router root={Layout}>
        <Route path="/" component={Backlog} />
        <Route path="/h/new" component={HypothesisForm} />
        <Route path="/h/:id" component={HypothesisForm} />
        <Route path="/cycles" component={CycleList} />
        <Route path="/cycles/new/:hypothesisId" component={CycleDesign} />
        <Route path="/cycles/:id/design" component={CycleDesign} />
        <Route path="/cycles/:id" component={CycleDetail} />
        <Route path="/cycles/:id/import" component={ImportScreen} />
        <Route path="/import" component={SharedImport} />
        <Route path="/learnings" component={LearningLog} />
        <Route path="/learnings/:id" component={LearningDetail} />
        <Route path="/calc" component={Calculators} />
        <Route path="/program" component={Program} />
        <Route path="/reviews" component={ReviewList} />
        <Route path="/reviews/:id" component={ReviewDetail} />
        <Route path="/insights" component={InsightList} />
        <Route path="/insights/:id" component={InsightDetail} />
        <Route path="/funnels" component={FunnelIndex} />
        <Route path="/objectives/:id/funnel" component={FunnelScreen} />
        <Route path="/search" component={Search} />
        <Route path="/sync" component={SyncScreen} />
        <Route path="/workspaces" component={Workspaces} />
        <Route path="/workspace/settings" component={WorkspaceSettings} />
        <Route path="/more" component={More} />
        <Route path="/objectives" component={ObjectiveList} />
        <Route path="/objectives/new" component={ObjectiveForm} />
        <Route path="/objectives/:id" component={ObjectiveDetail} />
        <Route path="/objectives/:id/edit" component={ObjectiveForm} />
        <Route path="/channels" component={ChannelMap} />
        <Route path="/channels/new" component={NewChannel} />
        <Route path="/channels/:id" component={ChannelDetail} />
        <Route path="/chain/:id" component={ChainView} />
        <Route path="/inbox" component={Inbox} />
        <Route path="/invite/:token" component={AcceptInvite} />
        <Route path="/admin/*section" component={Admin} />
        <Route
          path="*"
          component={() => (
            <p>
              Not found. <A href="/">Back to the backlog</A>
            </p>
          )}
        />
      </Router>
      <Toasts />
      <Show when={settled()}>
        <UpdatePrompt />
      </Show>
    </>
  );
}

// The first paint shows the app as this device last saw it, signed in: a "Starting Hadi…" replaced a moment later
// by the whole shell cost a second long render on a throttled phone. IndexedDB answers in milliseconds; if it does
// not, the app starts anyway. The session check is on its way meanwhile.
void checkSession();
const fromDevice = Promise.race([startFromDevice(), new Promise((started) => setTimeout(started, 300))]);
// The first Intl.NumberFormat loads ICU's number data (~100 ms on a throttled phone; each later formatter costs
// ~1 ms). It loads before the first render, where cards show amounts, in a task of its own: run while the module
// evaluated, it made one long task of both.
setTimeout(() => {
  new Intl.NumberFormat().format(0);
  void fromDevice.then(() => render(() => <App />, document.getElementById('root')!));
});
