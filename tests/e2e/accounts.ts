export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'Demo@2026';

export const E2E_USERS = [
  { username: 'e2e_lock', displayName: '锁定测试', role: 'clerk', password: 'Lock@2026' },
  // Not demo data: its role (系统管理员) requires a 动态口令, so it is held until it enrols (totp.spec.ts).
  { username: 'e2e_totp', displayName: '双因素测试', role: 'sysadmin', password: 'Totp@2026' },
] as const;
