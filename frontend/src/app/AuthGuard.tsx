/** Signed-in pages only: without a session, go to sign-in and come back here afterwards. */
import { Navigate, Outlet, useLocation } from 'react-router';
import { Button, Result } from 'antd';
import { useMe } from './session';
import { FullPageSpinner } from './RouteError';

export function AuthGuard() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <FullPageSpinner />;
  if (me.error) {
    return (
      <Result
        status="error"
        title="Cannot reach the server"
        subTitle={me.error.message}
        extra={<Button onClick={() => void me.refetch()}>Try again</Button>}
      />
    );
  }
  if (!me.data) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}
