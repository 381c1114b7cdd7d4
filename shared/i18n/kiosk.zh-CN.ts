/** Words of kiosk screens (check-in desk and voting tablets) in Chinese; merged into the main dictionary in zh-CN.ts. */
export const kioskZh = {
};
