/**
 * Unsaved edits are never dropped silently: leaving the page inside the app asks first (React Router's
 * blocker), and closing or reloading the tab gets the browser's own "leave site?" prompt.
 * `isDirty` is read when a navigation starts, so a save that navigates on success passes once it
 * has marked the form clean.
 */
import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { useBlocker } from 'react-router';
import { Modal } from 'antd';

export interface UnsavedGuard {
  /** Render it: the "leave without saving?" dialog. */
  prompt: ReactNode;
  /** Call right before a save that navigates on success (the edits are no longer at risk). */
  release: () => void;
}

export function useUnsavedGuard(dirty: boolean, what = 'changes'): UnsavedGuard {
  const dirtyRef = useRef(dirty);
  useEffect(() => {
    dirtyRef.current = dirty;
  }, [dirty]);
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirtyRef.current && currentLocation.pathname !== nextLocation.pathname);

  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers need returnValue set to show the prompt.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);

  const prompt = (
    <Modal
      open={blocker.state === 'blocked'}
      title="Leave without saving?"
      okText="Leave and discard"
      okButtonProps={{ danger: true }}
      cancelText="Stay on this page"
      onOk={() => blocker.proceed?.()}
      onCancel={() => blocker.reset?.()}
    >
      You have unsaved {what} on this page. They are lost if you leave now.
    </Modal>
  );
  return {
    prompt,
    release: () => {
      dirtyRef.current = false;
    },
  };
}
