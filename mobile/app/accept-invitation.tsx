/** An invitation link opened while signed in (or just after signing in to accept it). */
import { useLocalSearchParams } from 'expo-router';

import InvitationScreen from '@/screens/InvitationScreen';

export default function AcceptInvitationRoute() {
  const { token } = useLocalSearchParams<{ token?: string }>();
  return <InvitationScreen token={token ?? ''} />;
}
