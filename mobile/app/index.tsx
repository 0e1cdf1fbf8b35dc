export { default } from '@/screens/TodayScreen';
