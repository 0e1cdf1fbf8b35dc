/** Capture: photograph (or pick) a document, crop / rotate it, choose what it is, and queue the upload. The
 * upload goes to the assistant's documents endpoint with progress, then the document is attached to the load. */
import * as ImageManipulator from 'expo-image-manipulator';
import * as ImagePicker from 'expo-image-picker';
import { router, useLocalSearchParams } from 'expo-router';
import { useState } from 'react';
import { Image, Platform } from 'react-native';

import type { LoadDocumentKind } from '@/api/types';
import { blobFromBase64, keepWebBlob } from '@/api/upload';
import { useQueue } from '@/offline/QueueProvider';
import { Body, Button, Card, Row, Screen, Title } from '@/ui/kit';

import { STATE_LABELS } from './LoadScreen';

export const KINDS: { value: LoadDocumentKind; label: string }[] = [
  { value: 'bol', label: 'Bill of lading' },
  { value: 'pod', label: 'Proof of delivery' },
  { value: 'scale_ticket', label: 'Scale ticket' },
  { value: 'packer_invoice', label: 'Packer invoice' },
  { value: 'customer_po', label: 'Customer PO' },
];

interface Picked {
  uri: string;
  name: string;
  mimeType: string;
}

export default function CaptureScreen() {
  const { id } = useLocalSearchParams<{ id: string }>();
  const loadId = Number(id);
  const { items, enqueue } = useQueue();
  const [kind, setKind] = useState<LoadDocumentKind>('bol');
  const [picked, setPicked] = useState<Picked | null>(null);
  const [itemId, setItemId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const item = items.find((candidate) => candidate.id === itemId) ?? null;

  const take = async (source: 'camera' | 'library') => {
    setError(null);
    const options: ImagePicker.ImagePickerOptions = { mediaTypes: ['images'], allowsEditing: true, quality: 0.85 };
    if (source === 'camera') {
      const permission = await ImagePicker.requestCameraPermissionsAsync();
      if (!permission.granted) {
        setError('The camera is not allowed. Allow it in the phone settings, or choose a photo from the library.');
        return;
      }
    }
    const result =
      source === 'camera' ? await ImagePicker.launchCameraAsync(options) : await ImagePicker.launchImageLibraryAsync(options);
    const asset = result.canceled ? null : result.assets[0];
    if (!asset) return;
    const mimeType = asset.mimeType ?? 'image/jpeg';
    const extension = mimeType === 'image/png' ? 'png' : 'jpg';
    if (Platform.OS === 'web' && asset.file) keepWebBlob(asset.uri, asset.file);
    setPicked({ uri: asset.uri, mimeType, name: asset.fileName ?? `${kind}-${Date.now()}.${extension}` });
  };

  const rotate = async () => {
    if (!picked) return;
    const result = await ImageManipulator.manipulateAsync(picked.uri, [{ rotate: 90 }], {
      compress: 0.85,
      format: ImageManipulator.SaveFormat.JPEG,
      base64: Platform.OS === 'web',
    });
    if (Platform.OS === 'web' && result.base64) keepWebBlob(result.uri, blobFromBase64(result.base64, 'image/jpeg'));
    setPicked({ uri: result.uri, mimeType: 'image/jpeg', name: picked.name.replace(/\.\w+$/, '.jpg') });
  };

  const upload = async () => {
    if (!picked) return;
    setError(null);
    try {
      // The queue copies the photo into the app's own storage first (src/offline/files.ts).
      const queued = await enqueue({
        label: `${KINDS.find((k) => k.value === kind)?.label ?? kind}: ${picked.name}`,
        loadId,
        payload: { type: 'capture', loadId, file: picked, documentKind: kind },
      });
      setItemId(queued.id);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };

  const documentId = (item?.result as { document?: number } | null)?.document;

  return (
    <Screen testID="capture">
      <Title>Capture a document</Title>
      <Body muted>What is it?</Body>
      <Row>
        {KINDS.map((option) => (
          <Button
            key={option.value}
            label={option.label}
            kind={kind === option.value ? 'primary' : 'secondary'}
            onPress={() => setKind(option.value)}
          />
        ))}
      </Row>
      <Row>
        <Button label="Take a photo" onPress={() => void take('camera')} />
        <Button label="Choose from library" kind="secondary" onPress={() => void take('library')} />
      </Row>
      {error ? <Body tone="danger">{error}</Body> : null}
      {picked ? (
        <Card label="The photo">
          <Image
            source={{ uri: picked.uri }}
            accessibilityLabel="The photographed document"
            style={{ width: '100%', height: 280, resizeMode: 'contain' }}
          />
          <Body muted>{picked.name}</Body>
          <Row>
            <Button label="Rotate" kind="secondary" onPress={() => void rotate()} />
            <Button label="Retake" kind="secondary" onPress={() => setPicked(null)} />
          </Row>
          {!item ? <Button label="Upload and attach" onPress={() => void upload()} /> : null}
        </Card>
      ) : null}
      {item ? (
        <Card label="Upload">
          <Body tone={item.state === 'failed' || item.state === 'conflict' ? 'danger' : undefined}>
            {STATE_LABELS[item.state]}
            {item.state === 'sending' && item.progress != null ? ` ${Math.round(item.progress * 100)}%` : ''}
            {item.error && item.state !== 'sent' ? ` — ${item.error}` : ''}
          </Body>
          {documentId ? <Button label="See the draft" onPress={() => router.replace(`/documents/${documentId}`)} /> : null}
        </Card>
      ) : null}
    </Screen>
  );
}
