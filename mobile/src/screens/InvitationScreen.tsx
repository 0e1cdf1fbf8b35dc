/** Accepting an invitation from its link (`/accept-invitation?token=…`, docs/api/invitations.md): what it is for
 * (`POST /api/auth/invitations/preview/`), then
 * - signed out, the address has an account: sign in with it; once signed in, "Accept" (`…/invitations/accept/`);
 * - signed out, no account yet: choose a password (`…/invitations/register/`, the validators answer per field),
 *   then the app signs in with the new account, which is already a member;
 * - signed in: "Accept" joins the tenant and switches to it. */
import { router } from 'expo-router';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';

import { api, errorText, fieldErrors } from '@/api/client';
import type { InvitationAccepted, InvitationPreview, InvitationRegisterRequest } from '@/api/types';
import { useSession } from '@/auth/session';
import { Body, Button, Card, ErrorBox, Field, Loading, Screen, Title } from '@/ui/kit';

// The outcome of a registration, kept for the signed-in screen that follows it (the link is used up by then).
const joined = new Map<string, InvitationAccepted>();

export default function InvitationScreen({ token, onBack }: { token: string; onBack?: () => void }) {
  const { status, signIn, switchTenant } = useSession();
  const signedIn = status === 'signedIn';
  const [done, setDone] = useState<InvitationAccepted | null>(joined.get(token) ?? null);
  const [password, setPassword] = useState('');
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const previewQuery = useQuery({
    queryKey: ['invitation-preview', token],
    queryFn: () => api<InvitationPreview>('POST', '/api/auth/invitations/preview/', { body: { token }, anonymous: true }),
    enabled: !done,
    retry: false,
  });
  const preview = previewQuery.data ?? null;
  const loadError = previewQuery.error ? (fieldErrors(previewQuery.error).token ?? errorText(previewQuery.error)) : null;
  const load = () => void previewQuery.refetch();

  const fail = (failure: unknown) => {
    const byField = fieldErrors(failure);
    setErrors(Object.keys(byField).length ? byField : { _: errorText(failure) });
  };

  const accept = async () => {
    setBusy(true);
    setErrors({});
    try {
      const answer = await api<InvitationAccepted>('POST', '/api/auth/invitations/accept/', { body: { token } });
      await switchTenant(answer.tenant.id);
      setDone(answer);
    } catch (failure) {
      fail(failure);
    } finally {
      setBusy(false);
    }
  };

  const signInToAccept = async () => {
    if (!preview || !password) {
      setErrors({ password: 'Enter the password of this account.' });
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      await signIn(preview.email, password); // the signed-in screen for this link follows
    } catch (failure) {
      fail(failure);
      setBusy(false);
    }
  };

  const register = async () => {
    if (!password) {
      setErrors({ password: 'Choose a password.' });
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const body: InvitationRegisterRequest = { token, password, first_name: firstName.trim(), last_name: lastName.trim() };
      const answer = await api<InvitationAccepted>('POST', '/api/auth/invitations/register/', { body, anonymous: true });
      joined.set(token, answer);
      setDone(answer);
      await signIn(answer.username, password);
    } catch (failure) {
      fail(failure);
      setBusy(false);
    }
  };

  if (done) {
    return (
      <Screen testID="invitation">
        <Title>Welcome</Title>
        <Card>
          <Body tone="ok">{done.detail}</Body>
          <Body muted>Signed in as {done.username}.</Body>
          {signedIn ? (
            <Button
              label="Open loads"
              onPress={() => {
                joined.delete(token);
                router.replace('/');
              }}
            />
          ) : (
            <Loading label="Signing in" />
          )}
        </Card>
      </Screen>
    );
  }
  if (loadError) {
    return (
      <Screen testID="invitation">
        <Title>Invitation</Title>
        <ErrorBox message={loadError} onRetry={load} />
        {onBack ? <Button label="Back to sign in" kind="secondary" onPress={onBack} /> : null}
        {signedIn ? <Button label="Open loads" kind="secondary" onPress={() => router.replace('/')} /> : null}
      </Screen>
    );
  }
  if (!preview) return <Loading label="Loading the invitation" />;

  const by = preview.invited_by ? `${preview.invited_by} invited` : 'You are invited:';
  return (
    <Screen testID="invitation">
      <Title>Join {preview.tenant_name}</Title>
      <Body>
        {by} {preview.email} to join {preview.tenant_name} as {preview.role}.
      </Body>
      <Card>
        {signedIn ? (
          <Button label={`Accept and join ${preview.tenant_name}`} onPress={accept} busy={busy} />
        ) : preview.account_exists ? (
          <>
            <Body muted>This address has an account: sign in with it to accept.</Body>
            <Field
              label="Password"
              value={password}
              onChangeText={setPassword}
              secureTextEntry
              autoComplete="password"
              textContentType="password"
              onSubmitEditing={signInToAccept}
              error={errors.password}
            />
            <Button label="Sign in to accept" onPress={signInToAccept} busy={busy} />
          </>
        ) : (
          <>
            <Body muted>Create your account: your username is {preview.email}.</Body>
            <Field label="First name" value={firstName} onChangeText={setFirstName} autoComplete="given-name" error={errors.first_name} />
            <Field label="Last name" value={lastName} onChangeText={setLastName} autoComplete="family-name" error={errors.last_name} />
            <Field
              label="Choose a password"
              value={password}
              onChangeText={setPassword}
              secureTextEntry
              autoComplete="new-password"
              textContentType="newPassword"
              onSubmitEditing={register}
              error={errors.password}
            />
            <Button label="Create account and join" onPress={register} busy={busy} />
          </>
        )}
        {errors.token ? <Body tone="danger">{errors.token}</Body> : null}
        {errors._ ? <Body tone="danger">{errors._}</Body> : null}
        {onBack ? <Button label="Back to sign in" kind="secondary" onPress={onBack} /> : null}
      </Card>
    </Screen>
  );
}
