export { default } from '@/screens/CaptureScreen';
