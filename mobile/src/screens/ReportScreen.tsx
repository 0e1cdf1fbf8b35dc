/** Report a problem: the bug-report endpoint with the device, OS and app version, and an optional screenshot. */
import Constants from 'expo-constants';
import * as Device from 'expo-device';
import * as ImagePicker from 'expo-image-picker';
import { router, useLocalSearchParams } from 'expo-router';
import { useState } from 'react';
import { Platform } from 'react-native';

import { api, errorText } from '@/api/client';
import { uploadFile, type LocalFile } from '@/api/upload';
import { Body, Button, Card, Field, Screen, Title } from '@/ui/kit';

export function deviceFacts() {
  const version = Constants.expoConfig?.version ?? 'unknown';
  const model = [Device.manufacturer, Device.modelName].filter(Boolean).join(' ') || Platform.OS;
  return {
    client: 'mobile',
    browser: `ProjectMeats Field ${version} on ${model}`.slice(0, 100),
    os: `${Device.osName ?? Platform.OS} ${Device.osVersion ?? String(Platform.Version ?? '')}`.trim().slice(0, 100),
  };
}

export default function ReportScreen() {
  const { from } = useLocalSearchParams<{ from?: string }>();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [screenshot, setScreenshot] = useState<LocalFile | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);

  const pick = async () => {
    const result = await ImagePicker.launchImageLibraryAsync({ mediaTypes: ['images'], quality: 0.8 });
    const asset = result.canceled ? null : result.assets[0];
    if (asset) setScreenshot({ uri: asset.uri, name: asset.fileName ?? 'screenshot.jpg', mimeType: asset.mimeType ?? 'image/jpeg' });
  };

  const send = async () => {
    if (!title.trim() || !description.trim()) {
      setMessage({ text: 'Say in a few words what went wrong, and what you were doing.', ok: false });
      return;
    }
    setBusy(true);
    const fields = { ...deviceFacts(), title: title.trim(), description: description.trim(), page_url: from ?? '' };
    try {
      if (screenshot) await uploadFile('/api/v1/bug-reports/', screenshot, { field: 'screenshot', extra: fields });
      else await api('POST', '/api/v1/bug-reports/', { body: fields });
      setMessage({ text: 'Thank you, the report was sent.', ok: true });
      setTitle('');
      setDescription('');
      setScreenshot(null);
    } catch (error) {
      setMessage({ text: errorText(error), ok: false });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen testID="report">
      <Title>Report a problem</Title>
      <Card>
        <Field label="What went wrong" value={title} onChangeText={setTitle} maxLength={200} />
        <Field label="What were you doing" value={description} onChangeText={setDescription} multiline />
        <Button
          label={screenshot ? `Screenshot: ${screenshot.name}` : 'Add a screenshot (optional)'}
          kind="secondary"
          onPress={() => void pick()}
        />
        {message ? <Body tone={message.ok ? 'ok' : 'danger'}>{message.text}</Body> : null}
        <Button label="Send report" onPress={() => void send()} busy={busy} />
        <Button label="Back" kind="secondary" onPress={() => router.back()} />
      </Card>
    </Screen>
  );
}
