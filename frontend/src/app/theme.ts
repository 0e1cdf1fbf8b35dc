import type { ThemeConfig } from 'antd';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#9f1d20',
    colorLink: '#9f1d20',
    borderRadius: 6,
    // Secondary and hint text dark enough for WCAG AA (4.5:1) on white and on the grey page background.
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    // Danger buttons and error text readable on white (antd's #ff4d4f is 3.3:1).
    colorError: '#c41d1f',
    // Success text (margins, "paid") readable on white: antd's #52c41a is 2.3:1, this is 5.8:1.
    colorSuccess: '#237804',
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
