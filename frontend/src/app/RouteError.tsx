/** The error boundary shown instead of a blank page when a screen fails to render or load. */
import { Button, Result, Spin } from 'antd';
import { isRouteErrorResponse, useRouteError } from 'react-router';

export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : 'Unknown error';
  return (
    <Result
      status="error"
      title="This page failed to load"
      subTitle={message}
      extra={<Button onClick={() => window.location.reload()}>Reload</Button>}
    />
  );
}

export function FullPageSpinner() {
  return (
    <div style={{ display: 'grid', placeItems: 'center', minHeight: '60vh' }}>
      <Spin size="large" />
    </div>
  );
}
