import type { ThemeConfig } from 'antd';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#9f1d20',
    colorLink: '#9f1d20',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif",
  },
  components: {
    Layout: { siderBg: '#1f1f1f', triggerBg: '#141414', headerBg: '#ffffff', headerPadding: '0 24px' },
    Menu: { darkItemBg: '#1f1f1f', darkSubMenuItemBg: '#141414', darkItemSelectedBg: '#9f1d20' },
  },
};
