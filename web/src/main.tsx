import { A, Route, Router, type RouteSectionProps } from '@solidjs/router';
import { createEffect, lazy, Match, onMount, Show, Switch } from 'solid-js';
import { render } from 'solid-js/web';
import { useRegisterSW } from 'virtual:pwa-register/solid';
import { auth, call, can } from './api';
import { boot, me, online, ops, signedOut, syncing, sync } from './data';
import { Backlog } from './hypotheses/Backlog';
import { CycleList } from './cycles/CycleList';
import { HypothesisForm } from './hypotheses/HypothesisForm';
import { LearningDetail, LearningLog } from './learnings/Learnings';
import { AcceptInvite, SignIn } from './auth/SignIn';
import { SyncScreen } from './sync/Sync';
import { Loading, toast, Toasts } from './ui';
import './styles.css';

const CycleDesign = lazy(() => import('./cycles/CycleDesign'));
const CycleDetail = lazy(() => import('./cycles/CycleDetail'));
const Calculators = lazy(() => import('./calculators/Calculators'));
const Admin = lazy(() => import('./admin/Admin'));
const ImportScreen = lazy(() => import('./imports/ImportScreen'));
const SharedImport = lazy(() => import('./imports/SharedImport'));
const Search = lazy(() => import('./search/Search'));

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

function SyncPill() {
  const pending = () => ops().filter((o) => o.state === 'pending').length;
  const problems = () => ops().filter((o) => o.state !== 'pending').length;
  return (
    <A
      href="/sync"
      class="pill"
      classList={{ offline: !online(), warn: problems() > 0 }}
      data-testid="sync-pill"
      aria-label={`Sync: ${online() ? 'online' : 'offline'}, ${pending()} pending, ${problems()} need attention`}
    >
      <span aria-hidden="true">{online() ? (syncing() ? '⟳' : '●') : '○'}</span>
      {online() ? '' : ' Offline'}
      <Show when={pending() > 0}>
        {' '}
        · <span data-testid="pending-count">{pending()}</span> pending
      </Show>
      <Show when={problems() > 0}> · {problems()} to resolve</Show>
    </A>
  );
}

function Layout(props: RouteSectionProps) {
  const signOut = async () => {
    await call(auth.logout.$post()).catch(() => undefined);
    await signedOut();
  };
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
          <A href="/search" class="pill" aria-label="Search" data-testid="search-link">
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
          <Show when={me()}>
            <button type="button" class="link" onClick={() => void signOut()}>
              Sign out
            </button>
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
          <A href="/calc">Calculators</A>
          <Show when={can(me(), 'admin')}>
            <A href="/admin">Admin</A>
          </Show>
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
        <Route path="/search" component={Search} />
        <Route path="/sync" component={SyncScreen} />
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
      <UpdatePrompt />
    </>
  );
}

render(() => <App />, document.getElementById('root')!);
