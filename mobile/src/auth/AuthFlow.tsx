/** What a signed-out person sees: sign in, "forgot password", and the two e-mailed links (reset and
 * invitation), opened at `/reset-password?uid&token` or `/accept-invitation?token` (the web app's paths). */
import { useGlobalSearchParams, usePathname } from 'expo-router';
import { useState } from 'react';

import ForgotPasswordScreen from '@/screens/ForgotPasswordScreen';
import InvitationScreen from '@/screens/InvitationScreen';
import ResetPasswordScreen from '@/screens/ResetPasswordScreen';
import SignInScreen from '@/screens/SignInScreen';

type View =
  | { name: 'signIn' }
  | { name: 'forgot' }
  | { name: 'reset'; uid: string; token: string }
  | { name: 'invitation'; token: string };

function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

export default function AuthFlow() {
  const path = usePathname();
  const params = useGlobalSearchParams<{ uid?: string; token?: string }>();
  const [view, setView] = useState<View>(() => {
    const uid = first(params.uid);
    const token = first(params.token);
    if (path === '/reset-password' && uid && token) return { name: 'reset', uid, token };
    if (path === '/accept-invitation' && token) return { name: 'invitation', token };
    if (path === '/forgot-password') return { name: 'forgot' };
    return { name: 'signIn' };
  });
  const [message, setMessage] = useState<string | null>(null);
  const toSignIn = (text: string | null = null) => {
    setMessage(text);
    setView({ name: 'signIn' });
  };

  switch (view.name) {
    case 'forgot':
      return <ForgotPasswordScreen onBack={() => toSignIn()} />;
    case 'reset':
      return (
        <ResetPasswordScreen uid={view.uid} token={view.token} onDone={toSignIn} onNewLink={() => setView({ name: 'forgot' })} />
      );
    case 'invitation':
      return <InvitationScreen token={view.token} onBack={() => toSignIn()} />;
    default:
      return <SignInScreen message={message} onForgot={() => setView({ name: 'forgot' })} />;
  }
}
