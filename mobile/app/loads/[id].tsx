export { default } from '@/screens/LoadScreen';
