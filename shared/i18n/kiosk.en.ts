/** Words of kiosk screens (check-in desk and voting tablets) in English: exactly the keys of kiosk.zh-CN.ts (checked by tsc). */
import type { kioskZh } from './kiosk.zh-CN.ts';

export const kioskEn: Record<keyof typeof kioskZh, string> = {
};
