export { default } from '@/screens/QueueScreen';
