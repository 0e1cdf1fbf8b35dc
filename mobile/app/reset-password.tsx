/** A reset link opened while signed in: the new password signs every device out, this one too. */
import { useLocalSearchParams } from 'expo-router';

import { useSession } from '@/auth/session';
import ResetPasswordScreen from '@/screens/ResetPasswordScreen';

export default function ResetPasswordRoute() {
  const { uid, token } = useLocalSearchParams<{ uid?: string; token?: string }>();
  const { signOut } = useSession();
  return <ResetPasswordScreen uid={uid ?? ''} token={token ?? ''} onDone={() => void signOut()} />;
}
