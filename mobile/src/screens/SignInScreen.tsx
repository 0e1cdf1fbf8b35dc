import { useState } from 'react';

import { errorText } from '@/api/client';
import { useSession } from '@/auth/session';
import { Body, Button, Card, Field, Screen, Title } from '@/ui/kit';

/** `message`: what the previous step said (a password just changed); `onForgot` opens "Forgot password". */
export default function SignInScreen({ message, onForgot }: { message?: string | null; onForgot?: () => void } = {}) {
  const { signIn, notice } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    if (!username.trim() || !password) {
      setError('Enter your username or e-mail and your password.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen testID="sign-in">
      <Title>ProjectMeats Field</Title>
      <Body muted>Sign in with your ProjectMeats account.</Body>
      {notice ? <Body tone="warning">{notice}</Body> : null}
      {message ? <Body tone="ok">{message}</Body> : null}
      <Card>
        <Field
          label="Username or e-mail"
          value={username}
          onChangeText={setUsername}
          autoCapitalize="none"
          autoCorrect={false}
          autoComplete="username"
          textContentType="username"
        />
        <Field
          label="Password"
          value={password}
          onChangeText={setPassword}
          secureTextEntry
          autoComplete="password"
          textContentType="password"
          onSubmitEditing={submit}
        />
        {error ? <Body tone="danger">{error}</Body> : null}
        <Button label="Sign in" onPress={submit} busy={busy} />
        {onForgot ? <Button label="Forgot password?" kind="secondary" onPress={onForgot} /> : null}
      </Card>
    </Screen>
  );
}
