/** "Forgot password": the account's e-mail → `POST /api/auth/password/reset/`. The answer is the same whether or
 * not an account uses the address (the server's neutral text is shown); the link arrives by e-mail. */
import { useState } from 'react';

import { api, errorText, fieldErrors } from '@/api/client';
import type { Detail, PasswordResetRequest } from '@/api/types';
import { Body, Button, Card, Field, Screen, Title } from '@/ui/kit';

export default function ForgotPasswordScreen({ onBack }: { onBack: () => void }) {
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sent, setSent] = useState<string | null>(null);

  const submit = async () => {
    if (!email.trim()) {
      setErrors({ email: 'Enter the e-mail address of your account.' });
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const body: PasswordResetRequest = { email: email.trim() };
      const answer = await api<Detail>('POST', '/api/auth/password/reset/', { body, anonymous: true });
      setSent(answer.detail);
    } catch (failure) {
      const byField = fieldErrors(failure);
      setErrors(Object.keys(byField).length ? byField : { _: errorText(failure) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen testID="forgot-password">
      <Title>Forgot your password?</Title>
      {sent ? (
        <Card>
          <Body tone="ok">{sent}</Body>
          <Body muted>Open the link in the e-mail on this phone or any browser, then sign in with the new password.</Body>
          <Button label="Back to sign in" onPress={onBack} />
        </Card>
      ) : (
        <Card>
          <Body muted>Enter the e-mail address of your account: we send it a link to choose a new password.</Body>
          <Field
            label="E-mail"
            value={email}
            onChangeText={setEmail}
            autoCapitalize="none"
            autoCorrect={false}
            autoComplete="email"
            keyboardType="email-address"
            textContentType="emailAddress"
            onSubmitEditing={submit}
            error={errors.email}
          />
          {errors._ ? <Body tone="danger">{errors._}</Body> : null}
          <Button label="Send the link" onPress={submit} busy={busy} />
          <Button label="Back to sign in" kind="secondary" onPress={onBack} />
        </Card>
      )}
    </Screen>
  );
}
