export const CHANNELS = {
  door: '上门',
  qr: '扫码',
  phone: '电话',
  paper: '纸质录入',
} as const;
export type Channel = keyof typeof CHANNELS;
export const CHANNEL_IDS = Object.keys(CHANNELS) as [Channel, ...Channel[]];
