export { default } from '@/screens/ReportScreen';
