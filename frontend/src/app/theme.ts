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
    // Compact items: the whole menu (the AI assistant included) fits a 900 px tall screen.
    Menu: {
      darkItemBg: '#1f1f1f',
      darkSubMenuItemBg: '#141414',
      darkItemSelectedBg: '#9f1d20',
      darkGroupTitleColor: 'rgba(255,255,255,0.75)',
      itemHeight: 32,
      itemMarginBlock: 2,
      groupTitleFontSize: 12,
      groupTitleLineHeight: 1.2,
    },
  },
};
