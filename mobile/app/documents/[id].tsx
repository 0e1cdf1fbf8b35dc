export { default } from '@/screens/DocumentScreen';
