/** "Set a new password" from the reset link (`/reset-password?uid=…&token=…`) →
 * `POST /api/auth/password/reset/confirm/`. The server's validators answer per field; a dead link says so and
 * offers a new one. Afterwards every device of the account is signed out. */
import { useState } from 'react';

import { api, errorText, fieldErrors } from '@/api/client';
import type { Detail, PasswordResetConfirmRequest } from '@/api/types';
import { Body, Button, Card, Field, Screen, Title } from '@/ui/kit';

interface Props {
  uid: string;
  token: string;
  /** Called with the server's confirmation once the password is changed. */
  onDone: (message: string) => void;
  /** Ask for a new link (the link expired or was used). */
  onNewLink?: () => void;
}

export default function ResetPasswordScreen({ uid, token, onDone, onNewLink }: Props) {
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = async () => {
    if (!password) {
      setErrors({ new_password: 'Choose a new password.' });
      return;
    }
    if (password !== repeat) {
      setErrors({ repeat: 'The two passwords differ.' });
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const body: PasswordResetConfirmRequest = { uid, token, new_password: password };
      const answer = await api<Detail>('POST', '/api/auth/password/reset/confirm/', { body, anonymous: true });
      onDone(answer.detail);
    } catch (failure) {
      const byField = fieldErrors(failure);
      setErrors(Object.keys(byField).length ? byField : { _: errorText(failure) });
    } finally {
      setBusy(false);
    }
  };

  const linkError = errors.token || errors.uid;
  return (
    <Screen testID="reset-password">
      <Title>Choose a new password</Title>
      <Card>
        <Field
          label="New password"
          value={password}
          onChangeText={setPassword}
          secureTextEntry
          autoComplete="new-password"
          textContentType="newPassword"
          error={errors.new_password}
        />
        <Field
          label="New password again"
          value={repeat}
          onChangeText={setRepeat}
          secureTextEntry
          autoComplete="new-password"
          textContentType="newPassword"
          onSubmitEditing={submit}
          error={errors.repeat}
        />
        {linkError ? <Body tone="danger">{linkError}</Body> : null}
        {errors._ ? <Body tone="danger">{errors._}</Body> : null}
        <Button label="Set the new password" onPress={submit} busy={busy} />
        {linkError && onNewLink ? <Button label="Ask for a new link" kind="secondary" onPress={onNewLink} /> : null}
      </Card>
    </Screen>
  );
}
