import { lazy, Suspense, useEffect, useRef } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { onSessionLost } from './api/client';
import { useAuth } from './auth/AuthContext';
import { Loading } from './components/Loading';
import { PublicLayout } from './layouts/PublicLayout';
import { navEntries } from './nav';

const WorkspaceLayout = lazy(() => import('./layouts/WorkspaceLayout'));
const Home = lazy(() => import('./pages/Home'));
const SignIn = lazy(() => import('./pages/SignIn'));
const Register = lazy(() => import('./pages/Register'));
const Invite = lazy(() => import('./pages/Invite'));
const NotFound = lazy(() => import('./pages/NotFound'));
const Catalogue = lazy(() => import('./pages/instruments/Catalogue'));
const InstrumentPage = lazy(() => import('./pages/instruments/InstrumentPage'));
const Hall = lazy(() => import('./pages/challenges/Hall'));
const ListPage = lazy(() => import('./pages/challenges/ListPage'));
const OpenFunnel = lazy(() => import('./pages/challenges/OpenFunnel'));

/** When the server says the session is gone, go to sign-in with a notice and come back afterwards. */
function SessionWatcher() {
  const { me, setMe } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const here = useRef('');
  here.current = location.pathname + location.search;
  const signedIn = useRef(false);
  signedIn.current = !!me;
  useEffect(() => {
    onSessionLost(() => {
      if (!signedIn.current) return;
      const next = here.current.startsWith('/login') ? '/workspace' : here.current;
      navigate(`/login?expired=1&next=${encodeURIComponent(next)}`, { replace: true });
      setMe(null);
    });
    return () => onSessionLost(null);
  }, [navigate, setMe]);
  return null;
}

export function App() {
  return (
    <>
      <SessionWatcher />
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route element={<PublicLayout />}>
            <Route index element={<Home />} />
            <Route path="login" element={<SignIn />} />
            <Route path="register" element={<Register />} />
            <Route path="invite/:token" element={<Invite />} />
            <Route path="instruments" element={<Catalogue />} />
            <Route path="instruments/:id" element={<InstrumentPage />} />
            <Route path="challenges" element={<Hall />} />
            <Route path="challenges/:id" element={<ListPage />} />
            <Route path="open-data/challenges" element={<OpenFunnel />} />
            <Route path="*" element={<NotFound />} />
          </Route>
          <Route element={<WorkspaceLayout />}>
            {/* Older notification links point here. */}
            <Route path="/org" element={<Navigate to="/my-organisation" replace />} />
            {navEntries.flatMap((entry) => [
              <Route key={entry.key} path={entry.path} element={<entry.page />} />,
              ...(entry.children ?? []).map((child) => (
                <Route key={child.path} path={child.path} element={<child.page />} />
              )),
            ])}
          </Route>
        </Routes>
      </Suspense>
    </>
  );
}
