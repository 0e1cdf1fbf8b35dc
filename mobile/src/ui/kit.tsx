/** Small shared controls: large touch targets (48 px), labels for screen readers, light and dark themes. */
import type { ReactNode } from 'react';
import {
  ActivityIndicator,
  Pressable,
  ScrollView,
  StyleSheet,
  Text,
  TextInput,
  View,
  useColorScheme,
  type TextInputProps,
} from 'react-native';

export function useTheme() {
  const dark = useColorScheme() === 'dark';
  return {
    dark,
    background: dark ? '#101418' : '#f5f6f8',
    card: dark ? '#1b2128' : '#ffffff',
    text: dark ? '#f1f3f5' : '#111418',
    muted: dark ? '#a9b1ba' : '#5b6470',
    border: dark ? '#2e3742' : '#d6dae0',
    primary: dark ? '#5aa9ff' : '#0b5cad',
    danger: dark ? '#ff7b72' : '#b42318',
    warning: dark ? '#f2cc60' : '#8a5a00',
    ok: dark ? '#56d364' : '#1a7f37',
  };
}

export function Screen({ children, scroll = true, testID }: { children: ReactNode; scroll?: boolean; testID?: string }) {
  const theme = useTheme();
  const style = { flex: 1, backgroundColor: theme.background };
  if (!scroll) return <View style={[style, styles.pad]} testID={testID}>{children}</View>;
  return (
    <ScrollView style={style} contentContainerStyle={styles.pad} testID={testID} keyboardShouldPersistTaps="handled">
      {children}
    </ScrollView>
  );
}

export function Card({ children, label }: { children: ReactNode; label?: string }) {
  const theme = useTheme();
  return (
    <View
      accessibilityLabel={label}
      style={[styles.card, { backgroundColor: theme.card, borderColor: theme.border }]}
    >
      {children}
    </View>
  );
}

export function Title({ children }: { children: ReactNode }) {
  const theme = useTheme();
  return (
    <Text accessibilityRole="header" style={[styles.title, { color: theme.text }]}>
      {children}
    </Text>
  );
}

export function Body({ children, muted, tone }: { children: ReactNode; muted?: boolean; tone?: 'danger' | 'warning' | 'ok' }) {
  const theme = useTheme();
  const color = tone ? theme[tone] : muted ? theme.muted : theme.text;
  return <Text style={[styles.body, { color }]}>{children}</Text>;
}

export function Button({
  label,
  onPress,
  hint,
  kind = 'primary',
  disabled,
  busy,
}: {
  label: string;
  onPress: () => void;
  hint?: string;
  kind?: 'primary' | 'secondary' | 'danger';
  disabled?: boolean;
  busy?: boolean;
}) {
  const theme = useTheme();
  const background = kind === 'primary' ? theme.primary : kind === 'danger' ? theme.danger : 'transparent';
  const color = kind === 'secondary' ? theme.primary : theme.dark ? '#0b0f14' : '#ffffff';
  return (
    <Pressable
      accessibilityRole="button"
      accessibilityLabel={label}
      accessibilityHint={hint}
      accessibilityState={{ disabled: !!(disabled || busy), busy: !!busy }}
      disabled={disabled || busy}
      onPress={onPress}
      style={({ pressed }) => [
        styles.button,
        { backgroundColor: background, borderColor: theme.primary, opacity: disabled ? 0.5 : pressed ? 0.8 : 1 },
      ]}
    >
      {busy ? <ActivityIndicator color={color} /> : <Text style={[styles.buttonText, { color }]}>{label}</Text>}
    </Pressable>
  );
}

/** A labelled text input; `error` (the server's message for this field) is shown under it. */
export function Field({ label, error, ...props }: { label: string; error?: string | null } & TextInputProps) {
  const theme = useTheme();
  return (
    <View style={styles.field}>
      <Text style={[styles.label, { color: theme.muted }]}>{label}</Text>
      <TextInput
        accessibilityLabel={label}
        placeholderTextColor={theme.muted}
        style={[styles.input, { color: theme.text, borderColor: error ? theme.danger : theme.border, backgroundColor: theme.card }]}
        {...props}
      />
      {error ? <Body tone="danger">{error}</Body> : null}
    </View>
  );
}

export function Loading({ label = 'Loading' }: { label?: string }) {
  return <ActivityIndicator accessibilityLabel={label} style={styles.loading} size="large" />;
}

export function ErrorBox({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <Card label="Error">
      <Body tone="danger">{message}</Body>
      {onRetry ? <Button label="Try again" kind="secondary" onPress={onRetry} /> : null}
    </Card>
  );
}

export function Row({ children }: { children: ReactNode }) {
  return <View style={styles.row}>{children}</View>;
}

const styles = StyleSheet.create({
  pad: { padding: 16, gap: 12 },
  card: { borderWidth: 1, borderRadius: 10, padding: 14, gap: 6 },
  title: { fontSize: 22, fontWeight: '700' },
  body: { fontSize: 16, lineHeight: 22 },
  button: {
    minHeight: 48,
    minWidth: 48,
    borderRadius: 8,
    borderWidth: 1,
    paddingHorizontal: 16,
    alignItems: 'center',
    justifyContent: 'center',
    marginVertical: 4,
  },
  buttonText: { fontSize: 17, fontWeight: '600' },
  field: { gap: 4 },
  label: { fontSize: 14 },
  input: { minHeight: 48, borderWidth: 1, borderRadius: 8, paddingHorizontal: 12, fontSize: 17 },
  loading: { marginTop: 32 },
  row: { flexDirection: 'row', flexWrap: 'wrap', gap: 8, alignItems: 'center' },
});
