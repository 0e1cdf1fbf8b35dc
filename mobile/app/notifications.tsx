export { default } from '@/screens/NotificationsScreen';
